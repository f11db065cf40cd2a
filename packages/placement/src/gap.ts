/**
 * Loader for the OR-Library generalized-assignment format (gap1..gap12: a count line then
 * several problems; gapa..gapd: one problem without the count line). Each problem:
 *   m n
 *   cost c[i][j]       (m rows of n numbers; agent i, job j)
 *   resource a[i][j]   (m rows of n numbers)
 *   capacity b[i]      (m numbers)
 * Conversion: municipalities = agents (capacity on resource "capacity"), households = jobs
 * (needs as per-municipality arrays), scores = −cost (or +cost with `maximize`), and an
 * unassigned penalty larger than any possible gain so that every job is assigned whenever
 * possible. With every job assigned, cost = −objective (minimisation).
 */
import type { Instance } from './types.ts';

export interface GapProblem {
  m: number;
  n: number;
  cost: number[][];
  resource: number[][];
  capacity: number[];
  /** A reference value printed after the problem in some copies of the files (e.g. its optimum). */
  reference?: number;
}

function parseOne(t: number[], pos: number): [GapProblem, number] | null {
  if (pos + 2 > t.length) return null;
  const m = t[pos];
  const n = t[pos + 1];
  if (!Number.isInteger(m) || !Number.isInteger(n) || m <= 0 || n <= 0) return null;
  let p = pos + 2;
  if (p + 2 * m * n + m > t.length) return null;
  const mat = () => {
    const rows: number[][] = [];
    for (let i = 0; i < m; i++) {
      rows.push(t.slice(p, p + n));
      p += n;
    }
    return rows;
  };
  const cost = mat();
  const resource = mat();
  const capacity = t.slice(p, p + m);
  p += m;
  return [{ m, n, cost, resource, capacity }, p];
}

/**
 * Parses all problems of an OR-Library GAP file. Also accepts the copies in circulation that
 * print each problem's optimum after its capacities (the value lands in `reference`).
 * Throws on malformed input.
 */
export function parseGap(text: string): GapProblem[] {
  const t = text
    .split(/\s+/)
    .filter((x) => x.length > 0)
    .map(Number);
  if (t.some((x) => !Number.isFinite(x))) throw new Error('GAP file: non-numeric token');
  // multi-problem file: P, then P problems (each optionally followed by one value), consuming every token
  const P = t[0];
  if (Number.isInteger(P) && P > 0)
    for (const trailing of [0, 1]) {
      const out: GapProblem[] = [];
      let pos = 1;
      for (let k = 0; k < P; k++) {
        const r = parseOne(t, pos);
        if (!r || r[1] + trailing > t.length) break;
        if (trailing) r[0].reference = t[r[1]];
        out.push(r[0]);
        pos = r[1] + trailing;
      }
      if (out.length === P && pos === t.length) return out;
    }
  const r = parseOne(t, 0);
  if (r && r[1] === t.length) return [r[0]];
  throw new Error('GAP file: could not parse (expected OR-Library gap format)');
}

/** Converts one GAP problem to a placement instance. */
export function gapToInstance(g: GapProblem, o: { maximize?: boolean; name?: string } = {}): Instance {
  const sign = o.maximize ? 1 : -1;
  let up = 1;
  for (let j = 0; j < g.n; j++) {
    let mx = 0;
    for (let i = 0; i < g.m; i++) mx = Math.max(mx, Math.abs(g.cost[i][j]));
    up += 2 * mx;
  }
  return {
    resources: ['capacity'],
    municipalities: g.capacity.map((b, i) => ({ id: `agent${i + 1}`, capacity: { capacity: b } })),
    households: Array.from({ length: g.n }, (_, j) => ({
      id: `job${j + 1}`,
      needs: { capacity: g.resource.map((row) => row[j]) },
      scores: g.cost.map((row) => sign * row[j]),
    })),
    options: { unassignedPenalty: up },
  };
}
