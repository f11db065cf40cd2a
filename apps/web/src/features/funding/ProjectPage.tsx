// One project: status and its next moves, the money computed (flat rates, shares, declared
// against budget), partners, the activities that count for the indicators, milestones, expenditure.
import { activityKinds, costCategories, stepDomains, type Project } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { addExpenditure, formatDay, formatEur, project, transition, updateProject } from './api';
import './funding.css';

function useCommand(onDone: (p: Project) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(f: () => Promise<Project>) {
    setBusy(true); setErrors({}); setProblem(null);
    try { onDone(await f()); return true; } catch (err) {
      if (err instanceof ApiError) { setErrors(err.fieldErrors()); setProblem(err.detail ? `${err.title}: ${err.detail}` : err.title); } else setProblem(String(err));
      return false;
    } finally { setBusy(false); }
  }
  return { errors, problem, busy, run };
}

export function ProjectPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const state = useApi(`project|${id}`, (s) => project(id, s));
  const lang = i18n.language;
  const cmd = useCommand((p) => state.setData(() => p));
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  const p = state.data;
  if (!p) return <Loading />;
  const eur = (n: number) => formatEur(n, lang);
  return (
    <>
      <PageTitle documentTitle={p.title}>{p.acronym ? `${p.acronym} — ` : ''}{p.title}</PageTitle>
      <p className="lead">
        {t(`funding.funds.${p.fund}`)} · {p.organisation.name} · <span className={`funding-status funding-status--${p.status}`} data-testid="project-status">{t(`funding.status.${p.status}`)}</span>
        {p.call && <> · {t('funding.project.call', { reference: p.call.reference })}</>}
      </p>
      {cmd.problem && <Alert tone="error" title={cmd.problem} />}
      {p.next.length > 0 && (
        <div className="form__actions funding-actions" role="group" aria-label={t('funding.project.moves')}>
          {p.next.map((to) => <Button key={to} variant={to === 'draft' ? 'secondary' : 'primary'} busy={cmd.busy} onClick={() => cmd.run(() => transition(p.id, p.version, to))}>{t(`funding.moves.${to}`)}</Button>)}
        </div>
      )}
      <p><Link to={`/funding/projects/${p.id}/indicators`}>{t('funding.project.indicatorsLink')}</Link></p>

      <section className="section" aria-labelledby="money">
        <h2 id="money">{t('funding.project.money')}</h2>
        <dl className="funding-figures">
          <div><dt>{t('funding.project.direct')}</dt><dd>{eur(p.totals.directEur)}</dd></div>
          <div><dt>{t('funding.project.flatRate', { basis: t(`funding.flatRates.${p.flatRate}`) })}</dt><dd>{eur(p.totals.flatRateEur)}</dd></div>
          <div><dt>{t('funding.project.total')}</dt><dd data-testid="total">{eur(p.totals.totalEur)}</dd></div>
          <div><dt>{t('funding.project.eu', { percent: p.cofinancingPercent })}</dt><dd data-testid="eu-share">{eur(p.totals.euEur)}</dd></div>
          <div><dt>{t('funding.project.national')}</dt><dd>{eur(p.totals.nationalEur)}</dd></div>
          <div><dt>{t('funding.project.own')}</dt><dd>{eur(p.totals.ownEur)}</dd></div>
          <div><dt>{t('funding.project.declared')}</dt><dd>{eur(p.totals.declaredEur)}</dd></div>
        </dl>
        <Table caption={t('funding.project.budget')} columns={[
          { key: 'year', header: t('funding.project.year'), rowHeader: true, cell: (l: Project['budget'][number]) => l.year },
          { key: 'cat', header: t('funding.project.category'), cell: (l) => <>{t(`funding.categories.${l.category}`)}{l.computed && <span className="funding-muted"> ({t('funding.project.computed')})</span>}</> },
          { key: 'amount', header: t('funding.project.amount'), numeric: true, cell: (l) => eur(l.amountEur) },
        ]} rows={p.budget} rowKey={(l) => `${l.year}-${l.category}`} empty={t('funding.project.noBudget')} />
      </section>

      <section className="section" aria-labelledby="partners">
        <h2 id="partners">{t('funding.project.partners')}</h2>
        {p.partners.length ? <ul>{p.partners.map((x) => <li key={x.organisation.id}>{x.organisation.name} ({t(`funding.partnerRoles.${x.role}`)})</li>)}</ul> : <p>{t('funding.project.noPartners')}</p>}
      </section>

      <section className="section" aria-labelledby="activities">
        <h2 id="activities">{t('funding.project.activities')}</h2>
        <p>{t('funding.project.activitiesIntro')}</p>
        <Table caption={t('funding.project.activitiesCaption')} columns={[
          { key: 'kind', header: t('funding.project.activityKind'), rowHeader: true, cell: (a: Project['activities'][number]) => t(`funding.activities.${a.kind}`) },
          { key: 'steps', header: t('funding.project.stepKinds'), cell: (a) => a.domains.map((d) => t(`pathways.domains.${d}`)).join(', ') },
          { key: 'by', header: t('funding.project.deliveredBy'), cell: (a) => a.deliveredBy.map((o) => o.name).join(', ') },
          { key: 'period', header: t('funding.project.period'), cell: (a) => `${formatDay(a.from, lang)} – ${formatDay(a.to, lang)}` },
        ]} rows={p.activities} rowKey={(a) => a.id} empty={t('funding.project.noActivities')} />
        {p.editable && <ActivityForm p={p} onSaved={(x) => state.setData(() => x)} />}
      </section>

      <section className="section" aria-labelledby="milestones">
        <h2 id="milestones">{t('funding.project.milestones')}</h2>
        {p.milestones.length ? <ul>{p.milestones.map((m) => <li key={m.id}>{formatDay(m.dueOn, lang)} — {m.title} ({m.owner.name}){m.deliverable ? ` · ${m.deliverable}` : ''}{m.doneOn ? ` · ${t('funding.project.doneOn', { date: formatDay(m.doneOn, lang) })}` : ''}</li>)}</ul> : <p>{t('funding.project.noMilestones')}</p>}
      </section>

      <section className="section" aria-labelledby="expenditure">
        <h2 id="expenditure">{t('funding.project.expenditure')}</h2>
        <Table caption={t('funding.project.expenditureCaption')} columns={[
          { key: 'date', header: t('funding.project.declaredOn'), rowHeader: true, cell: (e: Project['expenditures'][number]) => formatDay(e.declaredOn, lang) },
          { key: 'cat', header: t('funding.project.category'), cell: (e) => `${t(`funding.categories.${e.category}`)} ${e.year}` },
          { key: 'doc', header: t('funding.project.document'), cell: (e) => e.documentRef },
          { key: 'amount', header: t('funding.project.amount'), numeric: true, cell: (e) => eur(e.amountEur) },
        ]} rows={p.expenditures} rowKey={(e) => e.id} empty={t('funding.project.noExpenditure')} />
        {p.editable && (p.status === 'granted' || p.status === 'running') && <ExpenditureForm p={p} onSaved={(x) => state.setData(() => x)} />}
      </section>
    </>
  );
}

