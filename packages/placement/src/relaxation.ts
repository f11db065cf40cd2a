/**
 * The Lagrangian relaxation's arithmetic, shared by the engine (runEngine's phases), the
 * shortage bound and solve's fallback bound. Relaxing the capacity rows (λ_jr ≥ 0) and the
 * quota rows (μ_j ∈ [−pen_j, pen_j]) leaves one choice per household:
 * max(−UP, max_j s_hj − price_hj) with price_hj = μ_j·p_h + Σ_r λ_jr·a_hjr.
 */
import type { Model } from './model.ts';

/** A household's candidates as parallel arrays (the model's full lists or the engine's working sets). */
export interface CandidateArrays {
  /** Municipality of each slot. */
  muni: Int32Array;
  /** Score of each slot. */
  score: Float64Array;
  /** Needs, R per slot (perSlotNeed) or R per household. */
  need: Float64Array;
  perSlotNeed: boolean;
}

/** Best candidate of a household at given multipliers (slot −1: staying out is at least as good). */
export interface BestCandidate {
  value: number;
  slot: number;
}

/** Value of the Lagrangian dual term of quota j at multiplier mu. */
export function quotaDualTerm(model: Model, j: number, mu: number): number {
  return mu >= 0 ? mu * (model.qU[j] === Infinity ? 0 : model.qU[j]) : mu * model.qL[j];
}

/** The multiplier-only part of L(λ, μ), Σ λ·c plus the quota terms, added to `total` in that order. */
export function multiplierTerm(model: Model, lam: Float64Array, mu: Float64Array, total = 0): number {
  const { m, R, cap, qPen } = model;
  let t = total;
  for (let i = 0; i < m * R; i++) t += lam[i] * cap[i];
  if (model.hasQuota) for (let j = 0; j < m; j++) if (qPen[j] > 0) t += quotaDualTerm(model, j, mu[j]);
  return t;
}

/** Price of placing a household of size `sz` in municipality j: μ_j·sz + Σ_r λ_jr·need[nb + r]. */
export function candidatePrice(lam: Float64Array, mu: Float64Array, R: number, j: number, sz: number, need: Float64Array, nb: number): number {
  let price = mu[j] * sz;
  const lb = j * R;
  for (let k = 0; k < R; k++) price += lam[lb + k] * need[nb + k];
  return price;
}

/**
 * Household h's best reduced score s − price over the slots [from, to) of `c`, into `out`; the
 * first of equal values wins, and `floor` (slot −1) unless some slot is strictly higher.
 */
export function bestReducedCandidate(
  c: CandidateArrays,
  R: number,
  lam: Float64Array,
  mu: Float64Array,
  h: number,
  sz: number,
  from: number,
  to: number,
  floor: number,
  out: BestCandidate,
): void {
  const { muni, score, need, perSlotNeed } = c;
  let bv = floor;
  let bp = -1;
  for (let p = from; p < to; p++) {
    const v = score[p] - candidatePrice(lam, mu, R, muni[p], sz, need, perSlotNeed ? p * R : h * R);
    if (v > bv) {
      bv = v;
      bp = p;
    }
  }
  out.value = bv;
  out.slot = bp;
}

/** The model's full candidate lists as CandidateArrays. */
export function fullCandidates(model: Model): CandidateArrays {
  return { muni: model.cm, score: model.cs, need: model.needC ?? model.needH, perSlotNeed: model.needC !== null };
}

/**
 * Full-instance Lagrangian value L(lam, mu) = Σ_h max(−UP, max_j s_hj − price_hj) + Σ lam·cap
 * + Σ_j quota term. A valid upper bound for any lam ≥ 0 and mu ∈ [−pen, pen].
 * Optionally reports, per household, the best candidate position (−1 = unassigned).
 */
export function lagrangianValue(model: Model, lam: Float64Array, mu: Float64Array, best?: Int32Array): number {
  const { n, R, start, size, UP } = model;
  const c = fullCandidates(model);
  const out: BestCandidate = { value: 0, slot: -1 };
  let total = 0;
  for (let h = 0; h < n; h++) {
    bestReducedCandidate(c, R, lam, mu, h, size[h], start[h], start[h + 1], -UP, out);
    total += out.value;
    if (best) best[h] = out.slot;
  }
  return multiplierTerm(model, lam, mu, total);
}
