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
  const bb = new LagrangianBranchAndBound(model, lam, mu, incumbent, deadline);
  bb.dfs(0, 0);
  return { xPos: bb.bestX, objective: bb.bestObj, complete: !bb.stopped, nodes: bb.nodes };
}

class LagrangianBranchAndBound {
  /** Reduced value of each candidate position; each household's best; its candidates by decreasing reduced value. */
  private readonly red: Float64Array;
  private readonly best: Float64Array;
  private readonly cand: Int32Array[] = [];
  /** Households in decision order, and Σ of the best reduced values from depth t on. */
  private readonly order: number[];
  private readonly rest: Float64Array;
  private readonly load: Float64Array;
  private readonly persons: Float64Array;
  /** Σ λ·(capacity left), and Σ_j F_j(P_j) with its terms. */
  private lamCap = 0;
  private quotaTerm = 0;
  private readonly Fj: Float64Array;
  // capacity shortage (see shortage.ts): smallest needs, households by need and by loss when
  // left out, undecided households' total need and the capacity left, per resource
  private readonly shortage: ReturnType<typeof shortageInputs>;
  private readonly depthOf: Int32Array;
  private readonly byLoss: Int32Array;
  private depth = 0;
  private readonly undecided = (h: number) => this.depthOf[h] >= this.depth;
  bestObj: number;
  bestX: Int32Array;
  private readonly cur: Int32Array;
  nodes = 0;
  stopped = false;
  private readonly eps: number;

