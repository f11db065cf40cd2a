// Maps of Europe: Natural Earth country outlines (public domain, via world-atlas, TopoJSON 1:110m)
// in the projection the EU uses for its statistical maps, Lambert azimuthal equal-area centred on
// 52° N 10° E (ETRS89-LAEA, EPSG:3035), with d3-geo. The projection is cut at 60° from its centre
// and clipped to the frame, so countries that reach across the antimeridian (Russia, the United
// States, Fiji) end at the frame's edge instead of drawing a band across the map; points are
// placed at their own longitude and latitude.
import { geoAzimuthalEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPoint } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type { Topology };

/** The EU's frame: mainland Europe from Iceland's longitude to Cyprus, Crete to the North Cape. */
export const EUROPE = { west: -24, east: 36, south: 34, north: 71 };
export const WIDTH = 800;
export const HEIGHT = 680;

/** Points along the edges of a longitude-latitude box, for fitting a projection to it. */
function frame(b: { west: number; east: number; south: number; north: number }): Feature<MultiPoint> {
  const coordinates: [number, number][] = [];
  for (let i = 0; i <= 10; i++) {
    const lon = b.west + ((b.east - b.west) * i) / 10;
    const lat = b.south + ((b.north - b.south) * i) / 10;
    coordinates.push([lon, b.south], [lon, b.north], [b.west, lat], [b.east, lat]);
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates } };
}

/**
 * ETRS89-LAEA fitted to a box (by default the EU's frame) inside width × height, with a margin in
 * pixels, clipped to the drawing.
 */
export function europeProjection(width = WIDTH, height = HEIGHT, box = EUROPE, margin = 0): GeoProjection {
  // precision(0): no adaptive resampling between the outlines' points (they are close enough at
  // these scales); it was most of the time a map took to draw.
  const p = geoAzimuthalEqualArea().rotate([-10, -52]).clipAngle(60).precision(0);
  p.fitExtent([[margin, margin], [width - margin, height - margin]], frame(box));
  return p.clipExtent([[0, 0], [width, height]]);
}

/** One SVG path per country that shows in the projection's frame. */
const drawn = new WeakMap<Topology, Map<string, Array<{ name: string; d: string }>>>();
export function countryPaths(topo: Topology, projection: GeoProjection): Array<{ name: string; d: string }> {
  // The same frame is drawn once per page view (live updates re-render the map, not the outlines).
  const key = `${projection.scale()}|${projection.translate().join(',')}`;
  const cached = drawn.get(topo)?.get(key);
  if (cached) return cached;
  const countries = feature(topo, topo.objects.countries as GeometryCollection<{ name?: string }>) as FeatureCollection<GeoJSON.Geometry, { name?: string }>;
  const path = geoPath(projection);
  const out: Array<{ name: string; d: string }> = [];
  for (const f of countries.features) {
    const d = path(f);
    if (d) out.push({ name: f.properties?.name ?? '', d });
  }
  if (!drawn.has(topo)) drawn.set(topo, new Map());
  drawn.get(topo)!.set(key, out);
  return out;
}

/**
 * The frame for a set of points: the EU's when they spread over Europe, else their own extent,
 * at least `min` degrees wide (and 0.6 × as tall) and with a fifth more room on every side.
 */
export function frameOf(points: Array<{ lon: number; lat: number }>, min = 4): typeof EUROPE {
  if (points.length === 0) return EUROPE;
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  if (east - west > 20 || north - south > 14) return EUROPE;
  const halfLon = Math.max((east - west) * 0.6, min / 2), halfLat = Math.max((north - south) * 0.6, (min * 0.6) / 2);
  const [lon, lat] = [(west + east) / 2, (south + north) / 2];
  return { west: lon - halfLon, east: lon + halfLon, south: lat - halfLat, north: lat + halfLat };
}

const outlines = new Map<string, Promise<Topology>>();
/**
 * The outlines, loaded once and on demand (their own chunks): 1:110m for Europe, 1:50m when the
 * frame is a region (less than 8° wide), where the coarse coasts would be wrong by kilometres.
 */
export function loadOutlines(box: typeof EUROPE = EUROPE): Promise<Topology> {
  const fine = box.east - box.west < 8;
  const key = fine ? '50m' : '110m';
  if (!outlines.has(key)) {
    const load = fine ? import('world-atlas/countries-50m.json') : import('world-atlas/countries-110m.json');
    outlines.set(key, load.then((m) => (m.default ?? m) as unknown as Topology));
  }
  return outlines.get(key)!;
}
