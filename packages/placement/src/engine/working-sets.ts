/**
 * The engine's working candidate sets: each household keeps its K best municipalities by score
 * (all of them when it has at most S = K + max(8, K/2)), ordered by decreasing score, with
 * contiguous copies of each slot's municipality, score and needs. Slots h·S … h·S + cnt[h] − 1
 * belong to household h; full pricing (subgradient.ts) adds pruned municipalities that beat them.
 */
import type { Model } from '../model.ts';
import type { Primal } from '../primal.ts';
import type { CandidateArrays } from '../relaxation.ts';

export class WorkingSets implements CandidateArrays {
  /** Slots per household. */
  readonly S: number;
  /** Candidate position (in the model's lists) of each slot. */
  readonly pos: Int32Array;
  readonly cnt: Int32Array;
  /** 1 when the household's working set is its whole candidate list (never pruned). */
  readonly complete: Uint8Array;
  readonly allComplete: boolean;
  readonly muni: Int32Array;
  readonly score: Float64Array;
  readonly need: Float64Array;
  readonly perSlotNeed = true;

  constructor(
    private readonly model: Model,
    K: number,
  ) {
    const { n, R } = model;
    this.S = K + Math.max(8, K >> 1);
    this.pos = new Int32Array(n * this.S);
    this.cnt = new Int32Array(n);
    this.complete = new Uint8Array(n);
    this.allComplete = this.selectBest(K);
    this.orderByScore();
    this.muni = new Int32Array(n * this.S);
    this.score = new Float64Array(n * this.S);
    this.need = new Float64Array(n * this.S * R);
    for (let h = 0; h < n; h++) for (let q = 0; q < this.cnt[h]; q++) this.setSlot(h, q, this.pos[h * this.S + q]);
  }

  /** Top-K by score (ties: lowest position first); returns whether no household was pruned. */
  private selectBest(K: number): boolean {
    const { n, start, cs } = this.model;
    const { S, pos } = this;
    let allComplete = true;
    let tmp = new Float64Array(64);
    for (let h = 0; h < n; h++) {
      const s0 = start[h];
      const deg = start[h + 1] - s0;
      if (deg <= S) {
        for (let q = 0; q < deg; q++) pos[h * S + q] = s0 + q;
        this.cnt[h] = deg;
        this.complete[h] = 1;
        continue;
      }
      allComplete = false;
      if (tmp.length < deg) tmp = new Float64Array(deg);
      const view = tmp.subarray(0, deg);
      view.set(cs.subarray(s0, s0 + deg));
      view.sort();
      const thr = view[deg - K];
      let c = 0;
      for (let p = s0; p < s0 + deg && c < K; p++) if (cs[p] > thr) pos[h * S + c++] = p;
      for (let p = s0; p < s0 + deg && c < K; p++) if (cs[p] === thr) pos[h * S + c++] = p;
      this.cnt[h] = c;
    }
    return allComplete;
  }

  /** Decreasing score within each set (local search tries preferred municipalities first). */
  private orderByScore(): void {
    const { cs } = this.model;
    const { S, pos } = this;
    const tmpP: number[] = [];
    for (let h = 0; h < this.model.n; h++) {
      const c = this.cnt[h];
      tmpP.length = 0;
      for (let q = 0; q < c; q++) tmpP.push(pos[h * S + q]);
      tmpP.sort((x, y) => cs[y] - cs[x]);
      for (let q = 0; q < c; q++) pos[h * S + q] = tmpP[q];
    }
  }

  /** Puts candidate position p in slot q of household h. */
  setSlot(h: number, q: number, p: number): void {
    const { R, cm, cs, needC, needH } = this.model;
    const w = h * this.S + q;
    this.pos[w] = p;
    this.muni[w] = cm[p];
    this.score[w] = cs[p];
    for (let k = 0; k < R; k++) this.need[w * R + k] = needC ? needC[p * R + k] : needH[h * R + k];
  }

  /** Whether slot w's household fits in municipality j of P (its need there: need[w]). */
  fits(P: Primal, w: number, j: number): boolean {
    const { R, cap } = this.model;
    for (let k = 0; k < R; k++) if (P.load[j * R + k] + this.need[w * R + k] > cap[j * R + k] + 1e-9) return false;
    return true;
  }
}
