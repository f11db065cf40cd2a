/**
 * Knapsack strengthening of the Lagrangian bound. With household values
 * v_h = max(−UP, max_j s_hj − λ_j·a_hj − μ_j p_h), relaxing the "placed at most once" rows with
 * multipliers π_h = v_h + UP ≥ 0 gives
 *   opt ≤ Σ_h v_h + Σ_j KP_j,   KP_j = max_{S fits in j} Σ_{h∈S} (s_hj − v_h) − pen_j(persons(S)),
 * an integer multi-resource knapsack per municipality with its exact quota penalty. Each KP_j is
 * solved by depth-first branch-and-bound whose node bound is the (λ_j, μ_j) Lagrangian of the
 * remaining subproblem; at the root that bound equals municipality j's term of L(λ, μ), so the
 * result never exceeds L(λ, μ). If a municipality's search exceeds its node budget, its
 * L(λ, μ) term is used instead (still valid).
 */
import { type Model, quotaPenalty } from './model.ts';

export interface KnapsackBoundResult {
  bound: number;
  solved: number;
  fallback: number;
  /** Per household: in how many municipalities' optimal knapsacks it was chosen (solved ones). */
  chosen: Int32Array;
  /** Household values v used (π_h = v_h + UP). */
  v: Float64Array;
}

/**
 * Each municipality keeps its T items (households) with the largest reduced value
 * r = s − v_h − λ_j·a − μ_j·p; every subset containing a dropped item is worth at most
 * (L(λ, μ) term of j) + max dropped r + Σ kept max(0, r), which is folded into the result, so
 * the bound stays valid. After the deadline, the remaining municipalities keep their L(λ, μ)
 * term (still valid).
 */
