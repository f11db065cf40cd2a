// A resource's history as an inline SVG step chart (total, and occupied + reserved), with the same
// figures as a table for screen readers and keyboard users. Colours meet 3:1 against white and the
// lines also differ by dash pattern, so colour is never the only cue.
import { useTranslation } from 'react-i18next';
import type { CapacityHistoryPoint } from './api';
import { Table } from '../../ui/Table';

const W = 640, H = 220, PAD = 36;

export function HistoryChart({ points, title }: { points: CapacityHistoryPoint[]; title: string }) {
  const { t, i18n } = useTranslation();
  const ordered = [...points].sort((a, b) => a.at.localeCompare(b.at));
  if (ordered.length === 0) return <p className="muted">{t('reception.history.empty')}</p>;
  const times = ordered.map((p) => new Date(p.at).getTime());
  const now = Date.now();
  const t0 = Math.min(...times), t1 = Math.max(now, ...times);
  const max = Math.max(1, ...ordered.map((p) => p.total));
  const x = (ms: number) => PAD + ((ms - t0) / Math.max(1, t1 - t0)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD + 0 - (v / max) * (H - 2 * PAD);
  const step = (value: (p: CapacityHistoryPoint) => number) => {
    let d = '';
    ordered.forEach((p, i) => {
      const px = x(times[i]), py = y(value(p));
      d += i === 0 ? `M${px},${py}` : ` H${px} V${py}`;
    });
    return d + ` H${x(t1)}`;
  };
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const last = ordered[ordered.length - 1];
  return (
    <figure className="reception-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="history-chart-title history-chart-desc" className="reception-chart__svg">
        <title id="history-chart-title">{title}</title>
        <desc id="history-chart-desc">{t('reception.history.summary', { from: fmt.format(t0), to: fmt.format(t1), total: last.total, used: last.occupied + last.reserved })}</desc>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="reception-chart__axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} className="reception-chart__axis" />
        <text x={PAD - 6} y={y(max) + 4} textAnchor="end" className="reception-chart__label">{max}</text>
        <text x={PAD - 6} y={H - PAD + 4} textAnchor="end" className="reception-chart__label">0</text>
        <text x={PAD} y={H - PAD + 18} className="reception-chart__label">{fmt.format(t0)}</text>
        <text x={W - PAD} y={H - PAD + 18} textAnchor="end" className="reception-chart__label">{fmt.format(t1)}</text>
        <path d={step((p) => p.total)} className="reception-chart__total" />
        <path d={step((p) => p.occupied + p.reserved)} className="reception-chart__used" />
      </svg>
      <figcaption className="reception-chart__legend">
        <span className="reception-chart__key reception-chart__key--total" aria-hidden="true" /> {t('reception.capacity.total')}
        <span className="reception-chart__key reception-chart__key--used" aria-hidden="true" /> {t('reception.history.used')}
      </figcaption>
      <details className="reception-chart__data">
        <summary>{t('reception.history.tableView')}</summary>
        <Table
          caption={title}
          columns={[
            { key: 'at', header: t('reception.history.when'), rowHeader: true, cell: (p: CapacityHistoryPoint) => new Date(p.at).toLocaleString(i18n.language) },
            { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (p) => p.total },
            { key: 'occupied', header: t('reception.capacity.occupied'), numeric: true, cell: (p) => p.occupied },
            { key: 'reserved', header: t('reception.capacity.reserved'), numeric: true, cell: (p) => p.reserved },
            { key: 'by', header: t('reception.history.by'), cell: (p) => p.changedBy ?? t('reception.history.someone') },
            { key: 'reason', header: t('reception.history.reason'), cell: (p) => p.reason },
          ]}
          rows={[...ordered].reverse()}
          rowKey={(p) => p.at + p.total + p.occupied + p.reserved}
        />
      </details>
    </figure>
  );
}
