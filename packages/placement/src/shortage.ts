/**
 * Capacity shortage. When the households' needs add up to more than all municipalities'
 * capacity on some resource, every feasible solution leaves at least k households unplaced.
 * The Lagrangian relaxation does not see it (it may place part of a family), so with a large
 * unassigned penalty its bound stays far above anything reachable: on the demo's 30 households
 * across three nearly full Stockholm municipalities it was −3 692.8 against an optimum of
 * −8 712. Adding "at least k of them unplaced" to the relaxation keeps it easy (each household
 * still chooses alone; the k that lose least by staying out are made to) and keeps it valid
 * for any multipliers.
 */
import { lagrangianValue } from './relaxation.ts';
import type { Model } from './model.ts';

/** Each household's smallest need per resource over its candidates, minNeed[h·R + r]; hasCand[h]. */
export function minimumNeeds(model: Model): { minNeed: Float64Array; hasCand: Uint8Array } {
  const { n, R, start, needC, needH } = model;
  const minNeed = new Float64Array(n * R);
  const hasCand = new Uint8Array(n);
  for (let h = 0; h < n; h++) {
    if (start[h + 1] === start[h]) continue;
    hasCand[h] = 1;
    for (let r = 0; r < R; r++) {
      let v = Infinity;
      if (needC) for (let p = start[h]; p < start[h + 1]; p++) v = Math.min(v, needC[p * R + r]);
      else v = needH[h * R + r];
      minNeed[h * R + r] = v;
    }
  }
  return { minNeed, hasCand };
}

/** Households per resource, largest smallest-need first (the order in which dropping frees most). */
export function byNeedDescending(minNeed: Float64Array, hasCand: Uint8Array, R: number): Int32Array[] {
  const hs: number[] = [];
  for (let h = 0; h < hasCand.length; h++) if (hasCand[h]) hs.push(h);
  return Array.from({ length: R }, (_, r) => Int32Array.from(hs.slice().sort((a, b) => minNeed[b * R + r] - minNeed[a * R + r])));
}

/**
 * Fewest of the active households that must stay out so that, on every resource, the needs of
 * the others fit the total capacity left (`need[r]`: the active households' total smallest need).
 */
export function fewestLeftOut(order: Int32Array[], minNeed: Float64Array, active: (h: number) => boolean, need: Float64Array, capacity: Float64Array): number {
  const R = order.length;
  let k = 0;
  for (let r = 0; r < R; r++) {
    let excess = need[r] - capacity[r];
    if (excess <= 1e-9) continue;
    let c = 0;
    for (const h of order[r]) {
      if (!active(h)) continue;
      excess -= minNeed[h * R + r];
      c++;
      if (excess <= 1e-9) break;
    }
    k = Math.max(k, c);
  }
  return k;
}

/**
 * What the shortage is computed from: smallest needs, households by need per resource, and the
 * totals of need (households with candidates) and capacity per resource.
 */
export function shortageInputs(model: Model) {
  const { n, m, R, cap } = model;
  const { minNeed, hasCand } = minimumNeeds(model);
  const need = new Float64Array(R);
  const capacity = new Float64Array(R);
  for (let h = 0; h < n; h++) if (hasCand[h]) for (let r = 0; r < R; r++) need[r] += minNeed[h * R + r];
  for (let j = 0; j < m; j++) for (let r = 0; r < R; r++) capacity[r] += cap[j * R + r];
  return { minNeed, hasCand, byNeed: byNeedDescending(minNeed, hasCand, R), need, capacity };
}

/** The shortage k of a whole instance: fewest households that every feasible solution leaves out. */
export function shortageOf(model: Model): number {
  const s = shortageInputs(model);
  return fewestLeftOut(s.byNeed, s.minNeed, () => true, s.need, s.capacity);
}

/**
 * The Lagrangian bound with "at least k households unplaced" added, L_k(λ, μ): L minus the k
 * smallest losses best_h + UP, where best_h is household h's best reduced value (−UP when
 * staying out is best). Valid for any λ ≥ 0 and μ ∈ [−pen, pen]; equals L when k = 0. With
 * `grad`, also fills a subgradient (λ part, then μ part): the households made to stay out use
 * no capacity.
 */
