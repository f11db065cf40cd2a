import { weightKeys } from '@localpact/contracts';
import { useTranslation } from 'react-i18next';
import type { Explanation } from './api';

/** The score's components in the contracts' order (the quota penalty is a weight, not a component). */
const order = weightKeys.filter((k) => k !== 'quotaPenalty');

/** Why a household goes where it goes: each score component times its weight, and what kept it from better places. */
export function ExplanationPanel({ e }: { e: Explanation }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const resource = (r: string) => t(`placement.resources.${r}`, { defaultValue: r });
  const list = (items: string[]) => new Intl.ListFormat(i18n.language, { type: 'unit' }).format(items);
  // the engine's reason and each blocker's figures, said in the interface's language
  const whyText = (w: Explanation['unassignedWhy']): string | null => {
    if (!w) return null;
    switch (w.kind) {
      case 'noAllowed': return t(`placement.why.noAllowed.${w.cause}`);
      case 'tooBig': return t('placement.why.tooBig', { resources: list((w.resources ?? []).map((x) => resource(x.resource))) });
      case 'full': return t(w.mustGo ? 'placement.why.fullMustGo' : 'placement.why.full', { resources: list((w.resources ?? []).map((x) => `${resource(x.resource)} ${nf.format(x.municipalities ?? 0)}`)) });
      case 'notWorth': return t('placement.why.notWorth', { name: w.municipality?.name ?? '', score: nf.format(w.score ?? 0) });
    }
  };
  const blockerDetail = (b: Explanation['alternatives'][number]['blockedBy'][number]): string | null =>
    b.kind === 'capacity' ? t('placement.blockerDetail.capacity', { used: nf.format(b.used ?? 0), capacity: nf.format(b.capacity ?? 0), need: nf.format(b.need ?? 0) })
      : b.kind === 'quota' ? t('placement.blockerDetail.quota', { persons: nf.format(b.persons ?? 0), upper: nf.format(b.upper ?? 0) })
      : b.kind === 'quotaLower' ? t('placement.blockerDetail.quotaLower', { name: b.municipality?.name ?? '', persons: nf.format(b.persons ?? 0), lower: nf.format(b.lower ?? 0) })
      : null;
  const parts = (c: Record<string, number>) => order.map((k) => `${t(`placement.components.${k}`)} ${nf.format(c[k] ?? 0)} × ${nf.format(e.weights[k])}`).join(' + ');
  return (
    <>
      <h3>{t('placement.explanationOf', { reference: e.household.reference })}</h3>
      {e.municipality ? (
        <p>{t('placement.placedIn', { name: e.municipality.name, score: nf.format(e.score ?? 0) })}<br /><span className="muted">{parts(e.components ?? {})}</span></p>
      ) : (
        <p>{t('placement.notPlaced', { reason: whyText(e.unassignedWhy) ?? e.unassignedReason ?? '' })}</p>
      )}
      {e.alternatives.length > 0 && (
        <>
          <h4>{t('placement.alternatives')}</h4>
          <ul>
            {e.alternatives.map((a) => (
              <li key={a.municipality.id}>
                <strong>{a.municipality.name}</strong>: {t('placement.scoreOf', { score: nf.format(a.score) })} <span className="muted">({parts(a.components)})</span>
                {a.blockedBy.length > 0 ? (
                  <ul>
                    {a.blockedBy.map((b, i) => {
                      const detail = blockerDetail(b);
                      return (
                        <li key={i}>
                          {t(`placement.blockers.${b.kind}`, { resource: b.resource ? resource(b.resource) : '' })}
                          {detail && <> — {detail}</>}
                          {b.shadowPrice !== undefined && ` (${t('placement.shadowPrice', { value: nf.format(b.shadowPrice) })})`}
                        </li>
                      );
                    })}
                  </ul>
                ) : <> — {t('placement.lowerScore')}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
