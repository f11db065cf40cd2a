/**
 * Local search on the true objective (quota penalties included), households in random order:
 * shift (incl. to and from unassigned), else the best swap with a member of a preferred
 * municipality or the ejection of that member to its best other place (length-2 chain). In a
 * deep search, a pass without improvement is followed by the packing move (pair-move.ts).
 */
import { findPos, type Primal } from '../primal.ts';
import { pairPass } from './pair-move.ts';
import { type EngineState, timed } from './state.ts';

/** Improves P in place for up to maxPasses passes, until no move improves or stopAt. */
export function localSearch(st: EngineState, P: Primal, maxPasses: number, stopAt: number, deep = false): void {
  timed(st, 'ls', () => new LocalSearch(st, P, deep).run(maxPasses, stopAt));
}

class LocalSearch {
  /** Preferred municipalities and members tried per household in the exchange move. */
  private readonly maxB: number;
  private readonly maxMem: number;
  /** Top-3 destinations per household (values, positions), valid while cStamp = P.version. */
  private readonly cStamp: Int32Array;
  private readonly cV: Float64Array;
  private readonly cP: Int32Array;
  private readonly perm: Int32Array;
  // the household under examination
  private h = 0;
  private cur = -1;
  private a = -1;
  private sz = 0;
  private curVal = 0;
  // the best exchange found for it
  private bestD = 0;
  private bestKind = 0;
  private bh2 = -1;
  private bq1 = -1;
  private bq2 = -1;

  constructor(
    private readonly st: EngineState,
    private readonly P: Primal,
    private readonly deep: boolean,
  ) {
    const { n } = st.model;
    this.maxB = deep ? 12 : 6;
    this.maxMem = deep ? 40 : 16;
    this.cStamp = new Int32Array(n).fill(-1);
    this.cV = new Float64Array(n * 3);
    this.cP = new Int32Array(n * 3);
    this.perm = new Int32Array(n);
    for (let i = 0; i < n; i++) this.perm[i] = i;
  }

  run(maxPasses: number, stopAt: number): void {
    const { st, perm } = this;
    const { n } = st.model;
    for (let pass = 0; pass < maxPasses; pass++) {
      this.shuffle();
      let improved = 0;
      for (let ii = 0; ii < n; ii++) {
        if ((ii & 255) === 0 && st.now() > stopAt) return;
        this.focus(perm[ii]);
        if (this.shift() || this.exchange()) improved++;
      }
      st.lsMoves += improved;
      if (improved === 0) {
        if (!this.deep || st.now() > stopAt) return;
        const pi = pairPass(st, this.P, stopAt);
        st.lsMoves += pi;
        if (pi === 0) return;
      }
    }
  }

