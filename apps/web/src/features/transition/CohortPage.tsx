import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import {
  CONDITIONS, DOMAINS, STEP_FOR, applyBulk, cohort, previewBulk, routeName, undoForPerson, TRANSITION_PLANNING,
  type BulkAction, type BulkPreview, type Cohort, type CohortFilter,
} from './api';
import './transition.css';

type Member = Cohort['items'][number];
const PAGE = 500;

/**
 * The municipality's cohort whose status ends in a window: grouped by end date, route, what is
 * missing and state; a selection gets the same plan step with one reason, after a preview.
 */
export function CohortPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ from: '2027-03-01', to: '2027-03-31', employed: '', missing: '' });
  const [filter, setFilter] = useState<CohortFilter>({ from: '2027-03-01', to: '2027-03-31' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { data, error, reload } = useApi(JSON.stringify(filter), (signal) => cohort({ ...filter, limit: PAGE, offset: 0 }, signal));
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  return (
    <>
      <PageTitle documentTitle={t('transition.cohort.title')}>{t('transition.cohort.title')}</PageTitle>
      <p className="muted">{t('transition.cohort.intro')}</p>
      <form className="form form--inline" aria-label={t('transition.cohort.filter')} onSubmit={(e) => {
        e.preventDefault(); setSelected(new Set());
        setFilter({ from: draft.from, to: draft.to, ...(draft.employed ? { employed: draft.employed === 'yes' } : {}), ...(draft.missing ? { missing: draft.missing as CohortFilter['missing'] } : {}) });
      }}>
        <TextField name="from" type="date" label={t('transition.cohort.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
        <TextField name="to" type="date" label={t('transition.cohort.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
        <Select name="employed" label={t('transition.cohort.employed')} emptyOption={t('transition.cohort.anyone')} value={draft.employed} onChange={(e) => setDraft({ ...draft, employed: e.target.value })}
          options={[{ value: 'yes', label: t('transition.cohort.employedYes') }, { value: 'no', label: t('transition.cohort.employedNo') }]} />
        <Select name="missing" label={t('transition.cohort.missing')} emptyOption={t('transition.cohort.anything')} value={draft.missing} onChange={(e) => setDraft({ ...draft, missing: e.target.value })}
          options={CONDITIONS.map((c) => ({ value: c, label: t(`transition.conditions.${c}`) }))} />
        <Button type="submit">{t('transition.cohort.show')}</Button>
      </form>
      {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading /> : (
        <>
          <p role="status">{t('transition.cohort.summary', { people: data.total, households: data.households })}</p>
          <div className="transition-groups">
            <Table caption={t('transition.cohort.byEndDate')} rowKey={(r) => r.endsOn} rows={data.byEndDate}
              columns={[{ key: 'd', header: t('transition.cohort.endsOn'), cell: (r) => r.endsOn, rowHeader: true }, { key: 'p', header: t('transition.cohort.people'), cell: (r) => r.people, numeric: true }, { key: 'h', header: t('transition.cohort.households'), cell: (r) => r.households, numeric: true }]} />
            <Table caption={t('transition.cohort.byRoute')} rowKey={(r) => r.route?.id ?? 'none'} rows={data.byRoute}
              columns={[{ key: 'r', header: t('transition.cohort.route'), cell: (r) => (r.route ? routeName(r.route.names, i18n.language) : t('transition.cohort.noRoute')), rowHeader: true }, { key: 'p', header: t('transition.cohort.people'), cell: (r) => r.people, numeric: true }]} />
            <Table caption={t('transition.cohort.byMissing')} rowKey={(r) => r.condition} rows={data.byMissing}
              columns={[{ key: 'c', header: t('transition.cohort.condition'), cell: (r) => t(`transition.conditions.${r.condition}`), rowHeader: true }, { key: 'p', header: t('transition.cohort.people'), cell: (r) => r.people, numeric: true }]} />
          </div>
          <h2>{t('transition.cohort.people')}</h2>
          <div className="form form--inline">
            <Button variant="secondary" onClick={() => setSelected(new Set(data.items.map((m) => m.personId)))}>{t('transition.cohort.selectAll', { n: data.items.length })}</Button>
            <Button variant="secondary" onClick={() => setSelected(new Set())}>{t('transition.cohort.selectNone')}</Button>
            <span role="status">{t('transition.cohort.selected', { n: selected.size })}</span>
          </div>
          <Table<Member> caption={t('transition.cohort.people')} hideCaption rowKey={(m) => m.personId} rows={data.items} empty={t('transition.cohort.empty')}
            columns={[
              { key: 's', header: <span className="visually-hidden">{t('transition.cohort.select')}</span>, cell: (m) => <Checkbox label={t('transition.cohort.selectPerson', { name: `${m.givenName} ${m.familyName}` })} className="checkbox--bare" checked={selected.has(m.personId)} onChange={() => toggle(m.personId)} /> },
              { key: 'n', header: t('transition.cohort.name'), cell: (m) => <Link to={`/people/${m.personId}`}>{m.givenName} {m.familyName}</Link>, rowHeader: true },
              { key: 'e', header: t('transition.cohort.endsOn'), cell: (m) => m.endsOn },
              { key: 'r', header: t('transition.cohort.likelyRoute'), cell: (m) => (m.likelyRoute ? routeName(m.likelyRoute.names, i18n.language) : t('transition.cohort.noRoute')) },
              { key: 'm', header: t('transition.cohort.missing'), cell: (m) => m.missing.map((c) => t(`transition.conditions.${c}`)).join(', ') || '—' },
              { key: 'st', header: t('transition.cohort.state'), cell: (m) => t(`transition.states.${m.state}`) },
            ]} />
          <BulkStepForm filter={filter} selected={[...selected]} onDone={reload} />
        </>
      )}
    </>
  );
}

function BulkStepForm({ filter, selected, onDone }: { filter: CohortFilter; selected: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState({ domain: 'documents_legal', title: '', dueOn: '', for: 'adult' });
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [done, setDone] = useState<(BulkAction & { people: BulkPreview['affected'] }) | null>(null);
  const [undone, setUndone] = useState<Set<string>>(new Set());
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = () => ({
    purpose: TRANSITION_PLANNING, cohort: filter, ...(selected.length ? { personIds: selected } : {}), reason,
    step: { domain: step.domain as 'documents_legal', title: step.title, dueOn: step.dueOn || null, followUp: true, for: step.for as 'adult' },
  });
  const run = async (f: () => Promise<void>) => { setBusy(true); setMsg(null); try { await f(); } catch (err) { setMsg(errorMessage(err, t)); } finally { setBusy(false); } };
  return (
    <section className="section card" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('transition.bulk.title')}</h2>
      <p className="muted">{selected.length ? t('transition.bulk.forSelected', { n: selected.length }) : t('transition.bulk.forCohort')}</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void run(async () => { setPreview(await previewBulk(body())); setDone(null); }); }}>
        <Select name="domain" label={t('transition.bulk.domain')} value={step.domain} onChange={(e) => setStep({ ...step, domain: e.target.value })} options={DOMAINS.map((d) => ({ value: d, label: t(`pathways.domains.${d}`) }))} />
        <TextField name="title" label={t('transition.bulk.stepTitle')} hint={t('transition.bulk.stepTitleHint')} value={step.title} onChange={(e) => { setStep({ ...step, title: e.target.value }); setPreview(null); }} required maxLength={300} />
        <TextField name="dueOn" type="date" label={t('transition.bulk.dueOn')} value={step.dueOn} onChange={(e) => setStep({ ...step, dueOn: e.target.value })} />
        <Select name="for" label={t('transition.bulk.for')} value={step.for} onChange={(e) => { setStep({ ...step, for: e.target.value }); setPreview(null); }} options={STEP_FOR.map((f) => ({ value: f, label: t(`transition.bulk.forOptions.${f}`) }))} />
        <TextField name="reason" label={t('transition.bulk.reason')} hint={t('transition.bulk.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={500} />
        <Button type="submit" variant="secondary" busy={busy}>{t('transition.bulk.preview')}</Button>
      </form>
      {msg && <Alert tone="error"><p>{msg}</p></Alert>}
      {preview && !done && (
        <div className="section">
          <h3>{t('transition.bulk.previewTitle')}</h3>
          <p role="status">{t('transition.bulk.previewSummary', { affected: preview.affected.length, excluded: preview.excluded.length })}</p>
          {preview.notInCohort > 0 && <p>{t('transition.bulk.notInCohort', { n: preview.notInCohort })}</p>}
          {preview.excluded.length > 0 && (
            <Table caption={t('transition.bulk.excludedTitle')} rowKey={(x) => x.personId} rows={preview.excluded}
              columns={[{ key: 'n', header: t('transition.cohort.name'), cell: (x) => `${x.givenName} ${x.familyName}`, rowHeader: true }, { key: 'r', header: t('transition.bulk.why'), cell: (x) => t(`transition.exclusions.${x.reason}`) }]} />
          )}
          <Button busy={busy} disabled={!preview.affected.length} onClick={() => void run(async () => {
            const r = await applyBulk(body()); setDone({ ...r, people: preview.affected }); setUndone(new Set()); onDone();
          })}>{t('transition.bulk.apply', { n: preview.affected.length })}</Button>
        </div>
      )}
      {done && (
        <div className="section">
          <Alert tone="success"><p>{t('transition.bulk.applied', { n: done.affected })}</p></Alert>
          <Table caption={t('transition.bulk.appliedTo')} rowKey={(p) => p.personId} rows={done.people}
            columns={[
              { key: 'n', header: t('transition.cohort.name'), cell: (p) => `${p.givenName} ${p.familyName}`, rowHeader: true },
              { key: 'u', header: <span className="visually-hidden">{t('transition.bulk.undo')}</span>, cell: (p) => (undone.has(p.personId) ? t('transition.bulk.undone') : (
                <Button variant="secondary" onClick={() => void run(async () => { await undoForPerson(done.id, p.personId); setUndone((s) => new Set(s).add(p.personId)); onDone(); })}>
                  {t('transition.bulk.undo')}<span className="visually-hidden"> — {p.givenName} {p.familyName}</span>
                </Button>)) },
            ]} />
        </div>
      )}
    </section>
  );
}
