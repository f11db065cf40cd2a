// The good-practice library: structured entries searchable by words, domain and country, each with
// its language marked, its figures dated and its sources.
import { practiceDomains } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { formatNumber, practice, practices, type Practice, type PracticeSummary } from './api';
import './dialogue.css';

const COUNTRIES = ['AT', 'BE', 'DE', 'ES', 'FI', 'IT', 'NL', 'PT', 'SE'];

export function PracticesPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState({ q: '', domain: '', country: '' });
  const [domain, setDomain] = useState('');
  const [country, setCountry] = useState('');
  const list = useApi(`practices|${filters.q}|${filters.domain}|${filters.country}`, (s) => practices({ q: filters.q || undefined, domain: filters.domain || undefined, country: filters.country || undefined }, s));
  const title = t('dialogue.practices.title');
  const countryName = (c: string) => new Intl.DisplayNames([i18n.language], { type: 'region' }).of(c) ?? c;
  const onSearch = (e: FormEvent) => { e.preventDefault(); setFilters({ q: q.trim(), domain, country }); };
  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('dialogue.practices.intro')}</p>
      <form role="search" className="form form--filters" onSubmit={onSearch}>
        <TextField name="q" type="search" label={t('dialogue.practices.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <Select name="domain" label={t('dialogue.practices.domain')} value={domain} emptyOption={t('dialogue.practices.anyDomain')} onChange={(e) => setDomain(e.target.value)}
          options={practiceDomains.map((d) => ({ value: d, label: t(`dialogue.domains.${d}`) }))} />
        <Select name="country" label={t('dialogue.practices.country')} value={country} emptyOption={t('dialogue.practices.anyCountry')} onChange={(e) => setCountry(e.target.value)}
          options={COUNTRIES.map((c) => ({ value: c, label: countryName(c) }))} />
        <div className="form__actions"><Button type="submit">{t('dialogue.practices.find')}</Button></div>
      </form>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
        <>
          <p role="status">{t('dialogue.practices.found', { count: list.data.items.length })}</p>
          <ul className="result-list">{list.data.items.map((p) => <PracticeCard key={p.id} p={p} country={countryName(p.country)} />)}</ul>
        </>
      )}
    </>
  );
}

function PracticeCard({ p, country }: { p: PracticeSummary; country: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const full = useApi(open ? `practice|${p.id}` : null, (s) => practice(p.id, s));
  return (
    <li className="card" lang={p.language}>
      <h2 className="card__title">{p.title}</h2>
      <p className="muted">
        {p.place}, {country}{p.population !== null && ` · ${t('dialogue.practices.inhabitants', { n: formatNumber(p.population, i18n.language, 0) })}`}
        {' · '}{p.domains.map((d) => t(`dialogue.domains.${d}`)).join(', ')}
        {' · '}{t('dialogue.practices.language', { language: new Intl.DisplayNames([i18n.language], { type: 'language' }).of(p.language) ?? p.language })}
        {p.namedInCemr && <> · <strong>{t('dialogue.practices.cemr')}</strong></>}
      </p>
      <p>{p.targetGroup}</p>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('dialogue.practices.more')}</summary>
        <h3>{t('dialogue.practices.years')}</h3><p>{p.years}</p>
        {full.error ? <ErrorState error={full.error} onRetry={full.reload} /> : !full.data ? (open ? <Loading /> : null) : <PracticeDetails p={full.data} />}
      </details>
    </li>
  );
}

function PracticeDetails({ p }: { p: Practice }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('dialogue.practices.whatItDoes')}</h3>
      <ul>{p.whatItDoes.map((x, i) => <li key={i}>{x}</li>)}</ul>
      {p.results.length > 0 && <><h3>{t('dialogue.practices.results')}</h3><ul>{p.results.map((r, i) => <li key={i}>{r.figure} ({r.asOf}) — <a href={r.source} rel="noreferrer" target="_blank">{t('dialogue.practices.source')}</a></li>)}</ul></>}
      <h3>{t('dialogue.practices.funding')}</h3><p>{p.funding}</p>
      <h3>{t('dialogue.practices.contact')}</h3><p>{p.contact}</p>
      <h3>{t('dialogue.practices.doubts')}</h3><p>{p.notes}</p>
      <h3>{t('dialogue.practices.sources')}</h3>
      <ul>{p.sources.map((s) => <li key={s}><a href={s} rel="noreferrer" target="_blank" dir="ltr">{s}</a></li>)}</ul>
    </>
  );
}
