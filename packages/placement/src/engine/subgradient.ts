/**
 * The dual side of runEngine: the Lagrangian over the working sets (each subgradient
 * iteration), full pricing over every allowed pair (the reported bound, and column generation
 * into the working sets), and the projected, deflected subgradient method with Polyak steps,
 * step-factor halving on stagnation, a stall stop and a budgeted primal heuristic.
 */
import { type BestCandidate, bestReducedCandidate, candidatePrice, lagrangianValue, multiplierTerm } from '../relaxation.ts';
import { lagrangianGreedy } from './greedy.ts';
import { localSearch } from './local-search.ts';
import { type EngineState, gap, gapOf, offerBound, record, roundBound, timed } from './state.ts';

/** Share of the time left to the primal heuristics after the subgradient phase. */
const LS_BUDGET_FRAC = 0.35;
/** Iterations without a significant bound improvement before the phase stops. */
const STALL_ITERATIONS = 300;
/** Deflection: weight of the previous direction. */
const DEFLECTION = 0.3;

/** L(λ, μ) over the working sets; fills the relaxed loads and persons. */
export function evalWorking(st: EngineState): number {
  return timed(st, 'work', () => relaxOnWorkingSets(st));
}

function relaxOnWorkingSets(st: EngineState): number {
  const { model, ws, lam, mu, relaxedLoad, relaxedPersons } = st;
  const { n, R, cm, size, needC, needH, UP } = model;
  const need = needC ?? needH;
  relaxedLoad.fill(0);
  relaxedPersons.fill(0);
  const best: BestCandidate = { value: 0, slot: -1 };
  let total = 0;
  for (let h = 0; h < n; h++) {
    const sz = size[h];
    const wb = h * ws.S;
    bestReducedCandidate(ws, R, lam, mu, h, sz, wb, wb + ws.cnt[h], -UP, best);
    total += best.value;
    if (best.slot < 0) continue;
    const bp = ws.pos[best.slot];
    const j = cm[bp];
    const nb = needC ? bp * R : h * R;
    for (let k = 0; k < R; k++) relaxedLoad[j * R + k] += need[nb + k];
    relaxedPersons[j] += sz;
  }
  return total + multiplierTerm(model, lam, mu);
}

/** Full pricing: L(λ, μ) over every allowed pair (a valid bound); improving pruned candidates join the working sets. */
export function evalFull(st: EngineState): number {
  return timed(st, 'full', () => {
    const total = lagrangianValue(st.model, st.lam, st.mu, st.pricedBest);
    for (let h = 0; h < st.model.n; h++) joinWorkingSet(st, h);
    return total;
  });
}

/** Column generation: household h's best priced municipality, if pruned, replaces its worst working slot (never its current place). */
function joinWorkingSet(st: EngineState, h: number): void {
  const { model, ws, lam, mu } = st;
  const { R, cm, cs, needC, needH, size } = model;
  const need = needC ?? needH;
  const bp = st.pricedBest[h];
  if (ws.complete[h] || bp < 0) return;
  const sz = size[h];
  const wb = h * ws.S;
  const c = ws.cnt[h];
  let worst = -1;
  let worstV = Infinity;
  for (let q = 0; q < c; q++) {
    const p = ws.pos[wb + q];
    if (p === bp) return;
    const v = cs[p] - candidatePrice(lam, mu, R, cm[p], sz, need, needC ? p * R : h * R);
    if (v < worstV && p !== st.primal.x[h]) {
      worstV = v;
      worst = q;
    }
  }
  st.added++;
  if (c < ws.S) {
    ws.setSlot(h, c, bp);
    ws.cnt[h] = c + 1;
  } else if (worst >= 0) ws.setSlot(h, worst, bp);
}

/** The subgradient phase: its step control, pricing schedule and heuristic budget. */
export class Subgradient {
  /** Step factor of the Polyak step. */
  private theta = 1.0;
  private bestLw = Infinity;
  private noImp = 0;
  private readonly subDeadline: number;
  private lastFull: number;
  private fullMs = 0;
  private heurEvery = 10;
  private heurMs = 0;
  private readonly dir: Float64Array;
  private readonly dirMu: Float64Array;
  private lastBoundImp = 0;
  private boundAtLastImp: number;

  constructor(private readonly st: EngineState) {
    this.subDeadline = st.t0 + st.totalMs * (1 - LS_BUDGET_FRAC);
    this.lastFull = st.now();
    this.dir = new Float64Array(st.lam.length);
    this.dirMu = new Float64Array(st.mu.length);
    this.boundAtLastImp = st.bestBound;
  }

  run(): void {
    const st = this.st;
    while (st.now() < this.subDeadline && gap(st) > st.opts.gapTol) {
      st.iterations++;
      if (this.stalled()) break;
      const Lw = evalWorking(st);
      this.bookBound(Lw);
      this.adaptStepFactor(Lw);
      const norm2 = this.direction();
      if (norm2 < 1e-18) {
        if (this.atStationaryPoint()) break;
        continue;
      }
      this.step(Lw, norm2);
      this.primalHeuristic();
    }
  }

  /** No significant bound progress for STALL_ITERATIONS iterations. */
  private stalled(): boolean {
    const { bestBound, iterations } = this.st;
    if (bestBound < this.boundAtLastImp - 2e-5 * Math.max(1, Math.abs(bestBound))) {
      this.boundAtLastImp = bestBound;
      this.lastBoundImp = iterations;
      return false;
    }
    return iterations - this.lastBoundImp > STALL_ITERATIONS;
  }

