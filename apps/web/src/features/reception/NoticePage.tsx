// One arrival notice: its state machine (where it stands, who acts next and by when), the actions
// the signed-in user may take, and every earlier version. Updates live.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { act, resourceLabel, resourceTypes, notice as getNotice, type ArrivalNotice } from './api';
import { useLiveEvents } from './live';
import { formatWhen } from './NoticesPage';
import { languageList } from '../../ui/names';
import './reception.css';

const FLOW = ['announced', 'accepted', 'partially_accepted', 'arrived'] as const;
const ENDS = ['declined', 'withdrawn', 'expired'] as const;

export function NoticePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const data = useApi(id, (s) => getNotice(id, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  useLiveEvents(['notice.'], (e) => { if (e.recordId === id) data.reload(); });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [persons, setPersons] = useState('');
  const [reason, setReason] = useState('');
  const [amendPersons, setAmendPersons] = useState('');
  const [departPersons, setDepartPersons] = useState('');
  // Households left out of a partial acceptance (a notice that lists its households is accepted household by household).
  const [leftOut, setLeftOut] = useState<string[]>([]);

  if (data.error) return (<><PageTitle documentTitle={t('reception.notices.title')}>{t('reception.notices.title')}</PageTitle><ErrorState error={data.error} onRetry={data.reload} /></>);
  if (!data.data) return (<><PageTitle documentTitle={t('reception.notices.title')}>{t('reception.notices.title')}</PageTitle><Loading /></>);
  const n = data.data;
  const title = t('reception.notice.title', { reference: n.reference });

  async function run(action: string, body: Record<string, unknown>, e?: FormEvent) {
    e?.preventDefault();
    setBusy(action); setProblem(null);
    try { await act(id, action, { ...body, version: n.version }); setReason(''); setDepartPersons(''); data.reload(); }
    catch (err) { setProblem(err instanceof ApiError ? [err.title, ...err.errors.map((x) => x.message), err.detail].filter(Boolean).join(' — ') : String(err)); data.reload(); }
    finally { setBusy(null); }
  }
  const remainder = n.persons - (n.acceptedPersons ?? 0);
  const isIssuer = me?.organisation.id === n.issuer.id;
  const listed = n.householdDetails ?? [];
  const acceptedHouseholds = listed.filter((h) => !leftOut.includes(h.reference));
  const acceptBody = listed.length
    ? { persons: acceptedHouseholds.reduce((sum, h) => sum + h.ages.length, 0), ...(leftOut.length ? { households: acceptedHouseholds.map((h) => h.reference) } : {}) }
    : { persons: Number(persons || n.persons) };

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p><Link to="/reception/notices">{t('reception.notice.back')}</Link></p>
      <p className="lead">
        <span className={`reception-state reception-state--${n.state}`} data-testid="notice-state">{t(`reception.states.${n.state}`)}</span>
        {n.overdue && <strong className="reception-overdue"> {t('reception.notices.overdue')}</strong>}
      </p>
      <section className="section" aria-labelledby="flow-heading">
        <h2 id="flow-heading">{t('reception.notice.flow')}</h2>
        <ol className="reception-flow">
          {[...FLOW, ...ENDS].map((s) => (
            <li key={s} aria-current={s === n.state ? 'step' : undefined} className={s === n.state ? 'reception-flow__current' : undefined}>{t(`reception.states.${s}`)}</li>
          ))}
        </ol>
        <p data-testid="next-actor">{n.nextActor === 'none' ? t('reception.notice.finished') : t('reception.notice.next', { who: n.target.name, when: formatWhen(n.nextBy, i18n.language) })}</p>
      </section>
      <NoticeFacts notice={n} resourceName={resourceLabel(types.data?.items, n.resource, i18n.language)} />
      {listed.length > 0 && <NoticeHouseholds notice={n} showPeopleLink={n.state === 'arrived' && me?.organisation.id === n.target.id} />}
      {problem && <Alert tone="error" title={t('reception.notice.notDone')}><p>{problem}</p></Alert>}
      {n.actions.length > 0 && (
        <section className="section card" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('reception.notice.actions')}</h2>
          {n.actions.includes('accept') && (listed.length ? (
            <form className="form" onSubmit={(e) => run('accept', acceptBody, e)}>
              <fieldset className="checkbox-group reception-households">
                <legend>{t('reception.notice.acceptHouseholds')}</legend>
                {listed.map((h) => (
                  <Checkbox key={h.reference} name="acceptHousehold" label={t('reception.notice.householdOption', { reference: h.reference, persons: h.ages.length, ages: h.ages.join(', ') })}
                    checked={!leftOut.includes(h.reference)} onChange={(e) => setLeftOut(e.target.checked ? leftOut.filter((r) => r !== h.reference) : [...leftOut, h.reference])} />
                ))}
              </fieldset>
              <Button type="submit" busy={busy === 'accept'} disabled={acceptBody.persons === 0}>{t('reception.notice.acceptCount', { persons: acceptBody.persons })}</Button>
            </form>
          ) : (
            <form className="form form--inline" onSubmit={(e) => run('accept', acceptBody, e)}>
              <TextField label={t('reception.notice.acceptPersons', { max: n.persons })} name="acceptPersons" type="number" min={1} max={n.persons} inputMode="numeric" value={persons} placeholder={String(n.persons)} onChange={(e) => setPersons(e.target.value)} />
              <Button type="submit" busy={busy === 'accept'}>{t('reception.notice.accept')}</Button>
            </form>
          ))}
          {(n.actions.includes('decline') || n.actions.includes('withdraw')) && (
            <form className="form form--inline" onSubmit={(e) => run(n.actions.includes('decline') ? 'decline' : 'withdraw', { reason: reason.trim() || undefined }, e)}>
              <TextField label={n.actions.includes('decline') ? t('reception.notice.declineReason') : t('reception.notice.withdrawReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button type="submit" variant="secondary" busy={busy === 'decline' || busy === 'withdraw'}>{n.actions.includes('decline') ? t('reception.notice.decline') : t('reception.notice.withdraw')}</Button>
            </form>
          )}
          {n.actions.includes('amend') && (
            <form className="form form--inline" onSubmit={(e) => run('amend', { persons: Number(amendPersons) }, e)}>
              <TextField label={t('reception.notice.amendPersons')} name="amendPersons" type="number" min={1} inputMode="numeric" value={amendPersons} onChange={(e) => setAmendPersons(e.target.value)} />
              <Button type="submit" variant="secondary" busy={busy === 'amend'}>{t('reception.notice.amend')}</Button>
            </form>
          )}
          {n.actions.includes('arrived') && <Button onClick={() => run('arrived', {})} busy={busy === 'arrived'}>{t('reception.notice.arrived')}</Button>}
          {n.actions.includes('depart') && (
            <form className="form form--inline" onSubmit={(e) => run('depart', { persons: Number(departPersons), reason: reason.trim() || undefined }, e)}>
              <TextField label={t('reception.notice.departPersons', { max: n.held.occupied })} name="departPersons" type="number" min={1} max={n.held.occupied} inputMode="numeric" value={departPersons} onChange={(e) => setDepartPersons(e.target.value)} />
              <TextField label={t('reception.notice.departReason')} name="departReason" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button type="submit" variant="secondary" busy={busy === 'depart'}>{t('reception.notice.depart')}</Button>
            </form>
          )}
        </section>
      )}
      {isIssuer && remainder > 0 && ['partially_accepted', 'declined'].includes(n.state) && (
        <p><Link className="link-strong" to={`/reception/notices?parent=${n.id}&persons=${remainder}`}>{t('reception.notice.reannounce', { count: remainder })}</Link></p>
      )}
      <NoticeVersions notice={n} />
    </>
  );
}

/** What the notice says: who, what, when, for how many. */
function NoticeFacts({ notice: n, resourceName }: { notice: ArrivalNotice; resourceName: string }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="reception-facts">
      <dt>{t('reception.notice.from')}</dt><dd>{n.issuer.name}</dd>
      <dt>{t('reception.notice.to')}</dt><dd>{n.target.name}</dd>
      <dt>{t('reception.announce.procedure')}</dt><dd>{t(`reception.procedures.${n.procedure}`)}</dd>
      <dt>{t('reception.announce.expectedAt')}</dt><dd>{formatWhen(n.expectedAt, i18n.language)}</dd>
      <dt>{t('reception.notices.deadline')}</dt><dd>{formatWhen(n.deadlineAt, i18n.language)}</dd>
      <dt>{t('reception.announce.households')}</dt><dd>{n.households}</dd>
      <dt>{t('reception.announce.persons')}</dt><dd data-testid="notice-persons">{n.persons}</dd>
      <dt>{t('reception.notice.accepted')}</dt><dd>{n.acceptedPersons ?? '—'}</dd>
      <dt>{t('reception.notice.held')}</dt><dd data-testid="notice-held">{t('reception.notice.heldValue', { reserved: n.held.reserved, occupied: n.held.occupied })}</dd>
      {n.state === 'announced' && (<><dt>{t('reception.notice.expiresAt')}</dt><dd>{formatWhen(n.expiresAt, i18n.language)}</dd></>)}
      <dt>{t('reception.announce.resource')}</dt><dd>{resourceName}</dd>
      <dt>{t('reception.notice.needs')}</dt><dd>{describeNeeds(n, t, i18n.language)}</dd>
      {n.reason && (<><dt>{t('reception.notice.reason')}</dt><dd>{n.reason}</dd></>)}
      {n.note && (<><dt>{t('reception.announce.note')}</dt><dd>{n.note}</dd></>)}
      {n.parentId && (<><dt>{t('reception.notice.parent')}</dt><dd><Link to={`/reception/notices/${n.parentId}`}>{t('reception.notice.openParent')}</Link></dd></>)}
    </dl>
  );
}

