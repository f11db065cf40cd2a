import { locales } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Pagination } from '../../ui/Pagination';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { CEFR, HOUSEHOLD_ROLES, IDENTIFIER_TYPES, SEXES, STATUS_TYPES, checkDuplicates, listPeople, registerPerson, type Duplicates, type PersonSummary } from './api';
import { EMAIL, PHONE } from './forms';
import { PersonName } from './labels';
import './pathways.css';

const PAGE = 25;

/** "uk native, de A1" → [{ code: 'uk', level: 'native' }, { code: 'de', level: 'A1' }]; null when malformed. */
export function parseLanguages(text: string): Array<{ code: string; level: string | null }> | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const out: Array<{ code: string; level: string | null }> = [];
  for (const p of parts) {
    const [code, level] = p.split(/\s+/);
    if (!/^[a-z]{2,3}$/.test(code ?? '')) return null;
    const lv = level ? (level.toLowerCase() === 'native' ? 'native' : level.toUpperCase()) : null;
    if (lv && !(CEFR as readonly string[]).includes(lv)) return null;
    out.push({ code, level: lv });
  }
  return out;
}

export function PeoplePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const householdId = params.get('household') ?? undefined;
  // ?q= opens the list searched (e.g. a notice's reference, from the notice of an arrival).
  const [q, setQ] = useState(params.get('q') ?? '');
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const [offset, setOffset] = useState(0);
  const { data, error, reload } = useApi(`${q}|${offset}`, (signal) => listPeople({ q: q || undefined, limit: PAGE, offset }, signal));

  const columns: Column<PersonSummary>[] = [
    { key: 'name', header: t('pathways.person.name'), rowHeader: true, cell: (p) => (
      <>
        <Link to={`/people/${p.id}`}><PersonName person={p} /></Link>
        {p.identityPending && <> <span className="badge" data-testid="new-arrival">{t('pathways.newArrival.badge')}</span></>}
      </>
    ) },
    { key: 'birth', header: t('pathways.person.birthDate'), cell: (p) => <bdi>{p.birthDate ?? p.birthYear}</bdi> },
    { key: 'nat', header: t('pathways.person.nationalities'), cell: (p) => p.nationalities.join(', ') },
    { key: 'status', header: t('pathways.status.current'), cell: (p) => (p.status ? <>{t(`pathways.statusTypes.${p.status.typeCode}`)}{p.status.endsOn && <> — <bdi>{p.status.endsOn}</bdi></>}</> : <span className="muted">{t('common.none')}</span>) },
    { key: 'role', header: t('pathways.person.householdRole'), cell: (p) => t(`pathways.householdRoles.${p.householdRole}`) },
  ];

  return (
    <>
      <PageTitle documentTitle={t('pathways.people.title')}>{t('pathways.people.title')}</PageTitle>
      <p className="muted">{t('pathways.people.intro')}</p>
      <section aria-labelledby="people-list" className="section">
        <h2 id="people-list">{t('pathways.people.listHeading')}</h2>
        <form role="search" aria-label={t('pathways.people.search')} className="form form--filters" onSubmit={(e) => { e.preventDefault(); setQ(draft.trim()); setOffset(0); }}>
          <TextField label={t('pathways.people.search')} hint={t('pathways.people.searchHint')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit">{t('common.search')}</Button>
        </form>
        {error ? <ErrorState error={error} onRetry={reload} /> : !data ? <Loading block /> : (
          <>
            <Table caption={t('pathways.people.caption', { count: data.total })} columns={columns} rows={data.items} rowKey={(p) => p.id} empty={t('pathways.people.empty')} />
            <Pagination total={data.total} limit={PAGE} offset={offset} onChange={setOffset} />
          </>
        )}
      </section>
      <RegisterForm householdId={householdId} />
    </>
  );
}

