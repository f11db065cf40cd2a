// Municipalities (or NUTS 3 groups for aggregate-only readers) as points over Europe's country
// outlines: the area of a point grows with total capacity, its colour with the share that is free
// (three steps, also given in words in the table below it). The SVG is hidden from assistive
// technology; the table, always shown under the map, is the accessible view of the same data.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapPoint } from './api';
import { countryPaths, europeProjection, frameOf, HEIGHT, loadOutlines, WIDTH } from './europeMap';
import { Table } from '../../ui/Table';

export function band(p: MapPoint): 'high' | 'medium' | 'low' {
  const share = p.total > 0 ? p.free / p.total : 0;
  return share >= 0.3 ? 'high' : share >= 0.1 ? 'medium' : 'low';
}

export function EuropeMap({ points, caption }: { points: MapPoint[]; caption: string }) {
  const { t } = useTranslation();
  // Europe, or the extent of the points when they are in one country or region.
  const box = useMemo(() => frameOf(points), [points]);
  const projection = useMemo(() => europeProjection(WIDTH, HEIGHT, box), [box]);
  const [paths, setPaths] = useState<Array<{ name: string; d: string }>>([]);
  useEffect(() => { let live = true; loadOutlines(box).then((topo) => { if (live) setPaths(countryPaths(topo, projection)); }, () => {}); return () => { live = false; }; }, [box, projection]);
  const maxTotal = Math.max(1, ...points.map((p) => p.total));
  return (
    <div className="reception-map">
      <figure className="reception-map__figure">
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="reception-map__svg" aria-hidden="true" focusable="false">
            <rect width={WIDTH} height={HEIGHT} className="reception-map__sea" />
            {paths.map((c, i) => <path key={c.name + i} d={c.d} className="reception-map__country" />)}
            {points.map((p) => {
              // Each point at its own place; one outside the frame (an outermost region) is in the table only.
              const xy = projection([p.lon, p.lat]);
              if (!xy || xy[0] < 0 || xy[1] < 0 || xy[0] > WIDTH || xy[1] > HEIGHT) return null;
              const [x, y] = xy;
              const r = 3 + 12 * Math.sqrt(p.total / maxTotal);
              return <circle key={p.code + (p.organisationId ?? '')} cx={x} cy={y} r={r} className={`reception-map__point reception-map__point--${band(p)}`} />;
            })}
          </svg>
          <figcaption>
            {caption} <span className="reception-map__legend">
              <span className="reception-map__swatch reception-map__point--high" /> {t('reception.map.high')}
              <span className="reception-map__swatch reception-map__point--medium" /> {t('reception.map.medium')}
              <span className="reception-map__swatch reception-map__point--low" /> {t('reception.map.low')}
            </span>
            <span className="muted"> {t('reception.map.attribution')}</span>
          </figcaption>
      </figure>
      <div>
        <Table
          caption={caption}
          columns={[
            { key: 'name', header: t('reception.map.place'), rowHeader: true, cell: (p: MapPoint) => p.name },
            { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (p) => p.total },
            { key: 'free', header: t('reception.capacity.free'), numeric: true, cell: (p) => p.free },
            { key: 'band', header: t('reception.map.freeShare'), cell: (p) => t(`reception.map.${band(p)}`) },
          ]}
          rows={points}
          rowKey={(p) => p.code + (p.organisationId ?? '')}
        />
      </div>
    </div>
  );
}
