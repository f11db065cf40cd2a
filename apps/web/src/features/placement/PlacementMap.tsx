import { useTranslation } from 'react-i18next';
import type { Run } from './api';

/**
 * Where the persons of the proposal go: each municipality at its population-weighted centre, the
 * circle's area proportional to the persons proposed. The quota table below carries the same data
 * for people who do not use the picture.
 */
export function PlacementMap({ municipalities }: { municipalities: Run['municipalities'] }) {
  const { t } = useTranslation();
  const located = municipalities.filter((m) => m.lon !== null && m.lat !== null);
  if (located.length === 0) return null;
  const lons = located.map((m) => m.lon!), lats = located.map((m) => m.lat!);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const w = 640, h = 360, pad = 30;
  // Equirectangular, corrected for latitude: good enough at regional scale.
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const spanX = Math.max((maxLon - minLon) * k, 0.01), spanY = Math.max(maxLat - minLat, 0.01);
  const s = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
  const x = (lon: number) => pad + (lon - minLon) * k * s;
  const y = (lat: number) => h - pad - (lat - minLat) * s;
  const maxPersons = Math.max(1, ...located.map((m) => m.personsAfter - m.personsBefore));
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="placement-map-caption" className="map__svg">
        <rect x="0" y="0" width={w} height={h} fill="#f4f6f8" />
        {located.map((m) => {
          const persons = m.personsAfter - m.personsBefore;
          const r = persons > 0 ? 4 + 14 * Math.sqrt(persons / maxPersons) : 3;
          return (
            <g key={m.id}>
              <circle cx={x(m.lon!)} cy={y(m.lat!)} r={r} fill={persons > 0 ? '#0b4f8a' : '#6b7280'} fillOpacity={persons > 0 ? 0.75 : 0.5} stroke="#ffffff" />
              {persons > 0 && <text x={x(m.lon!) + r + 3} y={y(m.lat!) + 4} fontSize="12" fill="#1f2937">{m.name}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption id="placement-map-caption">{t('placement.mapCaption')}</figcaption>
    </figure>
  );
}
