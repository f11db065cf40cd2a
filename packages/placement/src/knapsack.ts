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
import { type BestCandidate, bestReducedCandidate, candidatePrice, fullCandidates } from './relaxation.ts';

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
  const { n, m } = model;
  const { v, base } = householdValues(model, lam, mu, vIn);
  const items = topItems(model, lam, mu, v, T);
  const chosen = new Int32Array(n);
  let total = base;
  let solved = 0;
  let fallback = 0;
  const load = new Float64Array(model.R);
  let late = false;
  for (let j = 0; j < m; j++) {
    if (!late && (j & 7) === 0 && clock() > deadline) late = true;
    const kp = new MunicipalityKnapsack(model, lam, mu, v, items, j, load);
    if (!late) kp.solve(nodeLimit);
    if (late || kp.aborted) {
      fallback++;
      total += kp.oldTerm;
    } else {
      solved++;
      for (const h of kp.bestSet) chosen[h]++;
      total += kp.value();
    }
  }
  return { bound: total, solved, fallback, chosen, v };
}

/**
 * Household values v_h (default: best reduced value over the full candidate lists); any
 * v_h ≥ −UP is valid (π_h = v_h + UP ≥ 0). Also their sum.
 */
function householdValues(model: Model, lam: Float64Array, mu: Float64Array, vIn?: Float64Array): { v: Float64Array; base: number } {
  const { n, R, start, size, UP } = model;
  const v = new Float64Array(n);
  let base = 0;
  if (vIn)
    for (let h = 0; h < n; h++) {
      v[h] = Math.max(vIn[h], -UP);
      base += v[h];
    }
  else {
    const c = fullCandidates(model);
    const out: BestCandidate = { value: 0, slot: -1 };
    for (let h = 0; h < n; h++) {
      bestReducedCandidate(c, R, lam, mu, h, size[h], start[h], start[h + 1], -UP, out);
      v[h] = out.value;
      base += out.value;
    }
  }
  return { v, base };
}

/** The kept items of every municipality (positions itemP, households itemH, municipality j's in cnt[j] … cnt[j+1]−1) and what the dropped ones may add. */
interface ItemLists {
  cnt: Int32Array;
  itemP: Int32Array;
  itemH: Int32Array;
  /** Largest dropped r per municipality (−∞: none dropped). */
  droppedMax: Float64Array;
  /** Σ max(0, r) over dropped items. */
  droppedPos: Float64Array;
  /** Σ max(0, r) over all eligible items. */
  posAll: Float64Array;
}

/**
 * Top-T items per municipality by reduced value (items that cannot improve any subset,
 * profit + largest possible quota relief ≤ 0, are skipped).
 */
function topItems(model: Model, lam: Float64Array, mu: Float64Array, v: Float64Array, T: number): ItemLists {
  const { n, m, R, start, cm, cs, needC, needH, size, qPen } = model;
  const need = needC ?? needH;
  const topR = new Float64Array(m * T);
  const topP = new Int32Array(m * T);
  const topH = new Int32Array(m * T);
  const topCnt = new Int32Array(m);
  const topMin = new Int32Array(m);
  const droppedMax = new Float64Array(m).fill(-Infinity);
  const droppedPos = new Float64Array(m);
  const posAll = new Float64Array(m);
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      const prof = cs[p] - v[h];
      if (prof + qPen[j] * size[h] <= 1e-12) continue;
      const r = prof - candidatePrice(lam, mu, R, j, size[h], need, needC ? p * R : h * R);
      if (r > 0) posAll[j] += r;
      const c = topCnt[j];
      const o = j * T;
      if (c < T) {
        topR[o + c] = r;
        topP[o + c] = p;
        topH[o + c] = h;
        topCnt[j] = c + 1;
        if (c === 0 || r < topR[o + topMin[j]]) topMin[j] = c;
        continue;
      }
      // full: r replaces the smallest kept item, or is dropped
      const mi = topMin[j];
      const out = r <= topR[o + mi] ? r : topR[o + mi];
      if (out > droppedMax[j]) droppedMax[j] = out;
      if (out > 0) droppedPos[j] += out;
      if (r <= topR[o + mi]) continue;
      topR[o + mi] = r;
      topP[o + mi] = p;
      topH[o + mi] = h;
      let nm = 0;
      for (let t = 1; t < T; t++) if (topR[o + t] < topR[o + nm]) nm = t;
      topMin[j] = nm;
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
  return { cnt, itemP, itemH, droppedMax, droppedPos, posAll };
}

/** KP_j of one municipality: depth-first branch-and-bound over its kept items, by decreasing reduced value. */
class MunicipalityKnapsack {
  /** Municipality j's term of L(λ, μ), plus Σ max(0, r) so that it bounds KP_j when v is below the best reduced values. */
  readonly oldTerm: number;
  aborted = false;
  best: number;
  bestSet: number[] = [];
  private readonly muj: number;
  private readonly lamCap: number;
  private readonly k0: number;
  private readonly a: number;
  private readonly order: number[];
  private readonly prof: Float64Array;
  /** suf[t] = Σ_{i ≥ t} max(0, r[order[i]]). */
  private readonly suf: Float64Array;
  private readonly eps: number;
  private readonly stack: number[] = [];
  private nodes = 0;
  private work = 0;
  private nodeLimit = 0;

