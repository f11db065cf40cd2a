// The organisation's applications and projects (and those it is a partner in), and the form that
// starts an application, from a call (?call=ID) or on its own.
import { flatRateBases } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
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
import { calls, createProject, formatDay, formatEur, instruments, organisationsNear, projects, type ProjectSummary } from './api';
import './funding.css';

export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const list = useApi('projects', (s) => projects(s));
  const lang = i18n.language;
  return (
    <>
      <PageTitle documentTitle={t('funding.projects.title')}>{t('funding.projects.title')}</PageTitle>
      <p className="lead">{t('funding.projects.intro')}</p>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : !list.data ? <Loading /> : (
        <Table
          caption={t('funding.projects.caption', { count: list.data.items.length })}
          columns={[
            { key: 'title', header: t('funding.projects.project'), rowHeader: true, cell: (p: ProjectSummary) => <Link to={`/funding/projects/${p.id}`}>{p.acronym ? `${p.acronym} — ` : ''}{p.title}</Link> },
            { key: 'fund', header: t('funding.projects.fund'), cell: (p) => t(`funding.funds.${p.fund}`) },
            { key: 'applicant', header: t('funding.projects.applicant'), cell: (p) => p.organisation.name },
            { key: 'status', header: t('funding.projects.status'), cell: (p) => <span className={`funding-status funding-status--${p.status}`}>{t(`funding.status.${p.status}`)}</span> },
            { key: 'period', header: t('funding.projects.period'), cell: (p) => `${formatDay(p.startsOn, lang)} – ${formatDay(p.endsOn, lang)}` },
            { key: 'total', header: t('funding.projects.total'), numeric: true, cell: (p) => formatEur(p.totalEur, lang) },
          ]}
          rows={list.data.items}
          rowKey={(p) => p.id}
          empty={t('funding.projects.empty')}
        />
      )}
      {can('shared.write') && <NewProjectForm />}
    </>
  );
}

function NewProjectForm() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const open = useApi('calls|fits', (s) => calls(true, s));
  const funds = useApi('instruments', (s) => instruments(s));
  const orgs = useApi(`orgs|${me?.organisation.territory.code}`, (s) => organisationsNear(me!.organisation.territory.code, s));
  const year = new Date().getUTCFullYear();
  const [v, setV] = useState({ callId: search.get('call') ?? '', instrumentCode: '', title: '', acronym: '', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`, cofinancingPercent: '75', nationalCofinancingEur: '0', flatRate: 'indirect_7_direct', partner: '', staff: '', otherDirect: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const chosenCall = open.data?.items.find((c) => c.id === v.callId);
  const instrumentCode = chosenCall?.instrumentCode ?? v.instrumentCode;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setErrors({}); setProblem(null);
    const startYear = Number(v.startsOn.slice(0, 4));
    const budget = [['staff', v.staff], ['other_direct', v.otherDirect]].filter(([, a]) => a.trim() !== '').map(([category, a]) => ({ year: startYear, category, amountEur: Number(a) }));
    try {
      const p = await createProject({
        instrumentCode, ...(v.callId ? { callId: v.callId } : {}), title: v.title, ...(v.acronym ? { acronym: v.acronym } : {}), startsOn: v.startsOn, endsOn: v.endsOn,
        cofinancingPercent: Number(v.cofinancingPercent), nationalCofinancingEur: Number(v.nationalCofinancingEur || 0), flatRate: v.flatRate,
        partners: v.partner ? [{ organisationId: v.partner, role: 'partner' }] : [], budget,
      });
      navigate(`/funding/projects/${p.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        setErrors({ ...f, partner: Object.entries(f).find(([k]) => k.startsWith('partners'))?.[1] ?? '', budget: Object.entries(f).find(([k]) => k.startsWith('budget'))?.[1] ?? '' });
        setProblem(err.title);
      } else setProblem(String(err));
    } finally { setBusy(false); }
  }
  return (
    <form className="form section card" onSubmit={submit} aria-labelledby="new-project" noValidate>
      <h2 id="new-project">{t('funding.new.title')}</h2>
      {problem && <Alert tone="error" title={problem} />}
      <div className="form--grid">
        <Select label={t('funding.new.call')} name="callId" value={v.callId} onChange={set('callId')} emptyOption={t('funding.new.noCall')}
          options={(open.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))} />
        {!chosenCall && <Select label={t('funding.new.fund')} name="instrumentCode" value={v.instrumentCode} onChange={set('instrumentCode')} error={errors.instrumentCode} emptyOption={t('funding.new.chooseFund')}
          options={(funds.data?.items ?? []).map((f) => ({ value: f.code, label: f.name }))} />}
        <TextField label={t('funding.new.projectTitle')} name="title" value={v.title} onChange={set('title')} error={errors.title} required />
        <TextField label={t('funding.new.acronym')} name="acronym" value={v.acronym} onChange={set('acronym')} error={errors.acronym} />
        <TextField label={t('funding.new.startsOn')} name="startsOn" type="date" value={v.startsOn} onChange={set('startsOn')} error={errors.startsOn} />
        <TextField label={t('funding.new.endsOn')} name="endsOn" type="date" value={v.endsOn} onChange={set('endsOn')} error={errors.endsOn} />
        <TextField label={t('funding.new.cofinancing')} hint={chosenCall?.cofinancingPercent != null ? t('funding.calls.upTo', { percent: chosenCall.cofinancingPercent }) : undefined} name="cofinancingPercent" type="number" min={0} max={100} inputMode="decimal" value={v.cofinancingPercent} onChange={set('cofinancingPercent')} error={errors.cofinancingPercent} />
        <TextField label={t('funding.new.national')} name="nationalCofinancingEur" type="number" min={0} inputMode="decimal" value={v.nationalCofinancingEur} onChange={set('nationalCofinancingEur')} error={errors.nationalCofinancingEur} />
        <Select label={t('funding.new.flatRate')} name="flatRate" value={v.flatRate} onChange={set('flatRate')} options={flatRateBases.map((b) => ({ value: b, label: t(`funding.flatRates.${b}`) }))} />
        <Select label={t('funding.new.partner')} name="partner" value={v.partner} onChange={set('partner')} error={errors.partner || undefined} emptyOption={t('funding.new.noPartner')}
          options={(orgs.data?.items ?? []).filter((o) => o.id !== me?.organisation.id).map((o) => ({ value: o.id, label: o.name }))} />
        <TextField label={t('funding.new.staff')} name="staff" type="number" min={0} inputMode="decimal" value={v.staff} onChange={set('staff')} error={errors.budget || undefined} />
        <TextField label={t('funding.new.otherDirect')} name="otherDirect" type="number" min={0} inputMode="decimal" value={v.otherDirect} onChange={set('otherDirect')} />
      </div>
      <div className="form__actions"><Button type="submit" busy={busy}>{t('funding.new.submit')}</Button></div>
    </form>
  );
}