  private shuffle(): void {
    const { perm, st } = this;
    for (let i = perm.length - 1; i > 0; i--) {
      const k = Math.floor(st.rand() * (i + 1));
      const t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
  }

  private focus(h: number): void {
    const { cm, cs, size, UP } = this.st.model;
    this.h = h;
    this.cur = this.P.x[h];
    this.a = this.cur >= 0 ? cm[this.cur] : -1;
    this.sz = size[h];
    this.curVal = this.cur >= 0 ? cs[this.cur] : -UP;
  }

  /** The best improving shift of h (to unassigned or a working municipality with room), applied. */
  private shift(): boolean {
    const { st, P, h, cur, a, sz, curVal } = this;
    const { ws } = st;
    const { qPen, UP } = st.model;
    const remQ = a >= 0 ? P.qDelta(a, -sz) : 0;
    let bestD = 1e-9;
    let bestP = -2;
    if (cur >= 0) {
      const d = -UP - curVal + remQ;
      if (d > bestD) {
        bestD = d;
        bestP = -1;
      }
    }
    const c = ws.cnt[h];
    for (let q = 0; q < c; q++) {
      const w = h * ws.S + q;
      const b = ws.muni[w];
      if (b === a) continue;
      const d0 = ws.score[w] - curVal + remQ + (qPen[b] > 0 ? P.qDelta(b, sz) : 0);
      if (d0 <= bestD) continue;
      if (!ws.fits(P, w, b)) continue;
      bestD = d0;
      bestP = ws.pos[w];
    }
    if (bestP === -2) return false;
    P.move(h, bestP);
    return true;
  }

  /**
   * Swap h with a member h2 of a municipality b it strictly prefers (quota-driven moves are
   * shifts), or eject h2 to its best place outside {a, b}: the best of these, applied.
   */
  private exchange(): boolean {
    const { st, h, a, curVal } = this;
    const { ws } = st;
    const { cm, cs } = st.model;
    this.bestD = 1e-9;
    this.bestKind = 0;
    let tried = 0;
    const c = ws.cnt[h];
    for (let q = 0; q < c && tried < this.maxB; q++) {
      const p = ws.pos[h * ws.S + q];
      const b = cm[p];
      if (b === a) continue;
      const gain1 = cs[p] - curVal;
      if (gain1 <= 0) continue;
      tried++;
      this.exchangeWithMembersOf(p, b, gain1);
    }
    if (this.bestKind === 0) return false;
    // apply: free h2 first, then move h, then place h2
    const { P, bh2 } = this;
    P.move(bh2, -1);
    P.move(h, this.bq1);
    P.move(bh2, this.bq2);
    return true;
  }

  /** Members of b (all, or maxMem from a random offset) for which h can take their place. */
  private exchangeWithMembersOf(p: number, b: number, gain1: number): void {
    const { st, P, maxMem } = this;
    const mem = P.members[b];
    const ml = mem.length;
    const lim = ml < maxMem ? ml : maxMem;
    const off = ml <= maxMem ? 0 : Math.floor(st.rand() * ml);
    for (let tt = 0; tt < lim; tt++) {
      let t = off + tt;
      if (t >= ml) t -= ml;
      const h2 = mem[t];
      const p2 = P.x[h2];
      if (!this.fitsInstead(b, p, this.h, p2, h2)) continue;
      if (this.a >= 0) this.considerSwap(p, b, h2, p2, gain1);
      this.considerEjection(p, b, h2, p2, gain1);
    }
  }

  /** Whether municipality j has room for household hIn at position pIn once hOut (at pOut) leaves. */
  private fitsInstead(j: number, pIn: number, hIn: number, pOut: number, hOut: number): boolean {
    const { P } = this;
    const { R, cap, needC, needH } = this.st.model;
    for (let k = 0; k < R; k++) {
      const nIn = needC ? needC[pIn * R + k] : needH[hIn * R + k];
      const nOut = needC ? needC[pOut * R + k] : needH[hOut * R + k];
      if (P.load[j * R + k] - nOut + nIn > cap[j * R + k] + 1e-9) return false;
    }
    return true;
  }

  /** (i) swap: h2 goes to h's municipality a. */
  private considerSwap(p: number, b: number, h2: number, p2: number, gain1: number): void {
    const { st, P, h, a, cur, sz } = this;
    const q2 = findPos(st.model, h2, a);
    if (q2 < 0 || !this.fitsInstead(a, q2, h2, cur, h)) return;
    const sz2 = st.model.size[h2];
    const dq = P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
    const d = gain1 + st.model.cs[q2] - st.model.cs[p2] + dq;
    if (d > this.bestD) this.keep(d, 1, h2, p, q2);
  }

  /** (ii) ejection: h2 goes to another municipality outside {a, b} with room, or unassigned. */
  private considerEjection(p: number, b: number, h2: number, p2: number, gain1: number): void {
    const { st, P, a, sz } = this;
    const { cm, cs, size, UP } = st.model;
    const sz2 = size[h2];
    const baseD = gain1 - cs[p2] + (a >= 0 ? P.qDelta(a, -sz) : 0) + P.qDelta(b, sz - sz2);
    if (baseD + (cs[p2] + 1e-9) <= this.bestD) return; // even a same-score destination cannot beat it
    this.cacheDestinations(h2, p2);
    // the best cached destination, if it lies outside {a, b}
    let dBest2 = -UP;
    let q2Best = -1;
    for (let u = 0; u < 3; u++) {
      const pp = this.cP[h2 * 3 + u];
      if (pp < 0) break;
      const cc = cm[pp];
      if (cc === a || cc === b) continue;
      if (this.cV[h2 * 3 + u] > dBest2) {
        dBest2 = this.cV[h2 * 3 + u];
        q2Best = pp;
      }
      break;
    }
    const d = baseD + dBest2;
    if (d > this.bestD) this.keep(d, 2, h2, p, q2Best);
  }

  private keep(d: number, kind: number, h2: number, q1: number, q2: number): void {
    this.bestD = d;
    this.bestKind = kind;
    this.bh2 = h2;
    this.bq1 = q1;
    this.bq2 = q2;
  }

  /** h2's three best destinations outside its own municipality with room (value incl. quota change), valid until the next move. */
  private cacheDestinations(h2: number, p2: number): void {
    const { st, P, cV, cP } = this;
    if (this.cStamp[h2] === P.version) return;
    const { ws } = st;
    const { cm, qPen, size } = st.model;
    const sz2 = size[h2];
    let v1 = -Infinity,
      v2 = -Infinity,
      v3 = -Infinity;
    let p1 = -1,
      p2b = -1,
      p3 = -1;
    const c2 = ws.cnt[h2];
    const own = cm[p2];
    for (let u = 0; u < c2; u++) {
      const w = h2 * ws.S + u;
      const cc = ws.muni[w];
      if (cc === own) continue;
      const v = ws.score[w] + (qPen[cc] > 0 ? P.qDelta(cc, sz2) : 0);
      if (v <= v3) continue;
      if (!ws.fits(P, w, cc)) continue;
      const pp = ws.pos[w];
      if (v > v1) {
        v3 = v2;
        p3 = p2b;
        v2 = v1;
        p2b = p1;
        v1 = v;
        p1 = pp;
      } else if (v > v2) {
        v3 = v2;
        p3 = p2b;
        v2 = v;
        p2b = pp;
      } else {
        v3 = v;
        p3 = pp;
      }
    }
    cV[h2 * 3] = v1;
    cV[h2 * 3 + 1] = v2;
    cV[h2 * 3 + 2] = v3;
    cP[h2 * 3] = p1;
    cP[h2 * 3 + 1] = p2b;
    cP[h2 * 3 + 2] = p3;
    this.cStamp[h2] = P.version;
  }
}
