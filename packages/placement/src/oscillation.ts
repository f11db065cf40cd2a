/**
 * Strategic oscillation: a tabu search over shift and swap moves that may overfill capacities,
 * each unit of excess priced by an adaptive weight per resource (the idea of Díaz & Fernández,
 * "A tabu search heuristic for the generalized assignment problem", EJOR 2001). Feasible-only
 * moves cannot connect the good solutions of tightly packed instances (every place taken, whole
 * families); crossing the infeasible region between them can. The weights rise while the state
 * is infeasible and fall while it is feasible, so the search oscillates around the capacity
 * boundary. Only feasible states are ever recorded: the result is always feasible.
 */
import { rng } from './generator.ts';
import type { Model } from './model.ts';
import { findPos, Primal } from './primal.ts';

export interface OscillationOptions {
  /** performance.now() deadline (ms). */
  deadline: number;
  seed: number;
  /** Candidate positions of each household: pos[h·stride + q] for q < cnt[h]. */
  cand: { pos: Int32Array; cnt: Int32Array; stride: number };
  /** Households whose moves are scanned per iteration (a random window; all when ≥ n). */
  window?: number;
  /** Move evaluations per iteration that set the default window (20 000). */
  work?: number;
  /** Initial price of one unit of excess per municipality and resource (the capacity multipliers λ). */
  prices?: Float64Array;
  /** Stop after this many iterations without a new best feasible solution. */
  patience?: number;
  /** Clock the deadline is read on (default performance.now; tests pass a simulated one). */
  clock?: () => number;
}

export interface OscillationResult {
  /** Best feasible assignment met (candidate positions, −1 = unassigned). */
  x: Int32Array;
  objective: number;
  iterations: number;
  improvements: number;
}

const EPS = 1e-9;

export function oscillate(model: Model, start: Int32Array, o: OscillationOptions): OscillationResult {
  return new Oscillation(model, start, o).run();
}

/** Weight change per iteration. */
const AF = 1.1;
/** Swap partners tried per (household, municipality): a random run of members. */
const SWAP_CAP = 16;

class Oscillation {
  private readonly rand: () => number;
  private readonly P: Primal;
  /** Total excess per resource. */
  private readonly totEx: Float64Array;
  /** Price of one unit of excess per municipality and resource, and its reference per resource. */
  private readonly alpha: Float64Array;
  private readonly alpha0: Float64Array;
  /** Moving a household out is a move only when leaving somebody unplaced can pay. */
  private readonly allowOut: boolean;
  // tabu table (see tabuTable)
  private readonly tabuMask: number;
  private readonly tabuPos: Int32Array;
  private readonly tabuUntil: Int32Array;
  private readonly tabuOut: Int32Array;
  private readonly tenureMin: number;
  private readonly tenureSpan: number;
  /** Households scanned per iteration. */
  private readonly W: number;
  private readonly dEx: Float64Array;
  private bestObj: number;
  private bestX: Int32Array;
  private improvements = 0;
  private it = 0;
  private lastImp = 0;
  // the best move of the iteration: 0 none, 1 shift, 2 swap
  private bKind = 0;
  private bH = -1;
  private bP = -1;
  private bH2 = -1;
  private bQ2 = -1;
  private bVal = -Infinity;
  // the household under examination: its place, municipality, and the value and excess-price change of leaving it
  private cur = -1;
  private a = -1;
  private leaveObj = 0;
  private leavePen = 0;

  constructor(
    private readonly model: Model,
    start: Int32Array,
    private readonly o: OscillationOptions,
  ) {
    const { n, m, R } = model;
    this.rand = rng(o.seed);
    this.P = Primal.from(model, start);
    this.totEx = new Float64Array(R);
    for (let j = 0; j < m; j++) for (let k = 0; k < R; k++) this.totEx[k] += this.exOf(j, k, this.P.load[j * R + k]);
    this.alpha = new Float64Array(m * R);
    this.alpha0 = new Float64Array(R);
    this.allowOut = model.UP <= this.initialWeights();
    // Tabu list: the last iteration at which entering candidate position p is forbidden, in a
    // table of at most 2^20 slots addressed by p's low bits, with p kept to tell collisions
    // apart (a collision forgets the older entry: harmless for a heuristic). Up to 2^20 candidate
    // pairs this is a plain array; beyond, memory stays at 8 MB instead of growing with the pairs
    // (36 M, 144 MB, at 20 000 × 2 000). tabuOut[h]: same for "h unassigned".
    let slots = 1;
    while (slots < Math.min(model.start[n], 1 << 20)) slots <<= 1;
    this.tabuMask = slots - 1;
    this.tabuPos = new Int32Array(slots).fill(-1);
    this.tabuUntil = new Int32Array(slots);
    this.tabuOut = new Int32Array(n);
    this.tenureMin = Math.max(3, Math.round(Math.sqrt(n) * 0.5));
    this.tenureSpan = Math.max(3, Math.round(Math.sqrt(n)));
    this.bestObj = this.feasible() ? this.P.obj : -Infinity;
    this.bestX = this.P.x.slice();
    this.W = this.window();
    this.dEx = new Float64Array(R);
  }

