import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/useApi';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';
import { STATES, progress, projections, type Progress, type Projections } from './api';
import './transition.css';

const fmt = (n: number | null, t: (k: string) => string) => (n === null ? t('transition.progress.withheld') : String(n));

/** Where the transition stands in a territory, which municipalities are behind, and the months ahead. */
export function ProgressPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ territory: '', from: '2027-03-01', to: '2027-03-31', month: '2027-01' });
  const [q, setQ] = useState(draft);
  const scope = q.territory.trim() || undefined;
  const p = useApi(`p|${JSON.stringify(q)}`, (signal) => progress({ territory: scope, from: q.from, to: q.to }, signal));
  const m = useApi(`m|${JSON.stringify(q)}`, (signal) => projections({ territory: scope, from: q.month, months: 12 }, signal));
  return (
    <>
      <PageTitle documentTitle={t('transition.progress.title')}>{t('transition.progress.title')}</PageTitle>
      <p className="muted">{t('transition.progress.intro')}</p>
      <form className="form form--inline" aria-label={t('transition.progress.scope')} onSubmit={(e) => { e.preventDefault(); setQ(draft); }}>
        <TextField name="territory" label={t('transition.progress.territory')} hint={t('transition.progress.territoryHint')} value={draft.territory} onChange={(e) => setDraft({ ...draft, territory: e.target.value })} />
        <TextField name="from" type="date" label={t('transition.cohort.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
        <TextField name="to" type="date" label={t('transition.cohort.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
        <TextField name="month" type="month" label={t('transition.progress.firstMonth')} value={draft.month} onChange={(e) => setDraft({ ...draft, month: e.target.value })} required />
        <Button type="submit">{t('transition.cohort.show')}</Button>
      </form>
      {p.error ? <ErrorState error={p.error} onRetry={p.reload} /> : !p.data ? <Loading /> : <ProgressFigures data={p.data} />}
      {m.error ? <ErrorState error={m.error} onRetry={m.reload} /> : !m.data ? <Loading /> : <MonthsChart data={m.data} />}
    </>
  );
}

function ProgressFigures({ data }: { data: Progress }) {
  const { t } = useTranslation();
  const total = data.totals.cohort ?? 0;
  return (
    <section className="section" aria-labelledby="progress-totals">
      <h2 id="progress-totals">{t('transition.progress.totals', { territory: data.scope.territoryCode })}</h2>
      {data.suppressedBelow !== null && <p className="muted">{t('transition.progress.suppressed', { n: data.suppressedBelow })}</p>}
      <ul className="transition-states" aria-label={t('transition.progress.states')}>
        {STATES.map((s) => {
          const n = data.totals[s];
          return (
            <li key={s} data-state={s}>
              <span>{t(`transition.states.${s}`)}</span> <strong data-testid={`progress-${s}`}>{fmt(n, t)}</strong>
              {n !== null && total > 0 && <span className="transition-bar" aria-hidden="true"><span style={{ inlineSize: `${(100 * n) / total}%` }} /></span>}
            </li>
          );
        })}
      </ul>
      <Table caption={t('transition.progress.behind')} rowKey={(o) => o.organisation.id} rows={data.organisations} empty={t('transition.progress.none')}
        columns={[
          { key: 'o', header: t('transition.progress.municipality'), cell: (o) => o.organisation.name, rowHeader: true },
          { key: 'c', header: t('transition.progress.cohort'), cell: (o) => fmt(o.cohort, t), numeric: true },
          ...STATES.map((s) => ({ key: s, header: t(`transition.states.${s}`), cell: (o: Progress['organisations'][number]) => fmt(o[s], t), numeric: true })),
          { key: 'sh', header: t('transition.progress.share'), cell: (o) => (o.share === null ? t('transition.progress.withheld') : `${Math.round(o.share * 100)} %`), numeric: true },
        ]} />
    </section>
  );
}

/** Statuses ending per month: bars with the figures beside them (the table below says the same in words). */
function MonthsChart({ data }: { data: Projections }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.months.map((m) => m.ending ?? 0));
  return (
    <section className="section" aria-labelledby="projections-title">
      <h2 id="projections-title">{t('transition.progress.projections', { territory: data.scope.territoryCode })}</h2>
      <svg className="transition-chart" viewBox={`0 0 ${data.months.length * 40} 130`} role="img" aria-labelledby="projections-title">
        {data.months.map((m, i) => {
          const h = ((m.ending ?? 0) / max) * 100;
          return (
            <g key={m.month}>
              <rect x={i * 40 + 6} y={110 - h} width={28} height={h} className="transition-chart__bar"><title>{`${m.month}: ${fmt(m.ending, t)}`}</title></rect>
              <text x={i * 40 + 20} y={125} textAnchor="middle" className="transition-chart__label">{m.month.slice(5)}</text>
            </g>
          );
        })}
      </svg>
      <Table caption={t('transition.progress.projectionsTable')} hideCaption rowKey={(r) => r.month} rows={data.months}
        columns={[{ key: 'm', header: t('transition.progress.month'), cell: (r) => r.month, rowHeader: true }, { key: 'n', header: t('transition.progress.ending'), cell: (r) => fmt(r.ending, t), numeric: true }]} />
    </section>
  );
}