function ActivityForm({ p, onSaved }: { p: Project; onSaved: (p: Project) => void }) {
  const { t } = useTranslation();
  const cmd = useCommand(onSaved);
  const orgs = [p.organisation, ...p.partners.map((x) => x.organisation)];
  const [v, setV] = useState({ kind: 'language_course', domain: 'language', by: orgs[orgs.length - 1].id, from: p.startsOn, to: p.endsOn, languageCode: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const current = p.activities.map((a) => ({ kind: a.kind, domains: a.domains, deliveredBy: a.deliveredBy.map((o) => o.id), from: a.from, to: a.to, languageCode: a.languageCode }));
    await cmd.run(() => updateProject(p.id, { version: p.version, activities: [...current, { kind: v.kind, domains: [v.domain], deliveredBy: [v.by], from: v.from, to: v.to, ...(v.languageCode ? { languageCode: v.languageCode } : {}) }] }));
  }
  return (
    <form className="form card" onSubmit={submit} aria-labelledby="add-activity" noValidate>
      <h3 id="add-activity">{t('funding.project.addActivity')}</h3>
      {cmd.problem && <Alert tone="error" title={cmd.problem} />}
      <div className="form--grid">
        <Select label={t('funding.project.activityKind')} name="kind" value={v.kind} onChange={set('kind')} options={activityKinds.map((k) => ({ value: k, label: t(`funding.activities.${k}`) }))} />
        <Select label={t('funding.project.stepKind')} name="domain" value={v.domain} onChange={set('domain')} options={stepDomains.map((d) => ({ value: d, label: t(`pathways.domains.${d}`) }))} />
        <Select label={t('funding.project.deliveredBy')} name="by" value={v.by} onChange={set('by')} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        <TextField label={t('funding.project.from')} name="from" type="date" value={v.from} onChange={set('from')} error={cmd.errors['activities.0.from']} />
        <TextField label={t('funding.project.to')} name="to" type="date" value={v.to} onChange={set('to')} />
        {v.kind === 'language_course' && <TextField label={t('funding.project.language')} hint={t('funding.project.languageHint')} name="languageCode" value={v.languageCode} onChange={set('languageCode')} />}
      </div>
      <div className="form__actions"><Button type="submit" busy={cmd.busy}>{t('funding.project.addActivitySubmit')}</Button></div>
    </form>
  );
}

function ExpenditureForm({ p, onSaved }: { p: Project; onSaved: (p: Project) => void }) {
  const { t } = useTranslation();
  const cmd = useCommand(onSaved);
  const [v, setV] = useState({ year: p.startsOn.slice(0, 4), category: 'staff', amountEur: '', documentRef: '', declaredOn: new Date().toISOString().slice(0, 10) });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await cmd.run(() => addExpenditure(p.id, { year: Number(v.year), category: v.category, amountEur: Number(v.amountEur), documentRef: v.documentRef, declaredOn: v.declaredOn }))) setV({ ...v, amountEur: '', documentRef: '' });
  }
  return (
    <form className="form card" onSubmit={submit} aria-labelledby="add-expenditure" noValidate>
      <h3 id="add-expenditure">{t('funding.project.addExpenditure')}</h3>
      {cmd.problem && <Alert tone="error" title={cmd.problem} />}
      <div className="form--grid">
        <TextField label={t('funding.project.year')} name="year" type="number" inputMode="numeric" value={v.year} onChange={set('year')} error={cmd.errors.year} />
        <Select label={t('funding.project.category')} name="category" value={v.category} onChange={set('category')} error={cmd.errors.category} options={costCategories.map((c) => ({ value: c, label: t(`funding.categories.${c}`) }))} />
        <TextField label={t('funding.project.amount')} name="amountEur" type="number" min={0} inputMode="decimal" value={v.amountEur} onChange={set('amountEur')} error={cmd.errors.amountEur} />
        <TextField label={t('funding.project.document')} name="documentRef" value={v.documentRef} onChange={set('documentRef')} error={cmd.errors.documentRef} />
        <TextField label={t('funding.project.declaredOn')} name="declaredOn" type="date" value={v.declaredOn} onChange={set('declaredOn')} error={cmd.errors.declaredOn} />
      </div>
      <div className="form__actions"><Button type="submit" busy={cmd.busy}>{t('funding.project.addExpenditureSubmit')}</Button></div>
    </form>
  );
}
