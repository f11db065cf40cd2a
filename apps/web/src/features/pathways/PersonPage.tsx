import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import {
  CONSENT_HOWS, CONSENT_PURPOSES, DOMAINS, SHARES, STATUS_TYPES, STEP_STATUSES, addConsent, addStatus, addStep, applyHouseholdTemplate, createReferral,
  correctPerson, erasePerson, getPerson, listTemplates, partnerOrganisations, updateGoals, updateStep, withdrawConsent, type Duplicates, type PersonDetail, type Step,
} from './api';
import { EMAIL, PHONE } from './forms';
import { PersonName, personLabel, todayIso } from './labels';
import { countryList, languageList } from '../../ui/names';
import './pathways.css';

/** A form section that reports its own success and failure (polite status / assertive alert). */
function useAction() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  async function run(fn: () => Promise<unknown>, ok: string) {
    setBusy(true); setMessage(null);
    try { await fn(); setMessage({ tone: 'success', text: ok }); return true; } catch (e) { setMessage({ tone: 'error', text: errorMessage(e, t) }); return false; } finally { setBusy(false); }
  }
  const view = message ? <Alert tone={message.tone}><p>{message.text}</p></Alert> : null;
  return { busy, run, view };
}

function TextArea({ label, value, onChange, hint, name }: { label: string; value: string; onChange: (v: string) => void; hint?: string; name?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">{label}</label>
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
      <textarea id={id} name={name} className="field__input" rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}

function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return <section aria-labelledby={id} className={['section card', className].filter(Boolean).join(' ')}><h2 id={id}>{title}</h2>{children}</section>;
}

/**
 * Editing in place: a section shows what is recorded, and its form only when asked for. The
 * button says what it opens (aria-expanded); Cancel, or a successful save, closes it again and
 * gives focus back to the button.
 */
