import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Run } from './api';
import { countryPaths, europeProjection, frameOf, loadOutlines } from '../reception/europeMap';
import '../reception/reception.css';

const W = 640, H = 420, PAD = 48;

/**
 * Where the persons of the proposal go: each municipality at its own centre (the LAU's
 * population-weighted centre) over the country outlines, in the EU's map projection fitted to the
 * run's municipalities; the circle's area is proportional to the persons proposed. The quota table
 * below carries the same data for people who do not use the picture.
 */
export function PlacementMap({ municipalities }: { municipalities: Run['municipalities'] }) {
  const { t } = useTranslation();
  const located = municipalities.filter((m) => m.lon !== null && m.lat !== null);
  const key = located.map((m) => `${m.lon},${m.lat}`).join(';');
  const box = useMemo(() => frameOf(located.map((m) => ({ lon: m.lon!, lat: m.lat! })), 0.6), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const projection = useMemo(() => (located.length ? europeProjection(W, H, box, PAD) : null), [box]); // eslint-disable-line react-hooks/exhaustive-deps
  const [paths, setPaths] = useState<Array<{ name: string; d: string }>>([]);
  useEffect(() => {
    if (!projection) return;
    let live = true;
    loadOutlines(box).then((topo) => { if (live) setPaths(countryPaths(topo, projection)); }, () => {});
    return () => { live = false; };
  }, [box, projection]);
  if (!projection) return null;
  const maxPersons = Math.max(1, ...located.map((m) => m.personsAfter - m.personsBefore));
  return (
    <figure className="map">
      {/* A map is not mirrored in right-to-left languages: its labels are laid out left to right. */}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="placement-map-caption" className="map__svg" direction="ltr">
        <rect x="0" y="0" width={W} height={H} className="reception-map__sea" />
        {paths.map((c, i) => <path key={c.name + i} d={c.d} className="reception-map__country" />)}
        {located.map((m) => {
          const [x, y] = projection([m.lon!, m.lat!]) ?? [-1, -1];
          const persons = m.personsAfter - m.personsBefore;
          const r = persons > 0 ? 4 + 14 * Math.sqrt(persons / maxPersons) : 3;
          const right = x < W * 0.7; // near the right edge the name goes to the left of its point
          return (
            <g key={m.id}>
              <circle cx={x} cy={y} r={r} fill={persons > 0 ? '#0b4f8a' : '#6b7280'} fillOpacity={persons > 0 ? 0.75 : 0.5} stroke="#ffffff" />
              {persons > 0 && <text x={right ? x + r + 3 : x - r - 3} y={y + 4} textAnchor={right ? 'start' : 'end'} fontSize="12" fill="#1f2937">{m.name}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption id="placement-map-caption">{t('placement.mapCaption')} <span className="muted">{t('reception.map.attribution')}</span></figcaption>
    </figure>
  );
}
