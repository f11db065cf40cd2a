/**
 * Packing move: bring two households h, h' into municipality b (they prefer b), ejecting at
 * most one member h2 of b to its best other municipality (or unassigned). Catches the
 * 1-for-2 exchanges that single shifts and swaps miss.
 */
import type { Primal } from '../primal.ts';
import type { EngineState } from './state.ts';

/** Households kept per municipality as candidates to move in (the largest gains). */
const TOP = 16;

/** One pass over the municipalities, the best packing move of each applied; returns the number of moves. */
export function pairPass(st: EngineState, P: Primal, stopAt: number): number {
  return new PairMove(st, P).run(stopAt);
}

class PairMove {
  /** interested*[b]: households preferring b to their current place (top TOP by gain): household, working slot, gain. */
  private readonly intH: number[][];
  private readonly intW: number[][];
  private readonly intG: number[][];
  /** Upper bound of any quota change per person moved. */
  private readonly maxQPen: number;
  /** Room left in the municipality under examination, per resource (after the ejection, if any). */
  private readonly free: Float64Array;
  /** (municipality, Δpersons) of the move under evaluation. */
  private readonly dM: number[] = [];
  private readonly dP: number[] = [];
  // the best move into the municipality under examination
  private bestD = 0;
  private bi = -1;
  private bj = -1;
  private bh2 = -1;
  private bdest = -1;

  constructor(
    private readonly st: EngineState,
    private readonly P: Primal,
  ) {
    const { m, R, qPen } = st.model;
    this.intH = Array.from({ length: m }, () => []);
    this.intW = Array.from({ length: m }, () => []);
    this.intG = Array.from({ length: m }, () => []);
    this.collectInterested();
    let maxQPen = 0;
    for (let j = 0; j < m; j++) if (qPen[j] > maxQPen) maxQPen = qPen[j];
    this.maxQPen = maxQPen;
    this.free = new Float64Array(R);
  }

  run(stopAt: number): number {
    const { st, P } = this;
    const { m } = st.model;
    let moves = 0;
    for (let b = 0; b < m; b++) {
      if ((b & 31) === 0 && st.now() > stopAt) break;
      const H = this.intH[b];
      if (H.length < 2) continue;
      this.bestD = 1e-9;
      this.bi = -1;
      this.bj = -1;
      this.bh2 = -1;
      this.bdest = -1;
      const mem = P.members[b];
      for (let e = -1; e < mem.length; e++) this.pairsWithEjection(b, e >= 0 ? mem[e] : -1);
      if (this.bi < 0) continue;
      const W = this.intW[b];
      if (this.bh2 >= 0) P.move(this.bh2, -1);
      P.move(H[this.bi], st.ws.pos[W[this.bi]]);
      P.move(H[this.bj], st.ws.pos[W[this.bj]]);
      // the destination may have lost capacity meanwhile only if hi/hj moved in there (they moved to b): still fits
      if (this.bh2 >= 0 && this.bdest >= 0) P.move(this.bh2, this.bdest);
      moves++;
    }
    return moves;
  }

  private collectInterested(): void {
    const { st, P } = this;
    const { ws } = st;
    const { n, cm, cs, UP } = st.model;
    for (let h = 0; h < n; h++) {
      const cur = P.x[h];
      const curVal = cur >= 0 ? cs[cur] : -UP;
      const c = ws.cnt[h];
      for (let q = 0; q < c; q++) {
        const w = h * ws.S + q;
        const b = ws.muni[w];
        const g = ws.score[w] - curVal;
        if (g <= 0 || (cur >= 0 && cm[cur] === b)) continue;
        const L = this.intG[b];
        if (L.length < TOP) {
          L.push(g);
          this.intH[b].push(h);
          this.intW[b].push(w);
        } else {
          let mi = 0;
          for (let t = 1; t < L.length; t++) if (L[t] < L[mi]) mi = t;
          if (g > L[mi]) {
            L[mi] = g;
            this.intH[b][mi] = h;
            this.intW[b][mi] = w;
          }
        }
      }
    }
  }