  constructor(
    private readonly model: Model,
    private readonly lam: Float64Array,
    mu: Float64Array,
    v: Float64Array,
    private readonly items: ItemLists,
    private readonly j: number,
    /** Scratch: the chosen subset's load per resource. */
    private readonly load: Float64Array,
  ) {
    const { R, cs, cap, needC, needH, size } = model;
    this.muj = mu[j];
    let lamCap = 0;
    for (let k = 0; k < R; k++) lamCap += lam[j * R + k] * cap[j * R + k];
    this.lamCap = lamCap;
    this.oldTerm = lamCap + this.F(0) + items.posAll[j];
    const a = items.cnt[j];
    const b = items.cnt[j + 1];
    const k0 = b - a;
    this.a = a;
    this.k0 = k0;
    // sort items by reduced value r desc
    const r = new Float64Array(k0);
    this.prof = new Float64Array(k0);
    const need = needC ?? needH;
    for (let t = 0; t < k0; t++) {
      const p = items.itemP[a + t];
      const h = items.itemH[a + t];
      this.prof[t] = cs[p] - v[h];
      r[t] = this.prof[t] - candidatePrice(lam, mu, R, j, size[h], need, needC ? p * R : h * R);
    }
    this.order = Array.from({ length: k0 }, (_, t) => t).sort((x, y) => r[y] - r[x]);
    this.suf = new Float64Array(k0 + 1);
    for (let t = k0 - 1; t >= 0; t--) this.suf[t] = this.suf[t + 1] + Math.max(0, r[this.order[t]]);
    this.best = -quotaPenalty(model, j, 0);
    this.eps = 1e-9 * Math.max(1, Math.abs(this.oldTerm));
  }

  /** F(P) = max_{P' ≥ 0} μ P' − pen(P + P'). */
  private F(P: number): number {
    const { model, j } = this;
    if (model.qPen[j] === 0) return 0;
    const muj = this.muj;
    let best = -quotaPenalty(model, j, P);
    for (const t of [model.qL[j], model.qU[j]]) if (t > P && t !== Infinity) best = Math.max(best, muj * (t - P) - quotaPenalty(model, j, t));
    return best;
  }

  solve(nodeLimit: number): void {
    this.nodeLimit = nodeLimit;
    this.load.fill(0);
    this.dfs(0, 0, 0, this.lamCap);
  }

  /** KP_j's bound once solved: the best subset, or via a dropped item (never above oldTerm). */
  value(): number {
    const { j, items, eps } = this;
    // a subset S with a dropped item i is worth at most oldTerm + Σ_S r
    //   ≤ oldTerm + min(0, r_i) + Σ_{all items} max(0, r)
    const dm = items.droppedMax[j];
    const viaDropped = dm === -Infinity ? -Infinity : this.lamCap + this.F(0) + Math.min(0, dm) + this.suf[0] + items.droppedPos[j] + eps;
    return Math.min(this.oldTerm, Math.max(this.best + eps, viaDropped));
  }

  // node = a chosen subset; children add one more item with a larger index (depth = subset size)
  private dfs(t: number, acc: number, P: number, lamLeft: number): void {
    if (this.aborted) return;
    if (++this.nodes > this.nodeLimit) {
      this.aborted = true;
      return;
    }
    const { model, j, load, stack } = this;
    const here = acc - quotaPenalty(model, j, P);
    if (here > this.best) {
      this.best = here;
      this.bestSet = stack.slice();
    }
    const fP = this.F(P);
    const { R, cap, needC, needH, size } = model;
    for (let i = t; i < this.k0; i++) {
      // bound for every superset using items i.. (suf is non-increasing, so stop at the first failure)
      if (acc + lamLeft + fP + this.suf[i] <= this.best + this.eps) break;
      if (++this.work > 10 * this.nodeLimit) {
        this.aborted = true;
        return;
      }
      const it = this.order[i];
      const p = this.items.itemP[this.a + it];
      const h = this.items.itemH[this.a + it];
      let fits = true;
      let lamUse = 0;
      for (let k = 0; k < R; k++) {
        const nd = needC ? needC[p * R + k] : needH[h * R + k];
        if (load[k] + nd > cap[j * R + k] + 1e-9) fits = false;
        lamUse += this.lam[j * R + k] * nd;
      }
      if (!fits) continue;
      for (let k = 0; k < R; k++) load[k] += needC ? needC[p * R + k] : needH[h * R + k];
      stack.push(h);
      this.dfs(i + 1, acc + this.prof[it], P + size[h], lamLeft - lamUse);
      stack.pop();
      for (let k = 0; k < R; k++) load[k] -= needC ? needC[p * R + k] : needH[h * R + k];
      if (this.aborted) return;
    }
  }
}
