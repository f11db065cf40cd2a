/**
 * Depth-first branch-and-bound with a Lagrangian node bound, to prove optimality on small
 * instances (tens of households) where the heuristics already hold a very good solution but
 * the relaxation leaves a small gap (e.g. OR-Library gap1: 5 agents × 15 jobs).
 *
 * Node bound, for fixed multipliers λ ≥ 0 (capacities) and μ_j ∈ [−pen_j, pen_j] (quotas), with
 * the households placed so far giving `acc` (scores, −UP for each left unplaced), residual
 * capacities rc and persons P_j:
 *   acc + Σ_{h undecided} max(−UP, max_j s_hj − λ_j·a_hj − μ_j p_h) + Σ_jr λ_jr rc_jr
 *       + Σ_j max_{Q ≥ 0} (μ_j Q − pen_j(P_j + Q)),
 * the Lagrangian bound of the remaining subproblem (same argument as L(λ, μ) in the README,
 * with the quota term evaluated from the persons already placed). When the undecided households
 * need more than the capacity left on some resource, at least k of them stay out: the k that
 * lose least by staying out are made to (shortage.ts), which is what proves optimality when a
 * large unassigned penalty meets full municipalities.
 */
import { type Model, quotaPenalty } from './model.ts';
import { fewestLeftOut, shortageInputs } from './shortage.ts';

export interface BranchResult {
  /** Best assignment found (candidate positions); equals the incumbent if nothing better exists. */
  xPos: Int32Array;
  objective: number;
  /** True when the search finished: `objective` is the optimum. */
  complete: boolean;
  nodes: number;
}

export function branchAndBound(
  model: Model,
  lam: Float64Array,
  mu: Float64Array,
  incumbent: { xPos: Int32Array; objective: number },
  deadline: number,
): BranchResult {
  const { n, m, R, start, cm, cs, cap, needC, needH, size, UP, qPen, qL, qU } = model;
  const need = (h: number, p: number, k: number) => (needC ? needC[p * R + k] : needH[h * R + k]);
  // reduced values, candidates per household sorted by reduced value
  const red = new Float64Array(start[n]);
  const best = new Float64Array(n);
  const cand: Int32Array[] = [];
  for (let h = 0; h < n; h++) {
    let b = -UP;
    const ps: number[] = [];
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      let price = mu[j] * size[h];
      for (let k = 0; k < R; k++) price += lam[j * R + k] * need(h, p, k);
      red[p] = cs[p] - price;
      if (red[p] > b) b = red[p];
      ps.push(p);
    }
    ps.sort((x, y) => red[y] - red[x]);
    cand.push(Int32Array.from(ps));
    best[h] = b;
  }
  // decide households with the most at stake first: largest (best − second best) reduced value
  const order = Array.from({ length: n }, (_, h) => h);
  const regret = new Float64Array(n);
  for (let h = 0; h < n; h++) {
    const c = cand[h];
    regret[h] = c.length === 0 ? 0 : c.length === 1 ? red[c[0]] + UP : red[c[0]] - Math.max(red[c[1]], -UP);
  }
  order.sort((x, y) => regret[y] - regret[x] || size[y] - size[x]);
  const rest = new Float64Array(n + 1);
  for (let t = n - 1; t >= 0; t--) rest[t] = rest[t + 1] + best[order[t]];
  const F = (j: number, P: number): number => {
    if (qPen[j] === 0) return 0;
    let v = -quotaPenalty(model, j, P);
    for (const t of [qL[j], qU[j]]) if (t > P && t !== Infinity) v = Math.max(v, mu[j] * (t - P) - quotaPenalty(model, j, t));
    return v;
  };
  const load = new Float64Array(m * R);
  const persons = new Float64Array(m);
  let lamCap = 0; // Σ λ·rc
  for (let i = 0; i < m * R; i++) lamCap += lam[i] * cap[i];
  let quotaTerm = 0; // Σ F_j(P_j)
  const Fj = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    Fj[j] = F(j, 0);
    quotaTerm += Fj[j];
  }
  // capacity shortage (see shortage.ts): smallest needs, households by need and by loss when
  // left out, undecided households' total need and the capacity left, per resource
  const { minNeed, hasCand, byNeed, need: needLeft, capacity: capLeft } = shortageInputs(model);
  const depthOf = new Int32Array(n);
  order.forEach((h, t) => (depthOf[h] = t));
  const byLoss = Int32Array.from(order.filter((h) => hasCand[h]).sort((x, y) => best[x] - best[y]));
  let depth = 0;
  const undecided = (h: number) => depthOf[h] >= depth;
  /** Least total loss of the households that must stay out at depth t. */
  const shortageLoss = (t: number): number => {
    depth = t;
    let k = fewestLeftOut(byNeed, minNeed, undecided, needLeft, capLeft);
    let loss = 0;
    for (let i = 0; i < byLoss.length && k > 0; i++) {
      const h = byLoss[i];
      if (depthOf[h] < t) continue;
      loss += best[h] + UP;
      k--;
    }
    return loss;
  };
  const integral = model.integral;
  let bestObj = incumbent.objective;
  let bestX = incumbent.xPos.slice();
  const cur = new Int32Array(n).fill(-1);
  let nodes = 0;
  let stopped = false;
  const eps = 1e-9 * Math.max(1, Math.abs(bestObj));
  const prune = (b: number) => (integral ? Math.floor(b + 1e-7) <= bestObj : b <= bestObj + eps);

  const dfs = (t: number, acc: number): void => {
    if (stopped) return;
    if ((++nodes & 1023) === 0 && performance.now() > deadline) {
      stopped = true;
      return;
    }
    const ub = acc + rest[t] + lamCap + quotaTerm;
    if (prune(ub) || prune(ub - shortageLoss(t))) return;
    if (t === n) {
      let v = acc;
      for (let j = 0; j < m; j++) v -= quotaPenalty(model, j, persons[j]);
      if (v > bestObj + eps) {
        bestObj = v;
        bestX = cur.slice();
      }
      return;
    }
    const h = order[t];
    const c = cand[h];
    if (hasCand[h]) for (let k = 0; k < R; k++) needLeft[k] -= minNeed[h * R + k];
    for (let i = 0; i < c.length; i++) {
      const p = c[i];
      const j = cm[p];
      let ok = true;
      for (let k = 0; k < R; k++)
        if (load[j * R + k] + need(h, p, k) > cap[j * R + k] + 1e-9) {
          ok = false;
          break;
        }
      if (!ok) continue;
      let dl = 0;
      for (let k = 0; k < R; k++) {
        load[j * R + k] += need(h, p, k);
        capLeft[k] -= need(h, p, k);
        dl += lam[j * R + k] * need(h, p, k);
      }
      persons[j] += size[h];
      const oldF = Fj[j];
      Fj[j] = F(j, persons[j]);
      quotaTerm += Fj[j] - oldF;
      lamCap -= dl;
      cur[h] = p;
      dfs(t + 1, acc + cs[p]);
      cur[h] = -1;
      lamCap += dl;
      quotaTerm += oldF - Fj[j];
      Fj[j] = oldF;
      persons[j] -= size[h];
      for (let k = 0; k < R; k++) {
        load[j * R + k] -= need(h, p, k);
        capLeft[k] += need(h, p, k);
      }
      if (stopped) break;
    }
    if (!stopped) dfs(t + 1, acc - UP);
    if (hasCand[h]) for (let k = 0; k < R; k++) needLeft[k] += minNeed[h * R + k];
  };
  dfs(0, 0);
  return { xPos: bestX, objective: bestObj, complete: !stopped, nodes };
}
