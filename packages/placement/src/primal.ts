/**
 * Primal state shared by the heuristics: an assignment (candidate position per household, −1 =
 * unassigned) with loads, persons and members per municipality and the true objective, kept
 * up to date move by move. Capacities are not enforced here: callers check `fits` (feasible
 * search) or price the excess (strategic oscillation, oscillation.ts).
 */
import { type Model, quotaPenalty } from './model.ts';

/** Mutable primal state with loads, persons and members per municipality. */
export class Primal {
  readonly x: Int32Array;
  readonly load: Float64Array;
  readonly persons: Float64Array;
  readonly members: number[][];
  readonly memIdx: Int32Array;
  obj = 0;
  /** Incremented on every move (cache invalidation). */
  version = 0;
  constructor(private model: Model) {
    this.x = new Int32Array(model.n).fill(-1);
    this.load = new Float64Array(model.m * model.R);
    this.persons = new Float64Array(model.m);
    this.members = Array.from({ length: model.m }, () => []);
    this.memIdx = new Int32Array(model.n).fill(-1);
    this.obj = -model.UP * model.n;
    for (let j = 0; j < model.m; j++) this.obj -= quotaPenalty(model, j, 0);
  }
  /** The state of assignment x (candidate positions, −1 = unassigned), built move by move in household order. */
  static from(model: Model, x: Int32Array): Primal {
    const P = new Primal(model);
    for (let h = 0; h < model.n; h++) if (x[h] >= 0) P.move(h, x[h]);
    return P;
  }
  needAt(h: number, p: number, k: number): number {
    const M = this.model;
    return M.needC ? M.needC[p * M.R + k] : M.needH[h * M.R + k];
  }
  fits(h: number, p: number): boolean {
    const M = this.model;
    const j = M.cm[p];
    for (let k = 0; k < M.R; k++) if (this.load[j * M.R + k] + this.needAt(h, p, k) > M.cap[j * M.R + k] + 1e-9) return false;
    return true;
  }
  /** Moves household h to candidate position p (−1 = unassigned), updating everything. */
  move(h: number, p: number): void {
    const M = this.model;
    const old = this.x[h];
    if (old === p) return;
    this.version++;
    const sz = M.size[h];
    if (old >= 0) {
      const j = M.cm[old];
      for (let k = 0; k < M.R; k++) this.load[j * M.R + k] -= this.needAt(h, old, k);
      const before = quotaPenalty(M, j, this.persons[j]);
      this.persons[j] -= sz;
      this.obj += before - quotaPenalty(M, j, this.persons[j]) - M.cs[old];
      const list = this.members[j];
      const idx = this.memIdx[h];
      const last = list[list.length - 1];
      list[idx] = last;
      this.memIdx[last] = idx;
      list.pop();
      this.memIdx[h] = -1;
    } else this.obj += M.UP;
    if (p >= 0) {
      const j = M.cm[p];
      for (let k = 0; k < M.R; k++) this.load[j * M.R + k] += this.needAt(h, p, k);
      const before = quotaPenalty(M, j, this.persons[j]);
      this.persons[j] += sz;
      this.obj += M.cs[p] - (quotaPenalty(M, j, this.persons[j]) - before);
      this.memIdx[h] = this.members[j].length;
      this.members[j].push(h);
    } else this.obj -= M.UP;
    this.x[h] = p;
  }
  /** Change of total quota penalty (as objective change, i.e. −Δpenalty) when persons of j change by d. */
  qDelta(j: number, d: number): number {
    const M = this.model;
    if (M.qPen[j] === 0 || d === 0) return 0;
    const P = this.persons[j];
    return quotaPenalty(M, j, P) - quotaPenalty(M, j, P + d);
  }
}

/** Position of municipality j in household h's candidate list, or −1 (binary search). */
export function findPos(model: Model, h: number, j: number): number {
  let lo = model.start[h];
  let hi = model.start[h + 1] - 1;
  if (hi - lo + 1 === model.m) return lo + j; // complete list
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = model.cm[mid];
    if (v === j) return mid;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