  /**
   * Weights per municipality and resource (a congested municipality learns a higher price),
   * starting from the capacity multipliers when given, and at least a share of what one unit
   * of need earns on average. Returns the largest |score| (for allowOut).
   */
  private initialWeights(): number {
    const { n, m, R, cs, start: cStart } = this.model;
    const { o, alpha, alpha0 } = this;
    // floor of the initial weights, as a share of "one unit of need earns an average score"
    const ALPHA_INIT = o.prices ? 0.1 : 1;
    let maxS = 0;
    let sAbs = 0;
    const nd = new Float64Array(R);
    const nc = new Float64Array(R);
    for (let h = 0; h < n; h++) {
      for (let p = cStart[h]; p < cStart[h + 1]; p++) {
        const a = Math.abs(cs[p]);
        sAbs += a;
        if (a > maxS) maxS = a;
      }
      for (let k = 0; k < R; k++) {
        const v = this.needAt(h, cStart[h], k);
        if (v > 0) {
          nd[k] += v;
          nc[k]++;
        }
      }
    }
    const avgS = Math.max(1e-6, sAbs / Math.max(1, cStart[n]));
    for (let k = 0; k < R; k++) alpha0[k] = avgS / Math.max(1e-6, nc[k] > 0 ? nd[k] / nc[k] : 1);
    for (let j = 0; j < m; j++) for (let k = 0; k < R; k++) alpha[j * R + k] = Math.max(alpha0[k] * ALPHA_INIT, o.prices ? o.prices[j * R + k] : 0);
    return maxS;
  }

  /**
   * Households scanned per iteration, so that an iteration costs about `work` move evaluations
   * (full neighbourhood on small instances, a rotating sample on large ones).
   */
  private window(): number {
    const { n, m } = this.model;
    const { cnt } = this.o.cand;
    let avgCand = 0;
    for (let h = 0; h < n; h++) avgCand += cnt[h];
    avgCand = Math.max(1, avgCand / Math.max(1, n));
    const avgMem = Math.min(SWAP_CAP, n / Math.max(1, m));
    return Math.max(1, Math.min(n, this.o.window ?? Math.round((this.o.work ?? 20000) / (avgCand * (1 + avgMem)))));
  }

  run(): OscillationResult {
    const patience = this.o.patience ?? Infinity;
    const clock = this.o.clock ?? (() => performance.now());
    while (this.it - this.lastImp < patience) {
      if (clock() > this.o.deadline) break;
      this.it++;
      this.bKind = 0;
      this.bVal = -Infinity;
      const { n } = this.model;
      const h0 = this.W < n ? Math.floor(this.rand() * n) : 0;
      for (let t = 0; t < this.W; t++) this.scan(h0 + t < n ? h0 + t : h0 + t - n);
      if (this.bKind === 0 && !this.randomShift()) continue;
      this.applyBest(this.tenureMin + Math.floor(this.rand() * this.tenureSpan));
      this.followFeasibility();
    }
    return { x: this.bestX, objective: this.bestObj, iterations: this.it, improvements: this.improvements };
  }

  private needAt(h: number, p: number, k: number): number {
    const { needC, needH, R } = this.model;
    return needC ? needC[p * R + k] : needH[h * R + k];
  }

  private exOf(j: number, k: number, load: number): number {
    const c = this.model.cap[j * this.model.R + k];
    return load > c + EPS ? load - c : 0;
  }

  private feasible(): boolean {
    for (let k = 0; k < this.model.R; k++) if (this.totEx[k] > EPS) return false;
    return true;
  }