  /** The working bound is the bound when no list is pruned; otherwise a full pricing every ~50 ms (or 50 iterations). */
  private bookBound(Lw: number): void {
    const st = this.st;
    if (st.ws.allComplete) {
      offerBound(st, roundBound(st, Lw));
    } else if (st.now() - this.lastFull > Math.max(5 * this.fullMs, 50) || st.iterations % 50 === 0) {
      const tf = st.now();
      const Lf = roundBound(st, evalFull(st));
      this.fullMs = st.now() - tf;
      this.lastFull = st.now();
      st.fullEvals++;
      offerBound(st, Lf);
    }
  }

  /** Shrinks the step factor after 25 iterations without a better working bound; restarts it when tiny. */
  private adaptStepFactor(Lw: number): void {
    if (Lw < this.bestLw - 1e-9 * Math.max(1, Math.abs(Lw))) {
      this.bestLw = Lw;
      this.noImp = 0;
    } else if (++this.noImp >= 25) {
      this.theta *= 0.6;
      this.noImp = 0;
      if (this.theta < 1e-3) this.theta = 0.5; // restart oscillation-free
    }
  }

  /** The deflected, projected subgradient direction; returns its squared norm. */
  private direction(): number {
    const { model, lam, mu, relaxedLoad, relaxedPersons } = this.st;
    const { m, R, cap, qPen, qL, qU } = model;
    const { dir, dirMu } = this;
    let norm2 = 0;
    for (let i = 0; i < m * R; i++) {
      let g = cap[i] - relaxedLoad[i];
      if (lam[i] <= 0 && g > 0) g = 0;
      dir[i] = g + DEFLECTION * dir[i];
      if (lam[i] <= 0 && dir[i] > 0) dir[i] = 0;
      norm2 += dir[i] * dir[i];
    }
    if (model.hasQuota)
      for (let j = 0; j < m; j++) {
        if (qPen[j] === 0) continue;
        const P = mu[j] > 0 ? qU[j] : mu[j] < 0 ? qL[j] : Math.min(Math.max(relaxedPersons[j], qL[j]), qU[j]);
        let g = P - relaxedPersons[j];
        if ((mu[j] >= qPen[j] && g < 0) || (mu[j] <= -qPen[j] && g > 0)) g = 0;
        dirMu[j] = g + DEFLECTION * dirMu[j];
        norm2 += dirMu[j] * dirMu[j];
      }
    return norm2;
  }

  /**
   * A zero direction: the relaxed solution is feasible and complementary, so the working bound
   * is tight. Prices the full lists; true when nothing is left to do (complete lists, or no
   * pruned candidate joined since the last time).
   */
  private atStationaryPoint(): boolean {
    const st = this.st;
    if (st.ws.allComplete) return true;
    const Lf = roundBound(st, evalFull(st));
    st.fullEvals++;
    offerBound(st, Lf);
    if (st.added === 0) return true;
    st.added = 0;
    return false;
  }

  /** Polyak step towards a target between the best bound and the best primal value, projected onto λ ≥ 0, |μ| ≤ pen. */
  private step(Lw: number, norm2: number): void {
    const { model, lam, mu, bestBound, bestObj } = this.st;
    const { m, R, qPen } = model;
    // the dual optimum lies between the best primal value and the best bound; a weak early
    // primal (large instances) would make steps far too long, so aim part-way
    const target = bestObj === -Infinity ? Lw - 0.1 * Math.abs(Lw) - 1 : gapOf(bestBound, bestObj) > 0.01 ? bestBound - 0.5 * (bestBound - bestObj) : bestObj;
    const diff = Math.max(Lw - target, 1e-6 * Math.max(1, Math.abs(Lw)));
    const t = (this.theta * diff) / norm2;
    for (let i = 0; i < m * R; i++) {
      const v = lam[i] - t * this.dir[i];
      lam[i] = v > 0 ? v : 0;
    }
    if (model.hasQuota)
      for (let j = 0; j < m; j++) {
        if (qPen[j] === 0) continue;
        const v = mu[j] - t * this.dirMu[j];
        mu[j] = v > qPen[j] ? qPen[j] : v < -qPen[j] ? -qPen[j] : v;
      }
  }

  /** Greedy plus one local-search pass at the new multipliers, kept to about 25 % of the phase; less often while it does not pay. */
  private primalHeuristic(): void {
    const st = this.st;
    if (st.iterations % this.heurEvery !== 0 || this.heurMs > 0.25 * (st.now() - st.t0)) return;
    const th = st.now();
    const P = lagrangianGreedy(st);
    localSearch(st, P, 1, Math.min(this.subDeadline, st.now() + 0.01 * st.totalMs));
    this.heurMs += st.now() - th;
    if (P.obj > st.bestObj + 1e-9) {
      st.primal = P;
      record(st, P);
    } else this.heurEvery = Math.min(this.heurEvery + 5, 60);
  }
}

/** After the subgradient phase: back to the best multipliers, priced once more over the full lists. */
export function restoreBestMultipliers(st: EngineState): void {
  st.lam.set(st.bestLam);
  st.mu.set(st.bestMu);
  if (st.ws.allComplete) return;
  const Lf = roundBound(st, evalFull(st));
  st.fullEvals++;
  if (Lf < st.bestBound) st.bestBound = Lf;
}