/** The pseudonymous households a notice announces, and each one's answer. */
function NoticeHouseholds({ notice: n, showPeopleLink }: { notice: ArrivalNotice; showPeopleLink: boolean }) {
  const { t, i18n } = useTranslation();
  const listed = n.householdDetails ?? [];
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <section className="section" aria-labelledby="households-heading">
      <h2 id="households-heading">{t('reception.notice.householdsTitle')}</h2>
      <p className="muted">{t('reception.notice.householdsIntro')}</p>
      <Table
        caption={t('reception.notice.householdsCaption')}
        columns={[
          { key: 'ref', header: t('reception.notice.householdReference'), rowHeader: true, cell: (h: typeof listed[number]) => <bdi>{h.reference}</bdi> },
          { key: 'persons', header: t('reception.announce.persons'), numeric: true, cell: (h) => nf.format(h.ages.length) },
          { key: 'ages', header: t('reception.notice.ages'), cell: (h) => h.ages.map((a, i) => (h.sexes[i] && h.sexes[i] !== 'unknown' ? `${a} (${t(`pathways.sexes.${h.sexes[i]}`)})` : String(a))).join(', ') },
          { key: 'languages', header: t('reception.notice.languages'), cell: (h) => languageList(h.languages, i18n.language, t('names.native')) || '—' },
          { key: 'uam', header: t('reception.notice.unaccompanied'), cell: (h) => (h.unaccompaniedMinor ? t('common.yes') : t('common.no')) },
          { key: 'answer', header: t('reception.notice.answer'), cell: (h) => (h.accepted === null ? '—' : h.accepted ? t('reception.notice.householdAccepted') : t('reception.notice.householdNotAccepted')) },
        ]}
        rows={listed}
        rowKey={(h) => h.reference}
      />
      {showPeopleLink && <p><Link to={`/people?q=${encodeURIComponent(n.reference)}`}>{t('reception.notice.openPeople')}</Link></p>}
    </section>
  );
}