export function shortageValue(model: Model, k: number, lam: Float64Array, mu: Float64Array, grad?: { lam: Float64Array; mu: Float64Array }): number {
  const { n, m, R, start, cm, cs, size, needC, needH, cap, UP, qPen, qL, qU } = model;
  const pos = new Int32Array(n);
  let total = lagrangianValue(model, lam, mu, pos);
  if (k > 0) {
    // each household's loss when made to stay out: its best reduced value + UP (0 when out already)
    const loss = new Float64Array(n);
    const ranked: number[] = [];
    for (let h = 0; h < n; h++) {
      if (start[h + 1] === start[h]) continue;
      ranked.push(h);
      const p = pos[h];
      if (p < 0) continue;
      const j = cm[p];
      let price = mu[j] * size[h];
      for (let r = 0; r < R; r++) price += lam[j * R + r] * (needC ? needC[p * R + r] : needH[h * R + r]);
      loss[h] = Math.max(0, cs[p] - price + UP);
    }
    ranked.sort((x, y) => loss[x] - loss[y]);
    for (let i = 0; i < k && i < ranked.length; i++) {
      total -= loss[ranked[i]];
      pos[ranked[i]] = -1;
    }
  }
  if (grad) {
    grad.lam.set(cap);
    grad.mu.fill(0);
    for (let j = 0; j < m; j++) if (qPen[j] > 0) grad.mu[j] = mu[j] >= 0 ? qU[j] : qL[j];
    for (let h = 0; h < n; h++) {
      const p = pos[h];
      if (p < 0) continue;
      const j = cm[p];
      for (let r = 0; r < R; r++) grad.lam[j * R + r] -= needC ? needC[p * R + r] : needH[h * R + r];
      if (qPen[j] > 0) grad.mu[j] -= size[h];
    }
  }
  return total;
}

/**
 * Minimises L_k by a projected subgradient method with Polyak steps towards `target` (the best
 * known objective), from the better of the given multipliers and zero (where the scores alone
 * count). Returns the best bound met and its multipliers; k = 0 means no shortage, and then the
 * given multipliers come back untouched.
 */
export function shortageDual(
  model: Model,
  lam0: Float64Array,
  mu0: Float64Array,
  target: number,
  iterations: number,
): { k: number; bound: number; lam: Float64Array; mu: Float64Array } {
  const k = shortageOf(model);
  if (k === 0) return { k, bound: Infinity, lam: lam0, mu: mu0 };
  const { m, R, qPen } = model;
  const zeroLam = new Float64Array(m * R);
  const zeroMu = new Float64Array(m);
  const a = shortageValue(model, k, lam0, mu0);
  const b = shortageValue(model, k, zeroLam, zeroMu);
  let lam = a <= b ? lam0.slice() : zeroLam;
  let mu = a <= b ? mu0.slice() : zeroMu;
  let best = { k, bound: Math.min(a, b), lam: lam.slice(), mu: mu.slice() };
  const grad = { lam: new Float64Array(m * R), mu: new Float64Array(m) };
  let theta = 1;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    const L = shortageValue(model, k, lam, mu, grad);
    if (L < best.bound - 1e-9) {
      best = { k, bound: L, lam: lam.slice(), mu: mu.slice() };
      stall = 0;
    } else if (++stall >= 10) {
      theta /= 2;
      stall = 0;
      if (theta < 1e-4) break;
    }
    let norm = 0;
    for (let i = 0; i < m * R; i++) {
      if (lam[i] <= 0 && grad.lam[i] > 0) grad.lam[i] = 0; // projection: λ stays ≥ 0
      norm += grad.lam[i] ** 2;
    }
    for (let j = 0; j < m; j++) norm += grad.mu[j] ** 2;
    if (norm < 1e-12) break; // L is at its minimum
    const step = (theta * Math.max(L - target, 1e-6 * Math.max(1, Math.abs(L)))) / norm;
    lam = lam.map((v, i) => Math.max(0, v - step * grad.lam[i]));
    mu = mu.map((v, j) => (qPen[j] > 0 ? Math.min(qPen[j], Math.max(-qPen[j], v - step * grad.mu[j])) : 0));
  }
  return best;
}