  private isTabu(p: number): boolean {
    return this.tabuPos[p & this.tabuMask] === p && this.tabuUntil[p & this.tabuMask] >= this.it;
  }

  private setTabu(p: number, until: number): void {
    this.tabuPos[p & this.tabuMask] = p;
    this.tabuUntil[p & this.tabuMask] = until;
  }

  /** Every move of household h: shifts, swaps and leaving unplaced, against the iteration's best. */
  private scan(h: number): void {
    const { P, model } = this;
    const { R, cm, cs, size, UP } = model;
    const { pos, cnt, stride } = this.o.cand;
    const cur = P.x[h];
    const a = cur >= 0 ? cm[cur] : -1;
    const sz = size[h];
    this.cur = cur;
    this.a = a;
    this.leaveObj = a >= 0 ? -cs[cur] + P.qDelta(a, -sz) : UP;
    let leavePen = 0;
    if (a >= 0)
      for (let k = 0; k < R; k++) {
        const l = P.load[a * R + k];
        leavePen += this.alpha[a * R + k] * (this.exOf(a, k, l - this.needAt(h, cur, k)) - this.exOf(a, k, l));
      }
    this.leavePen = leavePen;
    const b0 = cnt[h];
    for (let q = 0; q < b0; q++) {
      const p = pos[h * stride + q];
      const b = cm[p];
      if (b === a) continue;
      this.considerShift(h, p, b);
      if (a >= 0) this.considerSwaps(h, p, b);
    }
    // leave unplaced
    if (this.allowOut && a >= 0 && this.tabuOut[h] < this.it) {
      const val = this.leaveObj - UP - this.leavePen;
      if (val > this.bVal) this.keep(1, h, -1, val);
    }
  }

  /** Shift h → b (candidate position p). */
  private considerShift(h: number, p: number, b: number): void {
    const { P, model, alpha } = this;
    const { R, cs, size } = model;
    const dObj = this.leaveObj + cs[p] + P.qDelta(b, size[h]);
    let pen = this.leavePen;
    for (let k = 0; k < R; k++) {
      const l = P.load[b * R + k];
      pen += alpha[b * R + k] * (this.exOf(b, k, l + this.needAt(h, p, k)) - this.exOf(b, k, l));
    }
    const val = dObj - pen;
    if (val > this.bVal || (val === this.bVal && this.rand() < 0.5)) {
      if (!this.isTabu(p) || (P.obj + dObj > this.bestObj + EPS && this.wouldBeFeasible(this.a, h, this.cur, b, p, -1, -1, -1))) this.keep(1, h, p, val);
    }
  }

  /** Swap h ↔ h2 (h2 in b moves to h's municipality a), for a random run of b's members. */
  private considerSwaps(h: number, p: number, b: number): void {
    const { P, model, alpha, a, cur } = this;
    const { R, cs, size } = model;
    const sz = size[h];
    const mem = P.members[b];
    const ml = mem.length;
    const span = ml < SWAP_CAP ? ml : SWAP_CAP;
    const i0 = ml > SWAP_CAP ? Math.floor(this.rand() * ml) : 0;
    for (let t2 = 0; t2 < span; t2++) {
      const h2 = mem[i0 + t2 < ml ? i0 + t2 : i0 + t2 - ml];
      const q2 = findPos(model, h2, a);
      if (q2 < 0) continue;
      const p2 = P.x[h2];
      const sz2 = size[h2];
      let dObj = cs[p] - cs[cur] + cs[q2] - cs[p2];
      if (sz !== sz2) dObj += P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
      let pen = 0;
      for (let k = 0; k < R; k++) {
        const la = P.load[a * R + k];
        const lb = P.load[b * R + k];
        pen +=
          alpha[a * R + k] * (this.exOf(a, k, la - this.needAt(h, cur, k) + this.needAt(h2, q2, k)) - this.exOf(a, k, la)) +
          alpha[b * R + k] * (this.exOf(b, k, lb - this.needAt(h2, p2, k) + this.needAt(h, p, k)) - this.exOf(b, k, lb));
      }
      const v2 = dObj - pen;
      if (v2 > this.bVal || (v2 === this.bVal && this.rand() < 0.5)) {
        if (!(this.isTabu(p) || this.isTabu(q2)) || (P.obj + dObj > this.bestObj + EPS && this.wouldBeFeasible(a, h, cur, b, p, h2, p2, q2))) {
          this.keep(2, h, p, v2);
          this.bH2 = h2;
          this.bQ2 = q2;
        }
      }
    }
  }