/** Every version of the notice, with who changed it. */
function NoticeVersions({ notice: n }: { notice: ArrivalNotice }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="section" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('reception.notice.versions')}</h2>
      <Table
        caption={t('reception.notice.versionsCaption')}
        columns={[
          { key: 'v', header: t('reception.notice.version'), rowHeader: true, numeric: true, cell: (v: NonNullable<ArrivalNotice['versions']>[number]) => v.version },
          { key: 'action', header: t('reception.notice.change'), cell: (v) => t(`reception.changes.${v.action}`, { defaultValue: v.action }) },
          { key: 'at', header: t('reception.history.when'), cell: (v) => formatWhen(v.at, i18n.language) },
          { key: 'who', header: t('reception.history.by'), cell: (v) => v.actorName ?? t('reception.history.someone') },
          { key: 'persons', header: t('reception.announce.persons'), numeric: true, cell: (v) => String(v.snapshot.persons ?? '') },
        ]}
        rows={n.versions ?? []}
        rowKey={(v) => String(v.version)}
      />
    </section>
  );
}

function describeNeeds(n: ArrivalNotice, t: (k: string, o?: Record<string, unknown>) => string, language: string): string {
  const parts: string[] = [];
  const needs = n.needs;
  const kids = (needs.children0to5 ?? 0) + (needs.children6to11 ?? 0) + (needs.children12to17 ?? 0);
  if (kids) parts.push(t('reception.needs.children', { count: kids }));
  if (needs.unaccompaniedMinors) parts.push(t('reception.needs.minors', { count: needs.unaccompaniedMinors }));
  if (needs.medical) parts.push(t('reception.needs.medical', { count: needs.medical }));
  if (needs.accessibility) parts.push(t('reception.needs.accessibility', { count: needs.accessibility }));
  if (needs.languages?.length) parts.push(t('reception.needs.languages', { list: languageList(needs.languages, language, t('names.native')) }));
  return parts.length ? parts.join(' · ') : t('common.none');
}