type FieldKey = 'givenName' | 'familyName' | 'birthDate' | 'nationalities' | 'languages' | 'validUntil' | 'identifierValue' | 'email' | 'phone' | 'address';

function RegisterForm({ householdId }: { householdId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [f, setF] = useState({ givenName: '', familyName: '', birthDate: '', sex: 'female', nationalities: 'UA', languages: 'uk native', locale: 'uk', phone: '', email: '', address: '', identifierType: 'passport', identifierValue: '', statusType: 'temporary_protection', validUntil: '', role: householdId ? 'child' : 'head' });
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => { setF({ ...f, [k]: e.target.value }); if (k === 'givenName' || k === 'familyName' || k === 'birthDate') { setDuplicates(null); setConfirmed(false); } };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const errs: Partial<Record<FieldKey, string>> = {};
    if (!f.givenName.trim()) errs.givenName = t('pathways.errors.required');
    if (!f.familyName.trim()) errs.familyName = t('pathways.errors.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.birthDate)) errs.birthDate = t('pathways.errors.date');
    const nationalities = f.nationalities.split(/[,\s]+/).map((x) => x.trim().toUpperCase()).filter(Boolean);
    if (nationalities.some((n) => !/^[A-Z]{2}$/.test(n))) errs.nationalities = t('pathways.errors.countries');
    const languages = parseLanguages(f.languages);
    if (!languages) errs.languages = t('pathways.errors.languages');
    if (f.validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(f.validUntil)) errs.validUntil = t('pathways.errors.date');
    if (f.identifierValue.trim().length > 60) errs.identifierValue = t('pathways.errors.tooLong', { count: 60 });
    if (f.email.trim() && (!EMAIL.test(f.email.trim()) || f.email.trim().length > 254)) errs.email = t('pathways.errors.email');
    if (f.phone.trim() && !PHONE.test(f.phone.trim())) errs.phone = t('pathways.errors.phone');
    if (f.address.trim().length > 300) errs.address = t('pathways.errors.tooLong', { count: 300 });
    setErrors(errs);
    if (Object.keys(errs).length) { setFailure(t('pathways.errors.summary', { count: Object.keys(errs).length })); return; }
    setBusy(true);
    try {
      // Duplicates are looked for before creating; the server refuses (409) if a check was skipped.
      if (!confirmed) {
        const d = await checkDuplicates({ givenName: f.givenName.trim(), familyName: f.familyName.trim(), birthDate: f.birthDate });
        if (d.matches.length) { setDuplicates(d); return; }
      }
      const p = await registerPerson({
        givenName: f.givenName.trim(), familyName: f.familyName.trim(), birthDate: f.birthDate, sex: f.sex as 'female', nationalities, languages: languages!,
        preferredLocale: f.locale as 'en', phone: f.phone.trim() || null, email: f.email.trim() || null, address: f.address.trim() || null,
        identifiers: f.identifierValue.trim() ? [{ type: f.identifierType as 'passport', value: f.identifierValue.trim() }] : [], householdId, householdRole: f.role as 'head',
        status: { typeCode: f.statusType as 'refugee', validUntil: f.validUntil || null }, confirmNotDuplicate: confirmed || undefined,
      });
      navigate(`/people/${p.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const { identifiers, ...rest } = err.fieldErrors();
        setErrors({ ...(rest as Partial<Record<FieldKey, string>>), ...(identifiers ? { identifierValue: identifiers } : {}) });
      }
      setFailure(errorMessage(err, t));
    } finally { setBusy(false); }
  }

  return (
    <section aria-labelledby="register-heading" className="section card">
      <h2 id="register-heading">{householdId ? t('pathways.register.memberHeading') : t('pathways.register.heading')}</h2>
      {failure && <Alert tone="error" title={t('pathways.register.failed')}><p>{failure}</p></Alert>}
      {duplicates && (
        <Alert tone="warning" title={t('pathways.register.duplicateTitle')}>
          <p>{t('pathways.register.duplicateIntro')}</p>
          <ul className="duplicates">
            {duplicates.matches.map((m) => (
              <li key={m.id}><Link to={`/people/${m.id}`}><bdi>{m.givenName} {m.familyName}</bdi></Link> — <bdi>{m.birthDate}</bdi>{!m.sameBirthDate && <> ({t('pathways.register.otherBirthDate')})</>}</li>
            ))}
          </ul>
          <Checkbox label={t('pathways.register.confirmDifferent')} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} name="confirmNotDuplicate" />
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="form form--grid" aria-labelledby="register-heading">
        <TextField name="givenName" label={t('pathways.person.givenName')} autoComplete="off" required value={f.givenName} onChange={set('givenName')} error={errors.givenName} />
        <TextField name="familyName" label={t('pathways.person.familyName')} autoComplete="off" required value={f.familyName} onChange={set('familyName')} error={errors.familyName} />
        <TextField name="birthDate" label={t('pathways.person.birthDate')} hint={t('pathways.hints.date')} type="date" required value={f.birthDate} onChange={set('birthDate')} error={errors.birthDate} />
        <Select name="sex" label={t('pathways.person.sex')} value={f.sex} onChange={set('sex')} options={SEXES.map((s) => ({ value: s, label: t(`pathways.sexes.${s}`) }))} />
        <TextField name="nationalities" label={t('pathways.person.nationalities')} hint={t('pathways.hints.countries')} value={f.nationalities} onChange={set('nationalities')} error={errors.nationalities} />
        <TextField name="languages" label={t('pathways.person.languages')} hint={t('pathways.hints.languages')} value={f.languages} onChange={set('languages')} error={errors.languages} />
        <Select name="preferredLocale" label={t('pathways.person.preferredLocale')} value={f.locale} onChange={set('locale')} options={locales.map((l) => ({ value: l, label: t(`pathways.locales.${l}`) }))} />
        <fieldset className="checkbox-group">
          <legend>{t('pathways.register.identifier')}</legend>
          <div className="identifier-row">
            <Select name="identifierType" label={t('pathways.register.identifierType')} value={f.identifierType} onChange={set('identifierType')} options={IDENTIFIER_TYPES.map((x) => ({ value: x, label: t(`pathways.identifierTypes.${x}`) }))} />
            <TextField name="identifierValue" label={t('pathways.register.identifierValue')} hint={t('pathways.hints.identifier')} autoComplete="off" maxLength={60} value={f.identifierValue} onChange={set('identifierValue')} error={errors.identifierValue} />
          </div>
        </fieldset>
        <TextField name="phone" label={t('pathways.person.phone')} hint={t('pathways.hints.phone')} type="tel" autoComplete="off" maxLength={40} value={f.phone} onChange={set('phone')} error={errors.phone} />
        <TextField name="email" label={t('pathways.person.email')} hint={t('pathways.hints.email')} type="email" autoComplete="off" maxLength={254} value={f.email} onChange={set('email')} error={errors.email} />
        <TextField name="address" label={t('pathways.person.address')} hint={t('pathways.hints.address')} autoComplete="off" maxLength={300} value={f.address} onChange={set('address')} error={errors.address} />
        {householdId && <Select name="householdRole" label={t('pathways.person.householdRole')} value={f.role} onChange={set('role')} options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`pathways.householdRoles.${r}`) }))} />}
        <Select name="statusType" label={t('pathways.status.type')} value={f.statusType} onChange={set('statusType')} options={STATUS_TYPES.map((s) => ({ value: s, label: t(`pathways.statusTypes.${s}`) }))} />
        <TextField name="validUntil" label={t('pathways.status.validUntil')} hint={t('pathways.hints.validUntil')} type="date" value={f.validUntil} onChange={set('validUntil')} error={errors.validUntil} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('pathways.register.submit')}</Button>
        </div>
      </form>
    </section>
  );
}
