/**
 * Exact depth-first branch-and-bound for tiny instances (used when the number of complete
 * assignments is small). Upper bound of a partial assignment: its scores plus, for each
 * remaining household, its best score (or −UP), ignoring capacities; quota penalties are
 * ≥ 0 and only subtracted at the leaves, so the bound is valid.
 */
import { type Model, quotaPenalty } from './model.ts';

/** log10 of the number of complete assignments Π(deg+1). */
export function searchSpaceLog10(model: Model): number {
  let s = 0;
  for (let h = 0; h < model.n; h++) s += Math.log10(model.start[h + 1] - model.start[h] + 1);
  return s;
}

export function solveExhaustive(model: Model, deadline: number): { xPos: Int32Array; objective: number } | null {
  const { n, m, R, start, cm, cs, cap, needC, needH, size, UP } = model;
  // order households by decreasing best score spread (more decisive first)
  const order = Array.from({ length: n }, (_, h) => h);
  const best = new Float64Array(n);
  for (let h = 0; h < n; h++) {
    let b = -UP;
    for (let p = start[h]; p < start[h + 1]; p++) if (cs[p] > b) b = cs[p];
    best[h] = b;
  }
  const rest = new Float64Array(n + 1);
  for (let t = n - 1; t >= 0; t--) rest[t] = rest[t + 1] + best[order[t]];
  const load = new Float64Array(m * R);
  const persons = new Float64Array(m);
  const cur = new Int32Array(n).fill(-1);
  let bestObj = -Infinity;
  let bestX = new Int32Array(n).fill(-1);
  let nodes = 0;
  let timedOut = false;
  const leafValue = (acc: number): number => {
    let v = acc;
    for (let j = 0; j < m; j++) v -= quotaPenalty(model, j, persons[j]);
    return v;
  };
  const dfs = (t: number, acc: number): void => {
    if (timedOut) return;
    if ((++nodes & 4095) === 0 && performance.now() > deadline) {
      timedOut = true;
      return;
    }
    if (acc + rest[t] <= bestObj + 1e-12) return;
    if (t === n) {
      const v = leafValue(acc);
      if (v > bestObj) {
        bestObj = v;
        bestX = cur.slice();
      }
      return;
    }
    const h = order[t];
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      let ok = true;
      for (let k = 0; k < R; k++)
        if (load[j * R + k] + (needC ? needC[p * R + k] : needH[h * R + k]) > cap[j * R + k] + 1e-9) {
          ok = false;
          break;
        }
      if (!ok) continue;
      for (let k = 0; k < R; k++) load[j * R + k] += needC ? needC[p * R + k] : needH[h * R + k];
      persons[j] += size[h];
      cur[h] = p;
      dfs(t + 1, acc + cs[p]);
      cur[h] = -1;
      persons[j] -= size[h];
      for (let k = 0; k < R; k++) load[j * R + k] -= needC ? needC[p * R + k] : needH[h * R + k];
    }
    dfs(t + 1, acc - UP);
  };
  dfs(0, 0);
  if (timedOut) return null;
  return { xPos: bestX, objective: bestObj };
}
