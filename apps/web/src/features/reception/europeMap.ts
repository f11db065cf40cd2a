// Country outlines for the reception map, from Natural Earth (public domain) via the world-atlas
// package (TopoJSON, 1:110m), decoded here without a library: arcs are delta-encoded integer
// pairs scaled by the topology's transform. Projected with a simple equirectangular projection
// whose x is scaled by cos(52°) (the middle of Europe), which keeps shapes recognisable.
export interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: { countries: { geometries: Array<{ type: string; arcs: number[][] | number[][][]; properties?: { name?: string } }> } };
}

export const VIEW = { west: -25, east: 45, south: 34, north: 71.5 };
const K = Math.cos((52 * Math.PI) / 180);
export const WIDTH = 800;
export const HEIGHT = Math.round(((VIEW.north - VIEW.south) / ((VIEW.east - VIEW.west) * K)) * WIDTH);

export function project(lon: number, lat: number): [number, number] {
  return [((lon - VIEW.west) / (VIEW.east - VIEW.west)) * WIDTH, ((VIEW.north - lat) / (VIEW.north - VIEW.south)) * HEIGHT];
}

function decodeArcs(topo: Topology): Array<Array<[number, number]>> {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty] as [number, number]; });
  });
}

function ring(arcs: Array<Array<[number, number]>>, indexes: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of indexes) {
    const a = i >= 0 ? arcs[i] : [...arcs[~i]].reverse();
    out.push(...(out.length ? a.slice(1) : a));
  }
  return out;
}

/** One SVG path per country that has a point inside the view. */
export function countryPaths(topo: Topology): Array<{ name: string; d: string }> {
  const arcs = decodeArcs(topo);
  const out: Array<{ name: string; d: string }> = [];
  for (const g of topo.objects.countries.geometries) {
    const polygons = (g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : []) as number[][][];
    let d = '';
    let inside = false;
    for (const polygon of polygons) {
      for (const r of polygon) {
        const pts = ring(arcs, r);
        if (pts.some(([lon, lat]) => lon >= VIEW.west && lon <= VIEW.east && lat >= VIEW.south && lat <= VIEW.north)) inside = true;
        d += pts.map(([lon, lat], i) => { const [x, y] = project(lon, lat); return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`; }).join('') + 'Z';
      }
    }
    if (inside && d) out.push({ name: g.properties?.name ?? '', d });
  }
  return out;
}
