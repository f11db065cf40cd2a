import { useTranslation } from 'react-i18next';
import type { Explanation } from './api';

const order = ['labour', 'ties', 'preference', 'services', 'language'] as const;

/** Why a household goes where it goes: each score component times its weight, and what kept it from better places. */
export function ExplanationPanel({ e }: { e: Explanation }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const parts = (c: Record<string, number>) => order.map((k) => `${t(`placement.components.${k}`)} ${nf.format(c[k] ?? 0)} × ${nf.format(e.weights[k])}`).join(' + ');
  return (
    <>
      <h3>{t('placement.explanationOf', { reference: e.household.reference })}</h3>
      {e.municipality ? (
        <p>{t('placement.placedIn', { name: e.municipality.name, score: nf.format(e.score ?? 0) })}<br /><span className="muted">{parts(e.components ?? {})}</span></p>
      ) : (
        <p>{t('placement.notPlaced', { reason: e.unassignedReason ?? '' })}</p>
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
                    {a.blockedBy.map((b, i) => (
                      <li key={i}>
                        {t(`placement.blockers.${b.kind}`, { resource: b.resource ? t(`placement.resources.${b.resource}`) : '' })} — {b.detail}
                        {b.shadowPrice !== undefined && ` (${t('placement.shadowPrice', { value: nf.format(b.shadowPrice) })})`}
                      </li>
                    ))}
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
