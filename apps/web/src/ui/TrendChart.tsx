// A figure over time as an inline SVG line with its points, the same figures in a table beside it,
// and, where the history starts after the first date asked for, "no data before <date>" instead of
// zeros. Colours meet 3:1 against white; points are marked, so colour is never the only cue.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from './Table';

export interface TrendPoint {
  /** YYYY-MM-DD */
  date: string;
  /** null: no data on that day (before the history starts, or nothing declared). */
  value: number | null;
}

const W = 560, H = 200, PAD = 40;

export function TrendChart({ title, points, format, max: maxGiven }: { title: string; points: TrendPoint[]; format: (v: number) => string; max?: number }) {
  const { t, i18n } = useTranslation();
  const titleId = useId(), descId = useId();
  const ordered = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const known = ordered.filter((p): p is { date: string; value: number } => p.value !== null);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (d: string) => fmt.format(new Date(`${d}T00:00:00Z`));
  if (known.length === 0) return <p className="muted">{t('charts.noData')}</p>;
  const firstKnown = known[0].date;
  const gapBefore = ordered[0].date < firstKnown;
  const max = Math.max(1, maxGiven ?? 0, ...known.map((p) => p.value));
  const t0 = new Date(`${ordered[0].date}T00:00:00Z`).getTime();
  const t1 = Math.max(t0 + 1, new Date(`${ordered[ordered.length - 1].date}T00:00:00Z`).getTime());
  const x = (d: string) => PAD + ((new Date(`${d}T00:00:00Z`).getTime() - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - (v / max) * (H - 2 * PAD);
  const path = known.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = known[known.length - 1];
  return (
    <figure className="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="trend-chart__svg">
        <title id={titleId}>{title}</title>
        <desc id={descId}>
          {t('charts.summary', { from: day(firstKnown), to: day(last.date), first: format(known[0].value), last: format(last.value) })}
          {gapBefore ? ` ${t('charts.noDataBefore', { date: day(firstKnown) })}` : ''}
        </desc>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="trend-chart__axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} className="trend-chart__axis" />
        <text x={PAD - 6} y={y(max) + 4} textAnchor="end" className="trend-chart__label">{format(max)}</text>
        <text x={PAD - 6} y={H - PAD + 4} textAnchor="end" className="trend-chart__label">{format(0)}</text>
        <text x={PAD} y={H - PAD + 18} className="trend-chart__label">{day(ordered[0].date)}</text>
        <text x={W - PAD} y={H - PAD + 18} textAnchor="end" className="trend-chart__label">{day(ordered[ordered.length - 1].date)}</text>
        {gapBefore && (
          <>
            <rect x={PAD} y={PAD} width={Math.max(0, x(firstKnown) - PAD)} height={H - 2 * PAD} className="trend-chart__gap" />
            <text x={PAD + 4} y={PAD + 14} className="trend-chart__label">{t('charts.noDataBefore', { date: day(firstKnown) })}</text>
          </>
        )}
        <path d={path} className="trend-chart__line" />
        {known.map((p) => <circle key={p.date} cx={x(p.date)} cy={y(p.value)} r={4} className="trend-chart__point" />)}
      </svg>
      {gapBefore && <figcaption className="muted">{t('charts.noDataBefore', { date: day(firstKnown) })}</figcaption>}
      <details className="trend-chart__data">
        <summary>{t('charts.tableView')}</summary>
        <Table
          caption={title}
          columns={[
            { key: 'date', header: t('charts.date'), rowHeader: true, cell: (p: TrendPoint) => day(p.date) },
            { key: 'value', header: title, numeric: true, cell: (p) => (p.value === null ? t('charts.none') : format(p.value)) },
          ]}
          rows={ordered}
          rowKey={(p) => p.date}
        />
      </details>
    </figure>
  );
}
