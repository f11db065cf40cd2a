// Arrival notices in reach, live; and, for national and regional coordinators, the form that
// announces an arrival (or re-announces a remainder: ?parent=ID&persons=N).
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { announce, notices, organisationsOfKind, resourceLabel, resourceTypes, worklist, type ArrivalNotice } from './api';
import { useLiveEvents, useThrottledReload } from './live';
import './reception.css';

export const STATES = ['announced', 'accepted', 'partially_accepted', 'declined', 'withdrawn', 'arrived', 'expired'] as const;
export const PROCEDURES = ['asylum', 'border_procedure', 'relocation', 'resettlement', 'temporary_protection'] as const;

export function formatWhen(iso: string | null, lang: string): string {
  return iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';
}

export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const state = search.get('state') ?? '';
  const list = useApi(`notices|${state}`, (s) => notices({ state: state || undefined }, s));
  const work = useApi('worklist', (s) => worklist(s));
  const reload = useThrottledReload(() => { list.reload(); work.reload(); });
  useLiveEvents(['notice.'], reload);
  const canAnnounce = !!me && can('shared.write') && ['national_authority', 'regional_authority'].includes(me.organisation.kind);

  return (
    <>
      <PageTitle documentTitle={t('reception.notices.title')}>{t('reception.notices.title')}</PageTitle>
      <p className="lead">{t('reception.notices.intro')}</p>
      {work.data && (work.data.awaiting.length > 0 || work.data.overdue.length > 0) && (
        <section className="section card" aria-labelledby="worklist-heading">
          <h2 id="worklist-heading">{t('reception.worklist.title')}</h2>
          {work.data.awaiting.length > 0 && (
            <>
              <h3>{t('reception.worklist.awaiting')}</h3>
              <ul>{work.data.awaiting.map((n) => <li key={n.id}><Link to={`/reception/notices/${n.id}`}>{n.reference}</Link> — {t(`reception.states.${n.state}`)}, {t('reception.worklist.by', { when: formatWhen(n.nextBy, i18n.language) })}{n.overdue && <strong className="reception-overdue"> {t('reception.notices.overdue')}</strong>}</li>)}</ul>
            </>
          )}
          {work.data.overdue.length > 0 && (
            <>
              <h3>{t('reception.worklist.overdue')}</h3>
              <ul>{work.data.overdue.map((n) => <li key={n.id}><Link to={`/reception/notices/${n.id}`}>{n.reference}</Link> — {n.target.name}, {t('reception.worklist.since', { when: formatWhen(n.deadlineAt, i18n.language) })}</li>)}</ul>
            </>
          )}
        </section>
      )}
      {canAnnounce && <AnnounceForm onCreated={list.reload} />}
      <section className="section" aria-labelledby="notices-list">
        <h2 id="notices-list">{t('reception.notices.listTitle')}</h2>
        <Select label={t('reception.notices.state')} value={state} emptyOption={t('reception.notices.anyState')}
          onChange={(e) => { const p = new URLSearchParams(search); if (e.target.value) p.set('state', e.target.value); else p.delete('state'); setSearch(p); }}
          options={STATES.map((s) => ({ value: s, label: t(`reception.states.${s}`) }))} />
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
          <Table
            caption={t('reception.notices.caption', { count: list.data.total })}
            columns={[
              { key: 'ref', header: t('reception.notices.reference'), rowHeader: true, cell: (n: ArrivalNotice) => <Link to={`/reception/notices/${n.id}`}>{n.reference}</Link> },
              { key: 'state', header: t('reception.notices.state'), cell: (n) => <span className={`reception-state reception-state--${n.state}`} data-testid={`state-${n.id}`}>{t(`reception.states.${n.state}`)}</span> },
              { key: 'target', header: t('reception.notices.target'), cell: (n) => n.target.name },
              { key: 'persons', header: t('reception.notices.persons'), numeric: true, cell: (n) => n.acceptedPersons !== null ? `${n.acceptedPersons} / ${n.persons}` : n.persons },
              { key: 'deadline', header: t('reception.notices.deadline'), cell: (n) => <>{formatWhen(n.deadlineAt, i18n.language)}{n.overdue && <strong className="reception-overdue"> {t('reception.notices.overdue')}</strong>}</> },
            ]}
            rows={list.data.items}
            rowKey={(n) => n.id}
            empty={t('reception.notices.empty')}
          />
        )}
      </section>
      <section className="section" aria-labelledby="notices-export">
        <h2 id="notices-export">{t('reception.exports.title')}</h2>
        <ul>
          <li><a href="/api/reception/notices/export?format=csv">{t('reception.exports.noticesCsv')}</a></li>
          <li><a href="/api/reception/notices/export?format=json">{t('reception.exports.noticesJson')}</a></li>
        </ul>
      </section>
    </>
  );
}