export function knapsackBound(
  model: Model,
  lam: Float64Array,
  mu: Float64Array,
  nodeLimit: number,
  deadline: number,
  T = 64,
  vIn?: Float64Array,
  clock: () => number = () => performance.now(),
): KnapsackBoundResult | null {
  const { n, m, R, start, cm, cs, needC, needH, size, cap, UP, qPen, qL, qU } = model;
  // household values v_h (default: best reduced value over the full candidate lists); any
  // v_h ≥ −UP is valid (π_h = v_h + UP ≥ 0)
  const v = new Float64Array(n);
  let base = 0;
  const chosen = new Int32Array(n);
  if (vIn)
    for (let h = 0; h < n; h++) {
      v[h] = Math.max(vIn[h], -UP);
      base += v[h];
    }
  else for (let h = 0; h < n; h++) {
    let bv = -UP;
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      let price = mu[j] * size[h];
      for (let k = 0; k < R; k++) price += lam[j * R + k] * (needC ? needC[p * R + k] : needH[h * R + k]);
      const val = cs[p] - price;
      if (val > bv) bv = val;
    }
    v[h] = bv;
    base += bv;
  }
  // top-T items per municipality by reduced value (items that cannot improve any subset,
  // profit + largest possible quota relief ≤ 0, are skipped)
  const topR = new Float64Array(m * T);
  const topP = new Int32Array(m * T);
  const topH = new Int32Array(m * T);
  const topCnt = new Int32Array(m);
  const topMin = new Int32Array(m);
  const droppedMax = new Float64Array(m).fill(-Infinity);
  const droppedPos = new Float64Array(m); // Σ max(0, r) over dropped items
  const posAll = new Float64Array(m); // Σ max(0, r) over all eligible items
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      const prof = cs[p] - v[h];
      if (prof + qPen[j] * size[h] <= 1e-12) continue;
      let price = mu[j] * size[h];
      for (let k = 0; k < R; k++) price += lam[j * R + k] * (needC ? needC[p * R + k] : needH[h * R + k]);
      const r = prof - price;
      if (r > 0) posAll[j] += r;
      const c = topCnt[j];
      const o = j * T;
      if (c < T) {
        topR[o + c] = r;
        topP[o + c] = p;
        topH[o + c] = h;
        topCnt[j] = c + 1;
        if (c === 0 || r < topR[o + topMin[j]]) topMin[j] = c;
      } else {
        const mi = topMin[j];
        if (r <= topR[o + mi]) {
          if (r > droppedMax[j]) droppedMax[j] = r;
          if (r > 0) droppedPos[j] += r;
          continue;
        }
        if (topR[o + mi] > droppedMax[j]) droppedMax[j] = topR[o + mi];
        if (topR[o + mi] > 0) droppedPos[j] += topR[o + mi];
        topR[o + mi] = r;
        topP[o + mi] = p;
        topH[o + mi] = h;
        let nm = 0;
        for (let t = 1; t < T; t++) if (topR[o + t] < topR[o + nm]) nm = t;
        topMin[j] = nm;
      }
    }
  const cnt = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) cnt[j + 1] = cnt[j] + topCnt[j];
  const itemP = new Int32Array(cnt[m]);
  const itemH = new Int32Array(cnt[m]);
  for (let j = 0; j < m; j++)
    for (let t = 0; t < topCnt[j]; t++) {
      itemP[cnt[j] + t] = topP[j * T + t];
      itemH[cnt[j] + t] = topH[j * T + t];
    }
  let total = base;
  let solved = 0;
  let fallback = 0;
  const load = new Float64Array(R);
  let late = false;
  for (let j = 0; j < m; j++) {
    if (!late && (j & 7) === 0 && clock() > deadline) late = true;
    const muj = mu[j];
    const lo = qL[j];
    const hi = qU[j];
    const pen = qPen[j];
    // F(P) = max_{P' ≥ 0} μ P' − pen(P + P')
    const F = (P: number): number => {
      if (pen === 0) return 0;
      let best = -quotaPenalty(model, j, P);
      for (const t of [lo, hi]) if (t > P && t !== Infinity) best = Math.max(best, muj * (t - P) - quotaPenalty(model, j, t));
      return best;
    };
    let lamCap = 0;
    for (let k = 0; k < R; k++) lamCap += lam[j * R + k] * cap[j * R + k];
    // municipality j's Lagrangian term; with positive reduced values (v below the household's
    // best reduced value) their sum is added so that it stays an upper bound of KP_j
    const oldTerm = lamCap + F(0) + posAll[j];
    const a = cnt[j];
    const b = cnt[j + 1];
    const k0 = b - a;
    // sort items by reduced value r desc
    const idx = Array.from({ length: k0 }, (_, t) => a + t);
    const r = new Float64Array(b - a);
    const prof = new Float64Array(b - a);
    for (let t = 0; t < k0; t++) {
      const p = itemP[a + t];
      const h = itemH[a + t];
      prof[t] = cs[p] - v[h];
      let price = muj * size[h];
      for (let k = 0; k < R; k++) price += lam[j * R + k] * (needC ? needC[p * R + k] : needH[h * R + k]);
      r[t] = prof[t] - price;
    }
    const order = idx.map((_, t) => t).sort((x, y) => r[y] - r[x]);
    const suf = new Float64Array(k0 + 1);
    for (let t = k0 - 1; t >= 0; t--) suf[t] = suf[t + 1] + Math.max(0, r[order[t]]);
    let best = -quotaPenalty(model, j, 0);
    const stack: number[] = [];
    let bestSet: number[] = [];
    let nodes = 0;
    let work = 0;
    const workLimit = 10 * nodeLimit;
    let aborted = false;
    load.fill(0);
    const eps = 1e-9 * Math.max(1, Math.abs(oldTerm));
    // node = a chosen subset; children add one more item with a larger index (depth = subset size)
    const dfs = (t: number, acc: number, P: number, lamLeft: number): void => {
      if (aborted) return;
      if (++nodes > nodeLimit) {
        aborted = true;
        return;
      }
      const here = acc - quotaPenalty(model, j, P);
      if (here > best) {
        best = here;
        bestSet = stack.slice();
      }
      const fP = F(P);
      for (let i = t; i < k0; i++) {
        // bound for every superset using items i.. (suf is non-increasing, so stop at the first failure)
        if (acc + lamLeft + fP + suf[i] <= best + eps) break;
        if (++work > workLimit) {
          aborted = true;
          return;
        }
        const it = order[i];
        const p = itemP[a + it];
        const h = itemH[a + it];
        let fits = true;
        let lamUse = 0;
        for (let k = 0; k < R; k++) {
          const nd = needC ? needC[p * R + k] : needH[h * R + k];
          if (load[k] + nd > cap[j * R + k] + 1e-9) fits = false;
          lamUse += lam[j * R + k] * nd;
        }
        if (!fits) continue;
        for (let k = 0; k < R; k++) load[k] += needC ? needC[p * R + k] : needH[h * R + k];
        stack.push(h);
        dfs(i + 1, acc + prof[it], P + size[h], lamLeft - lamUse);
        stack.pop();
        for (let k = 0; k < R; k++) load[k] -= needC ? needC[p * R + k] : needH[h * R + k];
        if (aborted) return;
      }
    };
    if (late) aborted = true;
    else dfs(0, 0, 0, lamCap);
    if (aborted) {
      fallback++;
      total += oldTerm;
    } else {
      solved++;
      for (const h of bestSet) chosen[h]++;
      // a subset S with a dropped item i is worth at most oldTerm + Σ_S r
      //   ≤ oldTerm + min(0, r_i) + Σ_{all items} max(0, r)
      const viaDropped = droppedMax[j] === -Infinity ? -Infinity : lamCap + F(0) + Math.min(0, droppedMax[j]) + suf[0] + droppedPos[j] + eps;
      total += Math.min(oldTerm, Math.max(best + eps, viaDropped));
    }
  }
  return { bound: total, solved, fallback, chosen, v };
}