  /** Every pair of interested households moving into b while member h2 (−1: none) leaves for its best other place. */
  private pairsWithEjection(b: number, h2: number): void {
    const { st, P, free } = this;
    const { ws } = st;
    const { R, cap, cs, needC, needH, size } = st.model;
    const p2 = h2 >= 0 ? P.x[h2] : -1;
    for (let k = 0; k < R; k++) free[k] = cap[b * R + k] - P.load[b * R + k] + (h2 >= 0 ? (needC ? needC[p2 * R + k] : needH[h2 * R + k]) : 0);
    const [dest, destVal] = h2 >= 0 ? this.destinationOutside(h2, b) : [-1, -st.model.UP];
    const ejectGain = h2 >= 0 ? destVal - cs[p2] : 0;
    const H = this.intH[b];
    const W = this.intW[b];
    const G = this.intG[b];
    const k2 = H.length;
    for (let i = 0; i < k2; i++) {
      const hi = H[i];
      if (hi === h2) continue;
      const wi = W[i];
      let ok = true;
      for (let k = 0; k < R; k++) if (ws.need[wi * R + k] > free[k] + 1e-9) ok = false;
      if (!ok) continue;
      for (let j2 = i + 1; j2 < k2; j2++) {
        const hj = H[j2];
        if (hj === h2) continue;
        const gij = G[i] + G[j2] + ejectGain;
        if (gij + this.maxQPen * 2 * (size[hi] + size[hj] + (h2 >= 0 ? size[h2] : 0)) <= this.bestD) continue;
        const wj = W[j2];
        let ok2 = true;
        for (let k = 0; k < R; k++) if (ws.need[wi * R + k] + ws.need[wj * R + k] > free[k] + 1e-9) ok2 = false;
        if (!ok2) continue;
        const d = gij + this.quotaChange(b, hi, hj, h2, dest);
        if (d > this.bestD) {
          this.bestD = d;
          this.bi = i;
          this.bj = j2;
          this.bh2 = h2;
          this.bdest = dest;
        }
      }
    }
  }

  /** h2's best working place outside b with room, by score: [position, score] ([−1, −UP] when none). */
  private destinationOutside(h2: number, b: number): [number, number] {
    const { ws } = this.st;
    let dest = -1;
    let destVal = -this.st.model.UP;
    const c2 = ws.cnt[h2];
    for (let u = 0; u < c2; u++) {
      const w = h2 * ws.S + u;
      const cc = ws.muni[w];
      if (cc === b) continue;
      if (ws.score[w] <= destVal) continue;
      if (!ws.fits(this.P, w, cc)) continue;
      destVal = ws.score[w];
      dest = ws.pos[w];
    }
    return [dest, destVal];
  }

  /** Quota objective change when hi and hj move into b, h2 (if any) leaves it for dest: persons merged per municipality. */
  private quotaChange(b: number, hi: number, hj: number, h2: number, dest: number): number {
    const { P, dM, dP } = this;
    const { cm, size, qPen } = this.st.model;
    // destination of h2 must still fit if it is where hi/hj come from: loads only drop there, fine
    dM.length = 0;
    dP.length = 0;
    dM.push(b);
    dP.push(size[hi] + size[hj] - (h2 >= 0 ? size[h2] : 0));
    if (P.x[hi] >= 0) {
      dM.push(cm[P.x[hi]]);
      dP.push(-size[hi]);
    }
    if (P.x[hj] >= 0) {
      dM.push(cm[P.x[hj]]);
      dP.push(-size[hj]);
    }
    if (h2 >= 0 && dest >= 0) {
      dM.push(cm[dest]);
      dP.push(size[h2]);
    }
    let tot = 0;
    for (let i = 0; i < dM.length; i++) {
      const j = dM[i];
      if (j < 0 || qPen[j] === 0) continue;
      let d = dP[i];
      for (let k = i + 1; k < dM.length; k++)
        if (dM[k] === j) {
          d += dP[k];
          dM[k] = -1;
        }
      tot += P.qDelta(j, d);
    }
    return tot;
  }
}