  constructor(
    private readonly model: Model,
    private readonly lam: Float64Array,
    private readonly mu: Float64Array,
    incumbent: { xPos: Int32Array; objective: number },
    private readonly deadline: number,
  ) {
    const { n, m, R, cap } = model;
    this.red = new Float64Array(model.start[n]);
    this.best = new Float64Array(n);
    this.reducedCandidates();
    this.order = this.decisionOrder();
    this.rest = new Float64Array(n + 1);
    for (let t = n - 1; t >= 0; t--) this.rest[t] = this.rest[t + 1] + this.best[this.order[t]];
    this.load = new Float64Array(m * R);
    this.persons = new Float64Array(m);
    for (let i = 0; i < m * R; i++) this.lamCap += lam[i] * cap[i];
    this.Fj = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      this.Fj[j] = this.F(j, 0);
      this.quotaTerm += this.Fj[j];
    }
    this.shortage = shortageInputs(model);
    this.depthOf = new Int32Array(n);
    this.order.forEach((h, t) => (this.depthOf[h] = t));
    const { hasCand } = this.shortage;
    this.byLoss = Int32Array.from(this.order.filter((h) => hasCand[h]).sort((x, y) => this.best[x] - this.best[y]));
    this.bestObj = incumbent.objective;
    this.bestX = incumbent.xPos.slice();
    this.cur = new Int32Array(n).fill(-1);
    this.eps = 1e-9 * Math.max(1, Math.abs(this.bestObj));
  }

  private need(h: number, p: number, k: number): number {
    const { needC, needH, R } = this.model;
    return needC ? needC[p * R + k] : needH[h * R + k];
  }

  /** Reduced values, candidates per household sorted by reduced value. */
  private reducedCandidates(): void {
    const { n, R, start, cm, cs, size, UP } = this.model;
    const { red, lam, mu } = this;
    for (let h = 0; h < n; h++) {
      let b = -UP;
      const ps: number[] = [];
      for (let p = start[h]; p < start[h + 1]; p++) {
        const j = cm[p];
        let price = mu[j] * size[h];
        for (let k = 0; k < R; k++) price += lam[j * R + k] * this.need(h, p, k);
        red[p] = cs[p] - price;
        if (red[p] > b) b = red[p];
        ps.push(p);
      }
      ps.sort((x, y) => red[y] - red[x]);
      this.cand.push(Int32Array.from(ps));
      this.best[h] = b;
    }
  }

  /** Households with the most at stake first: largest (best − second best) reduced value. */
  private decisionOrder(): number[] {
    const { n, size, UP } = this.model;
    const { red, cand } = this;
    const order = Array.from({ length: n }, (_, h) => h);
    const regret = new Float64Array(n);
    for (let h = 0; h < n; h++) {
      const c = cand[h];
      regret[h] = c.length === 0 ? 0 : c.length === 1 ? red[c[0]] + UP : red[c[0]] - Math.max(red[c[1]], -UP);
    }
    order.sort((x, y) => regret[y] - regret[x] || size[y] - size[x]);
    return order;
  }

  /** F_j(P) = max_{P' ≥ 0} μ_j P' − pen_j(P + P'). */
  private F(j: number, P: number): number {
    const { model, mu } = this;
    if (model.qPen[j] === 0) return 0;
    let v = -quotaPenalty(model, j, P);
    for (const t of [model.qL[j], model.qU[j]]) if (t > P && t !== Infinity) v = Math.max(v, mu[j] * (t - P) - quotaPenalty(model, j, t));
    return v;
  }

  /** Least total loss of the households that must stay out at depth t. */
  private shortageLoss(t: number): number {
    const { byNeed, minNeed, need: needLeft, capacity: capLeft } = this.shortage;
    this.depth = t;
    let k = fewestLeftOut(byNeed, minNeed, this.undecided, needLeft, capLeft);
    let loss = 0;
    for (let i = 0; i < this.byLoss.length && k > 0; i++) {
      const h = this.byLoss[i];
      if (this.depthOf[h] < t) continue;
      loss += this.best[h] + this.model.UP;
      k--;
    }
    return loss;
  }

  private prune(b: number): boolean {
    return this.model.integral ? Math.floor(b + 1e-7) <= this.bestObj : b <= this.bestObj + this.eps;
  }

  dfs(t: number, acc: number): void {
    if (this.stopped) return;
    if ((++this.nodes & 1023) === 0 && performance.now() > this.deadline) {
      this.stopped = true;
      return;
    }
    const ub = acc + this.rest[t] + this.lamCap + this.quotaTerm;
    if (this.prune(ub) || this.prune(ub - this.shortageLoss(t))) return;
    const { model } = this;
    if (t === model.n) return this.leaf(acc);
    const { R } = model;
    const { hasCand, minNeed, need: needLeft } = this.shortage;
    const h = this.order[t];
    const c = this.cand[h];
    if (hasCand[h]) for (let k = 0; k < R; k++) needLeft[k] -= minNeed[h * R + k];
    for (let i = 0; i < c.length; i++) {
      if (this.fits(h, c[i])) this.branchOn(t, acc, h, c[i]);
      if (this.stopped) break;
    }
    if (!this.stopped) this.dfs(t + 1, acc - model.UP);
    if (hasCand[h]) for (let k = 0; k < R; k++) needLeft[k] += minNeed[h * R + k];
  }

  private leaf(acc: number): void {
    let v = acc;
    for (let j = 0; j < this.model.m; j++) v -= quotaPenalty(this.model, j, this.persons[j]);
    if (v > this.bestObj + this.eps) {
      this.bestObj = v;
      this.bestX = this.cur.slice();
    }
  }

  private fits(h: number, p: number): boolean {
    const { R, cm, cap } = this.model;
    const j = cm[p];
    for (let k = 0; k < R; k++) if (this.load[j * R + k] + this.need(h, p, k) > cap[j * R + k] + 1e-9) return false;
    return true;
  }

  /** Places h at p, searches below, and takes it back. */
  private branchOn(t: number, acc: number, h: number, p: number): void {
    const { R, cm, cs, size } = this.model;
    const { load, lam, persons, Fj } = this;
    const { capacity: capLeft } = this.shortage;
    const j = cm[p];
    let dl = 0;
    for (let k = 0; k < R; k++) {
      load[j * R + k] += this.need(h, p, k);
      capLeft[k] -= this.need(h, p, k);
      dl += lam[j * R + k] * this.need(h, p, k);
    }
    persons[j] += size[h];
    const oldF = Fj[j];
    Fj[j] = this.F(j, persons[j]);
    this.quotaTerm += Fj[j] - oldF;
    this.lamCap -= dl;
    this.cur[h] = p;
    this.dfs(t + 1, acc + cs[p]);
    this.cur[h] = -1;
    this.lamCap += dl;
    this.quotaTerm += oldF - Fj[j];
    Fj[j] = oldF;
    persons[j] -= size[h];
    for (let k = 0; k < R; k++) {
      load[j * R + k] -= this.need(h, p, k);
      capLeft[k] += this.need(h, p, k);
    }
  }
}