function useEditor() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggleId = `${id}-toggle`;
  const close = () => { setOpen(false); requestAnimationFrame(() => document.getElementById(toggleId)?.focus()); };
  // Render helpers, not components: the form keeps its state and focus while it is typed in.
  const toggle = (label: string) => (open ? null : (
    <Button id={toggleId} variant="secondary" aria-expanded={false} aria-controls={`${id}-editor`} onClick={() => setOpen(true)}>{label}</Button>
  ));
  const editor = (children: ReactNode) => (open ? (
    <div id={`${id}-editor`} className="editor">
      {children}
      <Button variant="quiet" className="editor__cancel" onClick={close}>{t('pathways.caseFile.cancel')}</Button>
    </div>
  ) : null);
  return { open, close, toggle, editor };
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);
function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number), [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
/** A date as people read it in the page's language; the ISO date stays in <time datetime>. */
function DateText({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return <time dateTime={iso.slice(0, 10)}>{d.toLocaleDateString(i18n.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}</time>;
}
const dateText = (iso: string, lng: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(lng, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What needs the case worker: overdue steps, a status ending within 90 days, no plan. */
export function attentionOf(p: PersonDetail, today: string, t: TFunction, lng: string): string[] {
  const out: string[] = [];
  const open = p.steps.filter((s) => s.status === 'planned' || s.status === 'in_progress');
  for (const s of open) if (s.dueOn && s.dueOn < today) out.push(t('pathways.caseFile.overdue', { title: s.title, date: dateText(s.dueOn, lng) }));
  const current = p.statuses.find((s) => s.current);
  if (current?.endsOn) {
    const name = t(`pathways.statusTypes.${current.typeCode}`);
    const days = daysBetween(today, current.endsOn);
    if (days < 0) out.push(t('pathways.caseFile.ended', { status: name, date: dateText(current.endsOn, lng) }));
    else if (days <= 90) {
      out.push(t('pathways.caseFile.ending', { status: name, date: dateText(current.endsOn, lng), count: days }));
      if (!p.steps.some((s) => s.followUp && s.status !== 'stopped')) out.push(t('pathways.caseFile.noFollowUp'));
    }
  }
  if (p.steps.length === 0) out.push(t('pathways.caseFile.noPlan'));
  return out;
}

interface TimelineEvent { date: string; kind: 'status' | 'step' | 'consent' | 'referral' | 'correction'; text: string; key: string }

/** The dated events of a person's file, oldest first: statuses, steps, consents, referrals, corrections. */
export function timelineOf(p: PersonDetail, today: string, t: TFunction): TimelineEvent[] {
  const ev: TimelineEvent[] = [];
  for (const s of p.statuses) {
    const status = t(`pathways.statusTypes.${s.typeCode}`);
    const from = s.validFrom ?? s.decidedOn ?? s.recordedAt.slice(0, 10);
    ev.push({ date: from, kind: 'status', text: t('pathways.caseFile.ev_status', { status }), key: `status-${s.id}` });
    if (s.endsOn && s.endsOn <= today) ev.push({ date: s.endsOn, kind: 'status', text: t('pathways.caseFile.ev_statusEnded', { status }), key: `status-end-${s.id}` });
  }
  for (const s of p.steps) {
    if (s.startedOn) ev.push({ date: s.startedOn, kind: 'step', text: t('pathways.caseFile.ev_stepStarted', { title: s.title }), key: `step-start-${s.id}` });
    if (s.doneOn) ev.push({ date: s.doneOn, kind: 'step', text: t('pathways.caseFile.ev_stepDone', { title: s.title }), key: `step-done-${s.id}` });
  }
  for (const c of p.consents) {
    const purpose = t(`pathways.purposes.${c.purpose}`);
    ev.push({ date: c.givenOn, kind: 'consent', key: `consent-${c.id}`, text: c.partnerOrganisation ? t('pathways.caseFile.ev_consentPartner', { purpose, partner: c.partnerOrganisation.name }) : t('pathways.caseFile.ev_consent', { purpose }) });
    if (c.withdrawnOn) ev.push({ date: c.withdrawnOn, kind: 'consent', text: t('pathways.caseFile.ev_consentWithdrawn', { purpose }), key: `consent-w-${c.id}` });
  }
  for (const r of p.referrals) ev.push({ date: r.createdAt.slice(0, 10), kind: 'referral', text: t('pathways.caseFile.ev_referral', { partner: r.partnerOrganisation.name }), key: `referral-${r.id}` });
  p.corrections.forEach((c, i) => ev.push({ date: c.at.slice(0, 10), kind: 'correction', text: t('pathways.caseFile.ev_correction', { field: t(`pathways.caseFile.fields.${c.field}`, { defaultValue: c.field }) }), key: `correction-${i}` }));
  return ev.filter((e) => e.date <= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const [glass, setGlass] = useState<string | undefined>(undefined);
  const { data: p, error, reload } = useApi(`${id}|${glass ?? ''}`, (signal) => getPerson(id, { breakGlass: glass, purpose: glass ? 'break_the_glass' : undefined }, signal));

  if (error) {
    return (
      <>
        <PageTitle documentTitle={t('pathways.person.title')}>{t('pathways.person.title')}</PageTitle>
        <ErrorState error={error} onRetry={reload} />
        {error.status === 404 && can('people.read') && <BreakGlass onReason={setGlass} />}
      </>
    );
  }
  if (!p) return <Loading />;
  const writable = p.reachedBy === 'role';
  return (
    <>
      <PageTitle documentTitle={personLabel(p, t)}><PersonName person={p} /></PageTitle>
      {p.reachedBy === 'glass' && <Alert tone="warning" title={t('pathways.glass.active')}><p>{t('pathways.glass.activeText')}</p></Alert>}
      {p.identityPending && writable && <CompleteIdentity p={p} onDone={reload} />}
      <SummarySection p={p} />
      <div className="case-file">
        <div className="case-file__main">
          <TimelineSection p={p} />
          <PlanSection p={p} writable={writable} onChange={reload} />
          <ConsentSection p={p} writable={writable} onChange={reload} />
          <ReferralSection p={p} writable={writable} onChange={reload} />
        </div>
        <div className="case-file__side">
          <FactsSection p={p} writable={writable} onChange={reload} />
          <Section id="household-h" title={t('pathways.household.title')}>
            <ul className="plain-list">{p.household.map((m) => <li key={m.id}>{m.id === p.id ? <PersonName person={m} /> : <Link to={`/people/${m.id}`}><PersonName person={m} /></Link>} — {t(`pathways.householdRoles.${m.householdRole}`)}, <bdi>{m.birthYear}</bdi></li>)}</ul>
            {writable && p.householdId && <p><Link to={`/people?household=${p.householdId}`}>{t('pathways.household.addMember')}</Link></p>}
          </Section>
          <StatusSection p={p} writable={writable} onChange={reload} />
          <Section id="skills-h" title={t('skills.profile.title')}>
            <p><Link to={`/people/${p.id}/skills`}>{t('skills.profile.open')}</Link></p>
          </Section>
          {(can('people.rights')) && <RightsSection p={p} />}
        </div>
      </div>
    </>
  );
}

/**
 * A new arrival's identity, entered from the person's documents: the names (and date of birth if
 * known). The same duplicate check as a registration runs first; the case worker confirms when a
 * match is another person.
 */
function CompleteIdentity({ p, onDone }: { p: PersonDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ givenName: '', familyName: '', birthDate: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!f.givenName.trim()) errs.givenName = t('pathways.errors.required');
    if (!f.familyName.trim()) errs.familyName = t('pathways.errors.required');
    if (f.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(f.birthDate)) errs.birthDate = t('pathways.errors.date');
    setErrors(errs); setFailure(null);
    if (Object.keys(errs).length) { setFailure(t('pathways.errors.summary', { count: Object.keys(errs).length })); return; }
    setBusy(true);
    try {
      await correctPerson(p.id, { version: p.version, givenName: f.givenName.trim(), familyName: f.familyName.trim(), ...(f.birthDate ? { birthDate: f.birthDate } : {}), reason: t('pathways.newArrival.reason'), confirmNotDuplicate: confirmed || undefined });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.problem.duplicates) { setDuplicates(err.problem.duplicates as Duplicates); }
      else { if (err instanceof ApiError) setErrors(err.fieldErrors()); setFailure(errorMessage(err, t)); }
    } finally { setBusy(false); }
  }
  return (
    <Section id="identity-h" title={t('pathways.newArrival.completeTitle')}>
      <p>{t('pathways.newArrival.completeIntro', { reference: p.arrival?.reference ?? '' })}</p>
      {failure && <Alert tone="error" title={t('pathways.newArrival.completeFailed')}><p>{failure}</p></Alert>}
      {duplicates && (
        <Alert tone="warning" title={t('pathways.register.duplicateTitle')}>
          <p>{t('pathways.register.duplicateIntro')}</p>
          <ul className="duplicates">
            {duplicates.matches.map((m) => <li key={m.id}><Link to={`/people/${m.id}`}><bdi>{m.givenName} {m.familyName}</bdi></Link> — <bdi>{m.birthDate}</bdi></li>)}
          </ul>
          <Checkbox label={t('pathways.register.confirmDifferent')} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} name="confirmNotDuplicate" />
        </Alert>
      )}
      <form className="form form--grid" noValidate onSubmit={submit}>
        <TextField name="givenName" label={t('pathways.person.givenName')} autoComplete="off" required value={f.givenName} error={errors.givenName} onChange={(e) => { setF({ ...f, givenName: e.target.value }); setDuplicates(null); setConfirmed(false); }} />
        <TextField name="familyName" label={t('pathways.person.familyName')} autoComplete="off" required value={f.familyName} error={errors.familyName} onChange={(e) => { setF({ ...f, familyName: e.target.value }); setDuplicates(null); setConfirmed(false); }} />
        <TextField name="birthDate" label={t('pathways.person.birthDate')} hint={t('pathways.newArrival.birthDateHint', { year: p.birthYear })} type="date" value={f.birthDate} error={errors.birthDate} onChange={(e) => setF({ ...f, birthDate: e.target.value })} />
        <div className="form__actions"><Button type="submit" busy={busy}>{t('pathways.newArrival.completeSubmit')}</Button></div>
      </form>
    </Section>
  );
}

function SummarySection({ p }: { p: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const today = todayIso();
  const current = p.statuses.find((s) => s.current);
  const attention = attentionOf(p, today, t, i18n.language);
  const me = p.household.find((m) => m.id === p.id);
  return (
    <section aria-labelledby="summary-h" className="section card case-summary">
      <h2 id="summary-h">{t('pathways.caseFile.summary')}</h2>
      <dl className="case-summary__facts">
        <div><dt>{t('pathways.person.birthDate')}</dt><dd>{p.birthDate ? <><DateText iso={p.birthDate} /> ({t('pathways.caseFile.age', { count: ageOn(p.birthDate, today) })})</> : <bdi>{p.birthYear}</bdi>}</dd></div>
        <div><dt>{t('pathways.caseFile.status')}</dt><dd>{current ? <>{t(`pathways.statusTypes.${current.typeCode}`)}{current.endsOn && <>, {t('pathways.caseFile.statusEnds', { date: dateText(current.endsOn, i18n.language) })}</>}</> : t('pathways.caseFile.noStatus')}</dd></div>
        <div><dt>{t('pathways.caseFile.household')}</dt><dd>{t('pathways.caseFile.householdSize', { count: p.household.length, role: t(`pathways.householdRoles.${me?.householdRole ?? p.householdRole}`) })}</dd></div>
        <div><dt>{t('pathways.caseFile.organisation')}</dt><dd>{p.organisation.name}</dd></div>
      </dl>
      <h3 id="attention-h">{t('pathways.caseFile.attention')}</h3>
      {attention.length === 0 ? <p className="muted">{t('pathways.caseFile.nothing')}</p> : (
        <ul className="case-summary__attention" aria-labelledby="attention-h">{attention.map((a) => <li key={a}>{a}</li>)}</ul>
      )}
    </section>
  );
}

function TimelineSection({ p }: { p: PersonDetail }) {
  const { t } = useTranslation();
  const events = timelineOf(p, todayIso(), t);
  return (
    <Section id="timeline-h" title={t('pathways.caseFile.timeline')}>
      {events.length === 0 ? <p className="muted">{t('pathways.caseFile.timelineEmpty')}</p> : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.key} className={`timeline__event timeline__event--${e.kind}`}>
              <span className="timeline__date"><DateText iso={e.date} /></span>
              <span className="timeline__text">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

type ContactField = 'phone' | 'email' | 'address';
/** Contact details, corrected in place with a reason (kept in the file's corrections). */
function FactsSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const ed = useEditor();
  const a = useAction();
  const [f, setF] = useState({ phone: p.phone ?? '', email: p.email ?? '', address: p.address ?? '', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const check = (k: ContactField, v: string): string | undefined => {
    const x = v.trim();
    if (k === 'email' && x && (!EMAIL.test(x) || x.length > 254)) return t('pathways.errors.email');
    if (k === 'phone' && x && !PHONE.test(x)) return t('pathways.errors.phone');
    if (k === 'address' && x.length > 300) return t('pathways.errors.tooLong', { count: 300 });
    return undefined;
  };
  // An error shown for a field goes as soon as the field is right again.
  const set = (k: ContactField) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    if (errors[k]) setErrors({ ...errors, [k]: check(k, e.target.value) });
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<ContactField, string>> = {};
    for (const k of ['phone', 'email', 'address'] as const) { const m = check(k, f[k]); if (m) errs[k] = m; }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body = { version: p.version, reason: f.reason.trim() || null, phone: f.phone.trim() || null, email: f.email.trim() || null, address: f.address.trim() || null };
    const ok = await a.run(async () => {
      try { await correctPerson(p.id, body); } catch (err) {
        if (err instanceof ApiError) setErrors(err.fieldErrors() as Partial<Record<ContactField, string>>);
        throw err;
      }
    }, t('pathways.caseFile.contactSaved'));
    if (ok) { ed.close(); onChange(); }
  }
  return (
    <Section id="facts-h" title={t('pathways.person.facts')}>
      <dl className="facts">
        {p.arrival && (<><dt>{t('pathways.newArrival.arrivedWith')}</dt><dd><Link to={`/reception/notices/${p.arrival.noticeId}`}>{p.arrival.reference}</Link>{' '}<bdi>{t('pathways.newArrival.arrivedDetail', { position: p.arrival.position, of: p.arrival.of, household: p.arrival.householdReference ?? '—', date: p.arrival.arrivedOn })}</bdi></dd></>)}
        <dt>{t('pathways.person.birthDate')}</dt><dd><bdi>{p.birthDate ?? t('pathways.newArrival.bornIn', { year: p.birthYear })}</bdi></dd>
        <dt>{t('pathways.person.sex')}</dt><dd>{t(`pathways.sexes.${p.sex}`)}</dd>
        <dt>{t('pathways.person.nationalities')}</dt><dd>{countryList(p.nationalities, i18n.language) || '—'}</dd>
        <dt>{t('pathways.person.languages')}</dt><dd>{languageList(p.languages, i18n.language, t('names.native')) || '—'}</dd>
        <dt>{t('pathways.person.preferredLocale')}</dt><dd>{t(`pathways.locales.${p.preferredLocale}`, { defaultValue: p.preferredLocale })}</dd>
        <dt>{t('pathways.person.phone')}</dt><dd><bdi>{p.phone ?? '—'}</bdi></dd>
        <dt>{t('pathways.person.email')}</dt><dd><bdi>{p.email ?? '—'}</bdi></dd>
        <dt>{t('pathways.person.address')}</dt><dd><bdi>{p.address ?? '—'}</bdi></dd>
        <dt>{t('pathways.person.identifiers')}</dt><dd><bdi>{p.identifiers.map((i) => `${t(`pathways.identifierTypes.${i.type}`)}: ${i.value}`).join('; ') || '—'}</bdi></dd>
        <dt>{t('pathways.person.organisation')}</dt><dd>{p.organisation.name}</dd>
      </dl>
      {writable && ed.toggle(t('pathways.caseFile.editContact'))}
      {ed.editor(
        <form className="form" noValidate onSubmit={save}>
          <TextField name="phone" label={t('pathways.person.phone')} type="tel" value={f.phone} onChange={set('phone')} error={errors.phone} />
          <TextField name="email" label={t('pathways.person.email')} type="email" value={f.email} onChange={set('email')} error={errors.email} />
          <TextField name="address" label={t('pathways.person.address')} value={f.address} onChange={set('address')} error={errors.address} />
          <TextField name="correctionReason" label={t('pathways.caseFile.reason')} value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />
          <Button type="submit" busy={a.busy}>{t('common.save')}</Button>
        </form>,
      )}
      {a.view}
    </Section>
  );
}

function BreakGlass({ onReason }: { onReason: (r: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | undefined>();
  return (
    <Section id="glass-h" title={t('pathways.glass.title')}>
      <p>{t('pathways.glass.intro')}</p>
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); if (reason.trim().length < 10) { setErr(t('pathways.glass.tooShort')); return; } setErr(undefined); onReason(reason.trim()); }}>
        <TextField name="breakGlassReason" label={t('pathways.glass.reason')} hint={t('pathways.glass.hint')} value={reason} onChange={(e) => setReason(e.target.value)} error={err} />
        <Button type="submit" variant="secondary">{t('pathways.glass.submit')}</Button>
      </form>
    </Section>
  );
}

function StatusSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const a = useAction();
  const ed = useEditor();
  const [type, setType] = useState<string>('temporary_protection');
  const [until, setUntil] = useState('');
  return (
    <Section id="status-h" title={t('pathways.status.title')}>
      <Table caption={t('pathways.status.history')} hideCaption rowKey={(s) => s.id} rows={p.statuses} columns={[
        { key: 'type', header: t('pathways.status.type'), rowHeader: true, cell: (s) => <>{t(`pathways.statusTypes.${s.typeCode}`)}{s.current && <> <span className="badge badge--ok">{t('pathways.status.currentBadge')}</span></>}</> },
        { key: 'from', header: t('pathways.status.validFrom'), cell: (s) => <bdi>{s.validFrom ?? '—'}</bdi> },
        { key: 'ends', header: t('pathways.status.endsOn'), cell: (s) => <bdi>{s.endsOn ?? '—'}</bdi> },
      ]} />
      {writable && ed.toggle(t('pathways.caseFile.newStatus'))}
      {ed.editor(
        <form className="form" onSubmit={async (e) => { e.preventDefault(); if (await a.run(() => addStatus(p.id, { typeCode: type as 'refugee', validUntil: until || null, validFrom: todayIso() }), t('pathways.status.added'))) { ed.close(); onChange(); } }}>
          <Select label={t('pathways.status.type')} value={type} onChange={(e) => setType(e.target.value)} options={STATUS_TYPES.map((s) => ({ value: s, label: t(`pathways.statusTypes.${s}`) }))} />
          <TextField label={t('pathways.status.validUntil')} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          <Button type="submit" variant="secondary" busy={a.busy}>{t('pathways.status.add')}</Button>
        </form>,
      )}
      {a.view}
    </Section>
  );
}

function PlanSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const templates = useApi(writable ? 'templates' : null, (signal) => listTemplates(signal));
  const { can } = useAuth();
  const [tpl, setTpl] = useState('');
  const [goals, setGoals] = useState(p.plan?.goals ?? '');
  const a = useAction();
  const g = useAction();
  const fromTemplate = useEditor();
  const goalsEditor = useEditor();
  // Stopped steps no longer count: progress is what is done of what is still meant to be done.
  const counted = p.steps.filter((s) => s.status !== 'stopped');
  const done = counted.filter((s) => s.status === 'done').length;
  return (
    <Section id="plan-h" title={t('pathways.plan.title')}>
      {counted.length > 0 && (
        <div className="plan-progress">
          <label htmlFor="plan-progress">{t('pathways.caseFile.progressLabel')}</label>
          <progress id="plan-progress" max={counted.length} value={done} aria-describedby="plan-progress-text" />
          <p id="plan-progress-text" className="plan-progress__text">{t('pathways.caseFile.progress', { done, count: counted.length })}</p>
        </div>
      )}
      <h3>{t('pathways.plan.goals')}</h3>
      {p.plan?.goals ? <blockquote className="plan-goals"><bdi>{p.plan.goals}</bdi></blockquote> : <p className="muted">{t('pathways.caseFile.noGoals')}</p>}
      {writable && goalsEditor.toggle(t('pathways.caseFile.editGoals'))}
      {goalsEditor.editor(
        <form className="form" onSubmit={async (e) => { e.preventDefault(); if (await g.run(() => updateGoals(p.id, goals.trim() || null, p.plan?.version), t('pathways.plan.goalsSaved'))) { goalsEditor.close(); onChange(); } }}>
          <TextArea name="goals" label={t('pathways.plan.goals')} hint={t('pathways.plan.goalsHint')} value={goals} onChange={setGoals} />
          <Button type="submit" variant="secondary" busy={g.busy}>{t('pathways.plan.saveGoals')}</Button>
        </form>,
      )}
      {g.view}
      <StepsSection p={p} writable={writable} onChange={onChange} />
      {writable && p.householdId && fromTemplate.toggle(t('pathways.caseFile.useTemplate'))}
      {fromTemplate.editor(
        <form className="form form--inline" onSubmit={async (e) => { e.preventDefault(); if (tpl && await a.run(() => applyHouseholdTemplate(p.householdId!, tpl), t('pathways.plan.applied'))) { fromTemplate.close(); onChange(); } }}>
          <Select name="template" label={t('pathways.plan.template')} value={tpl} onChange={(e) => setTpl(e.target.value)} emptyOption={t('pathways.plan.chooseTemplate')}
            options={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          <Button type="submit" variant="secondary" busy={a.busy}>{t('pathways.plan.apply')}</Button>
        </form>,
      )}
      {a.view}
      {writable && can('shared.write') && <p><Link to="/pathways/templates">{t('pathways.templates.manage')}</Link></p>}
    </Section>
  );
}

function StepItem({ s, writable, onChange }: { s: Step; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(s.status);
  const [reason, setReason] = useState(s.stopReason ?? '');
  const a = useAction();
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await a.run(() => updateStep(s.id, { version: s.version, status: status as 'done', ...(status === 'stopped' ? { stopReason: reason } : {}) }), t('pathways.steps.saved'))) onChange();
  }
  return (
    <li className="pathway-step">
      <div className="pathway-step__head">
        <p className="pathway-step__title">{s.title}</p>
        <span>{t(`pathways.domains.${s.domain}`)}</span>
        <span className="badge">{t(`pathways.stepStatuses.${s.status}`)}</span>
        {s.dueOn && <span>{t('pathways.steps.due')} <bdi>{s.dueOn}</bdi></span>}
        {s.responsibleOrganisation && <span>{s.responsibleOrganisation.name}</span>}
        {s.followUp && <span className="badge">{t('pathways.steps.followUp')}</span>}
      </div>
      {s.stopReason && <p>{t('pathways.steps.stopReason')}: {s.stopReason}</p>}
      {writable && (
        <form className="form form--inline" onSubmit={save}>
          <Select label={t('pathways.steps.status')} value={status} onChange={(e) => setStatus(e.target.value)} options={STEP_STATUSES.map((x) => ({ value: x, label: t(`pathways.stepStatuses.${x}`) }))} aria-describedby={undefined} />
          {status === 'stopped' && <TextField label={t('pathways.steps.stopReason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
          <Button type="submit" variant="secondary" busy={a.busy}>{t('common.save')}<span className="visually-hidden"> — {s.title}</span></Button>
        </form>
      )}
      {a.view}
    </li>
  );
}

function StepsSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ domain: 'language', title: '', dueOn: '', followUp: false });
  const a = useAction();
  const ed = useEditor();
  return (
    <section aria-labelledby="steps-h" className="plan-steps">
      <h3 id="steps-h">{t('pathways.steps.title')}</h3>
      {p.steps.length === 0 ? <p className="muted">{t('pathways.steps.empty')}</p> : (
        <ul className="pathway-steps">{p.steps.map((s) => <StepItem key={`${s.id}-${s.version}`} s={s} writable={writable} onChange={onChange} />)}</ul>
      )}
      {writable && ed.toggle(t('pathways.caseFile.newStep'))}
      {ed.editor(
        <form className="form form--grid" onSubmit={async (e) => { e.preventDefault(); if (!f.title.trim()) return; if (await a.run(() => addStep(p.id, { domain: f.domain as 'language', title: f.title.trim(), dueOn: f.dueOn || null, followUp: f.followUp }), t('pathways.steps.added'))) { setF({ ...f, title: '' }); ed.close(); onChange(); } }}>
          <Select label={t('pathways.steps.domain')} value={f.domain} onChange={(e) => setF({ ...f, domain: e.target.value })} options={DOMAINS.map((d) => ({ value: d, label: t(`pathways.domains.${d}`) }))} />
          <TextField name="stepTitle" label={t('pathways.steps.stepTitle')} value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
          <TextField name="stepDue" label={t('pathways.steps.due')} type="date" value={f.dueOn} onChange={(e) => setF({ ...f, dueOn: e.target.value })} />
          <Checkbox label={t('pathways.steps.followUpLabel')} checked={f.followUp} onChange={(e) => setF({ ...f, followUp: e.target.checked })} />
          <div className="form__actions"><Button type="submit" variant="secondary" busy={a.busy}>{t('pathways.steps.add')}</Button></div>
        </form>,
      )}
      {a.view}
    </section>
  );
}

function ConsentSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const partners = useApi(writable ? 'partners' : null, (signal) => partnerOrganisations(signal));
  const [f, setF] = useState({ purpose: 'share_with_partner', partner: '', givenOn: todayIso(), how: 'in_writing' });
  const a = useAction();
  const w = useAction();
  const ed = useEditor();
  const needsPartner = f.purpose === 'share_with_partner' || f.purpose === 'transfer';
  return (
    <Section id="consent-h" title={t('pathways.consent.title')}>
      <Table caption={t('pathways.consent.title')} hideCaption rowKey={(c) => c.id} rows={p.consents} empty={t('pathways.consent.empty')} columns={[
        { key: 'purpose', header: t('pathways.consent.purpose'), rowHeader: true, cell: (c) => t(`pathways.purposes.${c.purpose}`) },
        { key: 'partner', header: t('pathways.consent.partner'), cell: (c) => c.partnerOrganisation?.name ?? '—' },
        { key: 'given', header: t('pathways.consent.givenOn'), cell: (c) => <><bdi>{c.givenOn}</bdi> ({t(`pathways.hows.${c.how}`)})</> },
        { key: 'state', header: t('pathways.consent.state'), cell: (c) => (c.withdrawnOn ? <>{t('pathways.consent.withdrawnOn')} <bdi>{c.withdrawnOn}</bdi></> : writable ? (
          <Button variant="quiet" busy={w.busy} onClick={async () => { if (await w.run(() => withdrawConsent(c.id), t('pathways.consent.withdrawn'))) onChange(); }}>{t('pathways.consent.withdraw')}<span className="visually-hidden"> — {t(`pathways.purposes.${c.purpose}`)}</span></Button>
        ) : t('pathways.consent.active')) },
      ]} />
      {w.view}
      {writable && ed.toggle(t('pathways.caseFile.newConsent'))}
      {ed.editor(
        <form className="form form--grid" onSubmit={async (e) => { e.preventDefault(); if (await a.run(() => addConsent(p.id, { purpose: f.purpose as 'contact', partnerOrganisationId: needsPartner ? f.partner || null : null, givenOn: f.givenOn, how: f.how as 'orally' }), t('pathways.consent.recorded'))) { ed.close(); onChange(); } }}>
          <Select name="consentPurpose" label={t('pathways.consent.purpose')} value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value })} options={CONSENT_PURPOSES.map((x) => ({ value: x, label: t(`pathways.purposes.${x}`) }))} />
          {needsPartner && <Select name="consentPartner" label={t('pathways.consent.partner')} value={f.partner} onChange={(e) => setF({ ...f, partner: e.target.value })} emptyOption={t('pathways.consent.choosePartner')} options={(partners.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />}
          <TextField name="consentGivenOn" label={t('pathways.consent.givenOn')} type="date" value={f.givenOn} onChange={(e) => setF({ ...f, givenOn: e.target.value })} />
          <Select name="consentHow" label={t('pathways.consent.how')} value={f.how} onChange={(e) => setF({ ...f, how: e.target.value })} options={CONSENT_HOWS.map((x) => ({ value: x, label: t(`pathways.hows.${x}`) }))} />
          <div className="form__actions"><Button type="submit" variant="secondary" busy={a.busy}>{t('pathways.consent.record')}</Button></div>
        </form>,
      )}
      {a.view}
    </Section>
  );
}

function ReferralSection({ p, writable, onChange }: { p: PersonDetail; writable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const partners = useApi(writable ? 'partners' : null, (signal) => partnerOrganisations(signal));
  const [partner, setPartner] = useState('');
  const [shares, setShares] = useState<string[]>(['name', 'languages']);
  const [step, setStep] = useState('');
  const a = useAction();
  const ed = useEditor();
  const hasConsent = (id: string) => p.consents.some((c) => c.purpose === 'share_with_partner' && c.partnerOrganisation?.id === id && !c.withdrawnOn);
  return (
    <Section id="referral-h" title={t('pathways.referral.title')}>
      <Table caption={t('pathways.referral.title')} hideCaption rowKey={(r) => r.id} rows={p.referrals} empty={t('pathways.referral.empty')} columns={[
        { key: 'partner', header: t('pathways.consent.partner'), rowHeader: true, cell: (r) => r.partnerOrganisation.name },
        { key: 'status', header: t('pathways.referral.status'), cell: (r) => t(`pathways.referralStatuses.${r.status}`) },
        { key: 'shares', header: t('pathways.referral.shares'), cell: (r) => r.shares.map((s) => t(`pathways.shares.${s}`)).join(', ') },
      ]} />
      {writable && ed.toggle(t('pathways.caseFile.newReferral'))}
      {ed.editor(
        <form className="form form--grid" onSubmit={async (e) => { e.preventDefault(); if (!partner) return; if (await a.run(() => createReferral(p.id, { partnerOrganisationId: partner, shares: shares as Array<'name'>, stepId: step || null }), t('pathways.referral.sent'))) { ed.close(); onChange(); } }}>
          <Select name="referralPartner" label={t('pathways.consent.partner')} value={partner} onChange={(e) => setPartner(e.target.value)} emptyOption={t('pathways.consent.choosePartner')} options={(partners.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          {partner && !hasConsent(partner) && <Alert tone="info"><p>{t('pathways.referral.noConsent')}</p></Alert>}
          <fieldset className="checkbox-group">
            <legend>{t('pathways.referral.shares')}</legend>
            {SHARES.map((s) => <Checkbox key={s} name={`share-${s}`} label={t(`pathways.shares.${s}`)} checked={shares.includes(s)} onChange={(e) => setShares(e.target.checked ? [...shares, s] : shares.filter((x) => x !== s))} />)}
          </fieldset>
          <Select name="referralStep" label={t('pathways.referral.step')} value={step} onChange={(e) => setStep(e.target.value)} emptyOption={t('pathways.referral.noStep')} options={p.steps.map((s) => ({ value: s.id, label: `${t(`pathways.domains.${s.domain}`)}: ${s.title}` }))} />
          <div className="form__actions"><Button type="submit" variant="secondary" busy={a.busy}>{t('pathways.referral.create')}</Button></div>
        </form>,
      )}
      {a.view}
    </Section>
  );
}

function RightsSection({ p }: { p: PersonDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const a = useAction();
  return (
    <Section id="rights-h" title={t('pathways.rights.title')}>
      <p><Link to={`/people/${p.id}/export`}>{t('pathways.rights.exportLink')}</Link></p>
      <form className="form" onSubmit={async (e) => { e.preventDefault(); if (!confirm || reason.trim().length < 3) return; if (await a.run(() => erasePerson(p.id, reason.trim()), t('pathways.rights.erased'))) navigate('/people'); }}>
        <TextField name="eraseReason" label={t('pathways.rights.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Checkbox label={t('pathways.rights.confirmErase')} checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
        <Button type="submit" variant="secondary" busy={a.busy} disabled={!confirm || reason.trim().length < 3}>{t('pathways.rights.erasePerson')}</Button>
      </form>
      {a.view}
      {a.view === null && <p className="muted">{t('pathways.rights.eraseHint')}</p>}
    </Section>
  );
}

export { ApiError };
