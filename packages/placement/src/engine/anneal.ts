/**
 * Simulated annealing over shift, ejection and swap moves on the true objective, feasible
 * states only, with geometric cooling over the time budget. Returns the best assignment seen.
 */
import { findPos, type Primal } from '../primal.ts';
import type { EngineState } from './state.ts';

export interface AnnealResult {
  moves: number;
  /** Best assignment seen (candidate positions). */
  best: Int32Array;
  bestObj: number;
}

export function anneal(st: EngineState, P: Primal, stopAt: number, T0: number, T1: number): AnnealResult {
  return new Annealer(st, P).run(stopAt, T0, T1);
}

class Annealer {
  private T = 0;
  private moves = 0;
  // the household drawn and its current place
  private h = 0;
  private cur = -1;
  private a = -1;
  private sz = 0;
  private curVal = 0;

  constructor(
    private readonly st: EngineState,
    private readonly P: Primal,
  ) {}

  run(stopAt: number, T0: number, T1: number): AnnealResult {
    const { st, P } = this;
    const { ws } = st;
    const { n, cm, cs, size, UP } = st.model;
    let best = P.x.slice();
    let bObj = P.obj;
    const tStart = st.now();
    const span = Math.max(1, stopAt - tStart);
    this.T = T0;
    for (let iter = 0; ; iter++) {
      if ((iter & 1023) === 0) {
        const t = st.now();
        if (t >= stopAt) break;
        this.T = T0 * Math.pow(T1 / T0, (t - tStart) / span);
      }
      const h = Math.floor(st.rand() * n);
      const c = ws.cnt[h];
      if (c === 0) continue;
      this.h = h;
      this.cur = P.x[h];
      this.a = this.cur >= 0 ? cm[this.cur] : -1;
      this.sz = size[h];
      this.curVal = this.cur >= 0 ? cs[this.cur] : -UP;
      const w = h * ws.S + Math.floor(st.rand() * c);
      const b = ws.muni[w];
      if (b === this.a) continue;
      if (ws.fits(P, w, b)) this.shift(w, b);
      else if (st.rand() < 0.5) this.ejectAndShift(w, b);
      else if (this.a >= 0) this.swap(w, b);
      // (a state that did not change cannot beat the best: the check below is then a no-op)
      if (P.obj > bObj + 1e-9) {
        bObj = P.obj;
        best = P.x.slice();
      }
    }
    return { moves: this.moves, best, bestObj: bObj };
  }

  /** Metropolis acceptance of an objective change d. */
  private accept(d: number): boolean {
    return d >= 0 || this.st.rand() < Math.exp(d / this.T);
  }

  /** h moves to slot w (municipality b has room). */
  private shift(w: number, b: number): void {
    const { st, P, a, sz } = this;
    const { qPen } = st.model;
    const d = st.ws.score[w] - this.curVal + (a >= 0 && qPen[a] > 0 ? P.qDelta(a, -sz) : 0) + (qPen[b] > 0 ? P.qDelta(b, sz) : 0);
    if (this.accept(d)) {
      P.move(this.h, st.ws.pos[w]);
      this.moves++;
    }
  }

  /** b is full: a random member h2 of b moves to one of its other working municipalities, h takes its room. */
  private ejectAndShift(w: number, b: number): void {
    const { st, P, a, sz } = this;
    const { ws } = st;
    const { R, cap, cs, needC, needH, size } = st.model;
    const mem = P.members[b];
    if (mem.length === 0) return;
    const h2 = mem[Math.floor(st.rand() * mem.length)];
    const p2 = P.x[h2];
    const c2 = ws.cnt[h2];
    if (c2 < 2) return;
    const w2 = h2 * ws.S + Math.floor(st.rand() * c2);
    const cc = ws.muni[w2];
    if (cc === b || cc === a) return;
    let ok = true;
    for (let k = 0; k < R && ok; k++) {
      const n2 = needC ? needC[p2 * R + k] : needH[h2 * R + k];
      if (P.load[b * R + k] - n2 + ws.need[w * R + k] > cap[b * R + k] + 1e-9) ok = false;
      if (P.load[cc * R + k] + ws.need[w2 * R + k] > cap[cc * R + k] + 1e-9) ok = false;
    }
    if (!ok) return;
    const sz2 = size[h2];
    const d = ws.score[w] - this.curVal + ws.score[w2] - cs[p2] + (a >= 0 ? P.qDelta(a, -sz) : 0) + P.qDelta(b, sz - sz2) + P.qDelta(cc, sz2);
    if (this.accept(d)) {
      P.move(h2, ws.pos[w2]);
      P.move(this.h, ws.pos[w]);
      this.moves++;
    }
  }

  /** b is full: h swaps with a random member h2 of b, which moves to h's municipality a. */
  private swap(w: number, b: number): void {
    const { st, P, a, cur, sz } = this;
    const { ws } = st;
    const { R, cap, cs, needC, needH, size } = st.model;
    const mem = P.members[b];
    if (mem.length === 0) return;
    const h2 = mem[Math.floor(st.rand() * mem.length)];
    const p2 = P.x[h2];
    const q2 = findPos(st.model, h2, a);
    if (q2 < 0) return;
    const p1 = ws.pos[w];
    let ok = true;
    for (let k = 0; k < R && ok; k++) {
      const nh = ws.need[w * R + k];
      const n2 = needC ? needC[p2 * R + k] : needH[h2 * R + k];
      if (P.load[b * R + k] - n2 + nh > cap[b * R + k] + 1e-9) ok = false;
      const nha = needC ? needC[cur * R + k] : needH[this.h * R + k];
      const n2a = needC ? needC[q2 * R + k] : needH[h2 * R + k];
      if (P.load[a * R + k] - nha + n2a > cap[a * R + k] + 1e-9) ok = false;
    }
    if (!ok) return;
    const sz2 = size[h2];
    const d = ws.score[w] - this.curVal + cs[q2] - cs[p2] + P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
    if (this.accept(d)) {
      P.move(h2, -1);
      P.move(this.h, p1);
      P.move(h2, q2);
      this.moves++;
    }
  }
}
