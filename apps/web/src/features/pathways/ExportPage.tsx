import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import i18n, { directionOf, isSupported } from '../../i18n';
import { useApi } from '../../api/useApi';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { exportPerson } from './api';
import { PersonName } from './labels';
import './pathways.css';

// The catalogues of the other languages, loaded only when a person's export needs one.
const catalogues: Record<string, () => Promise<{ default: Record<string, unknown> }>> = {
  fr: () => import('../../i18n/locales/fr.json'),
  de: () => import('../../i18n/locales/de.json'),
  uk: () => import('../../i18n/locales/uk.json'),
  ar: () => import('../../i18n/locales/ar.json'),
};

/** Everything localpact holds on a person (GDPR Art. 15, 20), printable, in the person's language. */
export function ExportPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const purpose = params.get('ref') || 'subject_access_request';
  const { t } = useTranslation();
  const { data, error, reload } = useApi(`${id}|${purpose}`, (signal) => exportPerson(id, purpose, true, signal));
  const lng = data && isSupported(data.language) ? data.language : 'en';
  const [ready, setReady] = useState<string | null>(null);
  useEffect(() => {
    if (!data) return;
    if (lng === 'en' || i18n.hasResourceBundle(lng, 'translation')) { setReady(lng); return; }
    void catalogues[lng]().then((m) => { i18n.addResourceBundle(lng, 'translation', m.default, true, true); setReady(lng); });
  }, [data, lng]);

  if (error) return <><PageTitle documentTitle={t('pathways.export.title')}>{t('pathways.export.title')}</PageTitle><ErrorState error={error} onRetry={reload} /></>;
  if (!data || ready !== lng) return <Loading />;
  const tp = i18n.getFixedT(lng);
  const p = data.person;
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a'); a.href = url; a.download = `localpact-export-${p.id}.json`; a.click(); URL.revokeObjectURL(url);
  };
  return (
    <>
      <p className="no-print">
        <Link to={`/people/${p.id}`}>{t('pathways.export.back')}</Link>{' · '}
        <Button variant="secondary" onClick={() => window.print()}>{t('pathways.export.print')}</Button>{' '}
        <Button variant="secondary" onClick={download}>{t('pathways.export.json')}</Button>
      </p>
      <article lang={lng} dir={directionOf(lng)} className="export-page">
        <PageTitle documentTitle={tp('pathways.export.title')}>{tp('pathways.export.heading')}: <PersonName person={p} /></PageTitle>
        <p>{tp('pathways.export.intro', { controller: data.controller.name, date: data.generatedAt.slice(0, 10) })}</p>
        <h2>{tp('pathways.person.facts')}</h2>
        <dl className="facts">
          <dt>{tp('pathways.person.givenName')}</dt><dd><bdi>{p.givenName}</bdi></dd>
          <dt>{tp('pathways.person.familyName')}</dt><dd><bdi>{p.familyName}</bdi></dd>
          <dt>{tp('pathways.person.birthDate')}</dt><dd><bdi>{p.birthDate}</bdi></dd>
          <dt>{tp('pathways.person.sex')}</dt><dd>{tp(`pathways.sexes.${p.sex}`)}</dd>
          <dt>{tp('pathways.person.nationalities')}</dt><dd>{p.nationalities.join(', ') || '—'}</dd>
          <dt>{tp('pathways.person.languages')}</dt><dd><bdi>{p.languages.map((l) => `${l.code}${l.level ? ' ' + l.level : ''}`).join(', ') || '—'}</bdi></dd>
          <dt>{tp('pathways.person.phone')}</dt><dd><bdi>{p.phone ?? '—'}</bdi></dd>
          <dt>{tp('pathways.person.email')}</dt><dd><bdi>{p.email ?? '—'}</bdi></dd>
          <dt>{tp('pathways.person.address')}</dt><dd><bdi>{p.address ?? '—'}</bdi></dd>
          <dt>{tp('pathways.person.identifiers')}</dt><dd><bdi>{p.identifiers.map((i) => `${tp(`pathways.identifierTypes.${i.type}`)}: ${i.value}`).join('; ') || '—'}</bdi></dd>
        </dl>
        <h2>{tp('pathways.status.title')}</h2>
        <ul>{p.statuses.map((s) => <li key={s.id}>{tp(`pathways.statusTypes.${s.typeCode}`)} — {tp('pathways.status.validFrom')} <bdi>{s.validFrom ?? '—'}</bdi>, {tp('pathways.status.endsOn')} <bdi>{s.endsOn ?? '—'}</bdi></li>)}</ul>
        <h2>{tp('pathways.plan.goals')}</h2>
        <p><bdi>{p.plan?.goals ?? '—'}</bdi></p>
        <h2>{tp('pathways.steps.title')}</h2>
        <ul>{p.steps.map((s) => <li key={s.id}>{tp(`pathways.domains.${s.domain}`)}: <bdi>{s.title}</bdi> — {tp(`pathways.stepStatuses.${s.status}`)}{s.dueOn && <> ({tp('pathways.steps.due')} <bdi>{s.dueOn}</bdi>)</>}</li>)}</ul>
        <h2>{tp('pathways.consent.title')}</h2>
        <ul>{p.consents.map((c) => <li key={c.id}>{tp(`pathways.purposes.${c.purpose}`)}{c.partnerOrganisation && <> — {c.partnerOrganisation.name}</>}: <bdi>{c.givenOn}</bdi>{c.withdrawnOn && <> ({tp('pathways.consent.withdrawnOn')} <bdi>{c.withdrawnOn}</bdi>)</>}</li>)}</ul>
        <h2>{tp('pathways.referral.title')}</h2>
        <ul>{p.referrals.map((r) => <li key={r.id}>{r.partnerOrganisation.name} — {r.shares.map((s) => tp(`pathways.shares.${s}`)).join(', ')} ({tp(`pathways.referralStatuses.${r.status}`)})</li>)}</ul>
        <h2>{tp('pathways.export.accesses')}</h2>
        <p>{tp('pathways.export.accessesIntro', { count: data.accesses.length })}</p>
        <ul>{data.accesses.slice(-50).map((a, i) => <li key={i}><bdi>{a.at.slice(0, 16).replace('T', ' ')}</bdi> — {a.action} — {a.purpose ?? '—'}</li>)}</ul>
        <h2>{tp('pathways.export.rightsTitle')}</h2>
        <p>{tp('pathways.export.rightsText')}</p>
      </article>
    </>
  );
}