  private keep(kind: number, h: number, p: number, val: number): void {
    this.bKind = kind;
    this.bH = h;
    this.bP = p;
    this.bVal = val;
  }

  /** Everything tabu: a random shift keeps the search moving; false when the draw is no move. */
  private randomShift(): boolean {
    const { n } = this.model;
    const { pos, cnt, stride } = this.o.cand;
    const h = Math.floor(this.rand() * n);
    if (cnt[h] === 0) return false;
    this.bKind = 1;
    this.bH = h;
    this.bP = pos[h * stride + Math.floor(this.rand() * cnt[h])];
    return this.bP !== this.P.x[h];
  }

  /** Applies the iteration's move; the places left become tabu for `tenure` iterations. */
  private applyBest(tenure: number): void {
    const { P, bH, it } = this;
    if (this.bKind === 1) {
      const old = P.x[bH];
      this.applyMove(bH, this.bP);
      if (old >= 0) this.setTabu(old, it + tenure);
      else this.tabuOut[bH] = it + tenure;
    } else {
      const p1 = P.x[bH];
      const p2 = P.x[this.bH2];
      this.applyMove(this.bH2, -1);
      this.applyMove(bH, this.bP);
      this.applyMove(this.bH2, this.bQ2);
      this.setTabu(p1, it + tenure);
      this.setTabu(p2, it + tenure);
    }
  }

  /** Weights follow feasibility: overfilled places get dearer, all get cheaper while feasible (and a feasible state is recorded). */
  private followFeasibility(): void {
    const { P, model, alpha, alpha0 } = this;
    const { m, R, cap } = model;
    if (!this.feasible()) {
      for (let j = 0; j < m; j++)
        for (let k = 0; k < R; k++) if (P.load[j * R + k] > cap[j * R + k] + EPS) alpha[j * R + k] = Math.min(alpha[j * R + k] * AF, alpha0[k] * 1e4);
      return;
    }
    for (let i = 0; i < m * R; i++) alpha[i] = Math.max(alpha[i] / AF, alpha0[i % R] * 1e-3);
    if (P.obj > this.bestObj + EPS) {
      this.bestObj = P.obj;
      this.bestX = P.x.slice();
      this.improvements++;
      this.lastImp = this.it;
    }
  }

  /** P.move with the total excess kept up to date. */
  private applyMove(h: number, p: number): void {
    const { P, totEx } = this;
    const { R, cm } = this.model;
    const old = P.x[h];
    const sameMunicipality = old >= 0 && p >= 0 && cm[old] === cm[p];
    this.addExcess(old >= 0 ? cm[old] : -1, -1);
    if (!sameMunicipality) this.addExcess(p >= 0 ? cm[p] : -1, -1);
    P.move(h, p);
    this.addExcess(old >= 0 ? cm[old] : -1, 1);
    if (!sameMunicipality) this.addExcess(p >= 0 ? cm[p] : -1, 1);
    for (let k = 0; k < R; k++) if (totEx[k] < EPS) totEx[k] = 0;
  }

  private addExcess(j: number, sign: number): void {
    if (j < 0) return;
    const { R } = this.model;
    for (let k = 0; k < R; k++) this.totEx[k] += sign * this.exOf(j, k, this.P.load[j * R + k]);
  }

  /** Whether the state after the move would have no excess anywhere (aspiration test). */
  private wouldBeFeasible(a: number, h: number, cur: number, b: number, p: number, h2: number, p2: number, q2: number): boolean {
    const { P, dEx, totEx } = this;
    const { R } = this.model;
    for (let k = 0; k < R; k++) dEx[k] = totEx[k];
    for (let k = 0; k < R; k++) {
      if (a >= 0) {
        const la = P.load[a * R + k];
        const na = la - this.needAt(h, cur, k) + (h2 >= 0 ? this.needAt(h2, q2, k) : 0);
        dEx[k] += this.exOf(a, k, na) - this.exOf(a, k, la);
      }
      const lb = P.load[b * R + k];
      const nb = lb + this.needAt(h, p, k) - (h2 >= 0 ? this.needAt(h2, p2, k) : 0);
      dEx[k] += this.exOf(b, k, nb) - this.exOf(b, k, lb);
      if (dEx[k] > EPS) return false;
    }
    return true;
  }
}