function AnnounceForm({ onCreated }: { onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const parentId = search.get('parent');
  const targets = useApi(`targets|${me?.organisation.territory.code}`, (s) => organisationsOfKind('municipality', me!.organisation.territory.code, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const inThreeDays = useMemo(() => { const d = new Date(Date.now() + 72 * 3_600_000); d.setMinutes(0, 0, 0); return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16); }, []);
  const [v, setV] = useState({ target: '', procedure: 'relocation', expectedAt: inThreeDays, deadlineHours: '48', households: '1', persons: search.get('persons') ?? '', resource: 'emergency_beds', children: '', minors: '', languages: '', note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setErrors({}); setProblem(null);
    const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
    try {
      const created = await announce({
        targetOrganisationId: v.target || undefined, procedure: v.procedure, expectedAt: v.expectedAt ? new Date(v.expectedAt).toISOString() : undefined,
        deadlineHours: num(v.deadlineHours), households: num(v.households), persons: num(v.persons), resource: v.resource,
        needs: { ...(num(v.children) !== undefined ? { children6to11: num(v.children) } : {}), ...(num(v.minors) !== undefined ? { unaccompaniedMinors: num(v.minors) } : {}), ...(v.languages.trim() ? { languages: v.languages.split(/[,\s]+/).filter(Boolean).map((x) => x.toLowerCase()) } : {}) },
        ...(v.note.trim() ? { note: v.note.trim() } : {}), ...(parentId ? { parentId } : {}),
      });
      onCreated();
      navigate(`/reception/notices/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        setErrors({ ...f, target: f.targetOrganisationId ?? '' });
        setProblem(err.title);
      } else setProblem(String(err));
    } finally { setBusy(false); }
  }
  return (
    <form className="form section card" onSubmit={submit} aria-labelledby="announce-heading" noValidate>
      <h2 id="announce-heading">{parentId ? t('reception.announce.titleRemainder') : t('reception.announce.title')}</h2>
      {problem && <Alert tone="error" title={problem} />}
      <div className="form--grid">
        <Select label={t('reception.announce.target')} name="target" value={v.target} onChange={set('target')} error={errors.target || undefined} emptyOption={t('reception.announce.chooseTarget')}
          options={(targets.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        <Select label={t('reception.announce.procedure')} name="procedure" value={v.procedure} onChange={set('procedure')} options={PROCEDURES.map((p) => ({ value: p, label: t(`reception.procedures.${p}`) }))} />
        <TextField label={t('reception.announce.expectedAt')} name="expectedAt" type="datetime-local" value={v.expectedAt} onChange={set('expectedAt')} error={errors.expectedAt} />
        <TextField label={t('reception.announce.deadlineHours')} name="deadlineHours" type="number" min={1} inputMode="numeric" value={v.deadlineHours} onChange={set('deadlineHours')} error={errors.deadlineHours} />
        <TextField label={t('reception.announce.households')} name="households" type="number" min={1} inputMode="numeric" value={v.households} onChange={set('households')} error={errors.households} />
        <TextField label={t('reception.announce.persons')} name="persons" type="number" min={1} inputMode="numeric" value={v.persons} onChange={set('persons')} error={errors.persons} />
        <Select label={t('reception.announce.resource')} name="resource" value={v.resource} onChange={set('resource')} options={(types.data?.items ?? []).map((r) => ({ value: r.code, label: resourceLabel(types.data?.items, r.code, i18n.language) }))} />
        <TextField label={t('reception.announce.children')} name="children" type="number" min={0} inputMode="numeric" value={v.children} onChange={set('children')} />
        <TextField label={t('reception.announce.minors')} name="minors" type="number" min={0} inputMode="numeric" value={v.minors} onChange={set('minors')} />
        <TextField label={t('reception.announce.languages')} hint={t('reception.announce.languagesHint')} name="languages" value={v.languages} onChange={set('languages')} error={errors.needs} />
      </div>
      <TextField label={t('reception.announce.note')} name="note" value={v.note} onChange={set('note')} />
      <div className="form__actions"><Button type="submit" busy={busy}>{t('reception.announce.submit')}</Button></div>
    </form>
  );
}
