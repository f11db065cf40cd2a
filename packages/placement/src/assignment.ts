/**
 * Exact assignment for unit-demand instances (every need is 0 or 1 on the same resources,
 * no quota terms): a rectangular linear assignment problem solved by Jonker–Volgenant
 * style shortest augmenting paths (Dijkstra on reduced costs) with an always-free
 * "unassigned" column of cost unassignedPenalty. Municipalities with capacity c > 1 are
 * expanded into c slots. The dual prices give a certificate: the Lagrangian value with
 * slot prices equals the optimum (gap 0 up to rounding).
 */
import type { Model } from './model.ts';

export interface AssignmentResult {
  /** Candidate position per household, or −1. */
  xPos: Int32Array;
  objective: number;
  /** Valid upper bound from the dual prices. */
  bound: number;
  /** Price per municipality (max over its slots). */
  price: Float64Array;
  method: string;
}

/** Returns slot counts per municipality if the model has the unit-demand structure, else null. */
export function unitStructure(model: Model, maxCells = 3e7): Int32Array | null {
  const { n, m, R, start, needC, needH, cap } = model;
  if (model.hasQuota) return null;
  // classify resources: 0 = all needs 0, 1 = all needs 1, 2 = other
  const cls = new Int8Array(R).fill(-1);
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++)
      for (let k = 0; k < R; k++) {
        const v = needC ? needC[p * R + k] : needH[h * R + k];
        const c = v === 0 ? 0 : v === 1 ? 1 : 2;
        if (c === 2) return null;
        if (cls[k] === -1) cls[k] = c;
        else if (cls[k] !== c) return null;
      }
  const active: number[] = [];
  for (let k = 0; k < R; k++) if (cls[k] === 1) active.push(k);
  // No allowed pair at all: trivially an assignment problem in which every household stays out.
  if (active.length === 0) return start[n] === 0 ? new Int32Array(m) : null;
  const slots = new Int32Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    let c = Infinity;
    for (const k of active) c = Math.min(c, Math.floor(cap[j * R + k] + 1e-9));
    slots[j] = Math.min(c, n);
    total += slots[j];
  }
  if (total * n > maxCells) return null;
  return slots;
}

export function solveAssignment(model: Model, slots: Int32Array, deadline = Infinity): AssignmentResult {
  const { n, m, start, cm, cs, UP } = model;
  let M = 0;
  for (let j = 0; j < m; j++) M += slots[j];
  const slotMuni = new Int32Array(M);
  const firstSlot = new Int32Array(m + 1);
  {
    let s = 0;
    for (let j = 0; j < m; j++) {
      firstSlot[j] = s;
      for (let t = 0; t < slots[j]; t++) slotMuni[s++] = j;
    }
    firstSlot[m] = s;
  }
  // dense cost matrix (minimisation), Infinity = not allowed
  const C = new Float64Array(n * M).fill(Infinity);
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      const c = -cs[p];
      for (let s = firstSlot[j]; s < firstSlot[j + 1]; s++) C[h * M + s] = c;
    }
  let rowCol: Int32Array;
  let v: Float64Array;
  let method = 'auction';
  const scale = integerScale(model);
  const cert = (rc: Int32Array, vv: Float64Array) => certificate(C, n, M, UP, rc, vv);
  let res: { objective: number; bound: number } | null = null;
  if (scale > 0) {
    const a = auction(C, n, M, UP, scale, deadline);
    rowCol = a.rowCol;
    v = a.v;
    res = cert(rowCol, v);
    // integer data: L < opt + 1/2, so flooring the scaled bound certifies optimality
    const fb = Math.floor(res.bound * scale + 0.4) / scale;
    if (fb < res.bound) res.bound = Math.max(fb, res.objective);
    if (res.bound - res.objective > 1e-9 * Math.max(1, Math.abs(res.bound))) res = null;
  }
  if (!res) {
    method = 'sap';
    const r = sap(C, n, M, UP, deadline);
    rowCol = r.rowCol;
    v = r.v;
    res = cert(rowCol, v);
  }
  // primal
  const xPos = new Int32Array(n).fill(-1);
  for (let h = 0; h < n; h++) {
    const s = rowCol![h];
    if (s === M || s < 0) continue;
    const j = slotMuni[s];
    for (let p = start[h]; p < start[h + 1]; p++)
      if (cm[p] === j) {
        xPos[h] = p;
        break;
      }
  }
  const price = new Float64Array(m);
  for (let s = 0; s < M; s++) price[slotMuni[s]] = Math.max(price[slotMuni[s]], -v![s]);
  return { xPos, objective: res.objective, bound: res.bound, price, method };
}

/** Smallest 10^d (d ≤ 6) making every score and UP an integer, or 0 if none (or too large). */
function integerScale(model: Model): number {
  const { cs, UP, n, start } = model;
  let maxAbs = Math.abs(UP);
  for (let p = 0; p < start[n]; p++) maxAbs = Math.max(maxAbs, Math.abs(cs[p]));
  for (let d = 0, f = 1; d <= 6; d++, f *= 10) {
    if (maxAbs * f * (n + 1) * 4 > 2 ** 50) return 0;
    let ok = Number.isInteger(Math.round(UP * f)) && Math.abs(UP * f - Math.round(UP * f)) < 1e-6;
    for (let p = 0; ok && p < start[n]; p++) {
      const x = cs[p] * f;
      if (Math.abs(x - Math.round(x)) > 1e-6) ok = false;
    }
    if (ok) return f;
  }
  return 0;
}

/** Primal objective and Lagrangian bound with slot prices max(0, −v). */
function certificate(C: Float64Array, n: number, M: number, UP: number, rowCol: Int32Array, v: Float64Array): { objective: number; bound: number } {
  let objective = 0;
  for (let h = 0; h < n; h++) {
    const s = rowCol[h];
    objective += s === M || s < 0 ? -UP : -C[h * M + s];
  }
  const pi = new Float64Array(M);
  let bound = 0;
  for (let s = 0; s < M; s++) {
    pi[s] = Math.max(0, -v[s]);
    bound += pi[s];
  }
  for (let h = 0; h < n; h++) {
    let best = -UP;
    const b = h * M;
    for (let s = 0; s < M; s++) {
      const val = -C[b + s] - pi[s];
      if (val > best) best = val;
    }
    bound += best;
  }
  return { objective, bound };
}

/**
 * Gauss–Seidel forward auction with ε-scaling on benefits −C (scaled to integers by `scale`),
 * down to ε < 1/(2(n+1)) in scaled units. Returns the assignment (M = unassigned) and
 * v = −price (unscaled).
 */
function auction(C: Float64Array, n: number, M: number, UP: number, scale: number, deadline: number): { rowCol: Int32Array; v: Float64Array } {
  const price = new Float64Array(M);
  const rowCol = new Int32Array(n).fill(-1);
  const colRow = new Int32Array(M).fill(-1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < C.length; i++) {
    const c = C[i];
    if (c !== Infinity) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  const range = Math.max(hi - lo, Math.abs(UP), 1 / scale);
  const epsFinal = 0.5 / scale / (n + 1);
  let eps = Math.max(range / 8, epsFinal);
  const queue = new Int32Array(n);
  for (;;) {
    rowCol.fill(-1);
    colRow.fill(-1);
    let qh = 0;
    let qn = n;
    for (let i = 0; i < n; i++) queue[i] = i;
    let count = 0;
    while (qn > 0) {
      const i = queue[qh];
      qh = qh + 1 === n ? 0 : qh + 1;
      qn--;
      if ((++count & 1023) === 0 && performance.now() > deadline) throw new Error('assignment: time limit');
      const b = i * M;
      let w1 = -UP;
      let j1 = M;
      let w2 = -Infinity;
      for (let j = 0; j < M; j++) {
        const w = -C[b + j] - price[j];
        if (w > w2) {
          if (w > w1) {
            w2 = w1;
            w1 = w;
            j1 = j;
          } else w2 = w;
        }
      }
      if (j1 === M) {
        rowCol[i] = M;
        continue;
      }
      if (w2 === -Infinity) w2 = w1 - range;
      price[j1] += w1 - w2 + eps;
      const old = colRow[j1];
      if (old >= 0) {
        rowCol[old] = -1;
        const t = qh + qn;
        queue[t >= n ? t - n : t] = old;
        qn++;
      }
      colRow[j1] = i;
      rowCol[i] = j1;
    }
    if (eps <= epsFinal) break;
    eps = Math.max(eps / 6, epsFinal);
  }
  const v = new Float64Array(M);
  for (let j = 0; j < M; j++) v[j] = -price[j];
  return { rowCol, v };
}

/** Exact shortest augmenting path (Jonker–Volgenant style) from scratch; v = column duals (≤ 0). */
function sap(C: Float64Array, n: number, M: number, UP: number, deadline: number): { rowCol: Int32Array; v: Float64Array } {
  const s = new ShortestAugmentingPath(C, n, M, UP);
  s.reduceRows();
  s.augmentingRowReduction();
  for (let i0 = 0; i0 < n; i0++) {
    if (s.rowCol[i0] !== -1) continue;
    if ((i0 & 15) === 0 && performance.now() > deadline) throw new Error('assignment: time limit');
    s.augmentFrom(i0);
  }
  return { rowCol: s.rowCol, v: s.v };
}

/** Rows 0..n−1, columns 0..M−1 and M = "unassigned" (cost UP); costs C[i·M + j]. */
class ShortestAugmentingPath {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly colRow: Int32Array;
  /** Column of each row (M = unassigned, −1 = free). */
  readonly rowCol: Int32Array;
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly scanned: Uint8Array;
  private readonly scannedList: Int32Array;
  private nScanned = 0;
  // one pass of the augmenting row reduction: list[0..newFree) collects rows still free for the next pass
  private list = new Int32Array(0);
  private current = 0;
  private newFree = 0;
  private rr = 0;

  constructor(
    private readonly C: Float64Array,
    private readonly n: number,
    private readonly M: number,
    private readonly UP: number,
  ) {
    this.u = new Float64Array(n);
    this.v = new Float64Array(M);
    this.colRow = new Int32Array(M).fill(-1);
    this.rowCol = new Int32Array(n).fill(-1);
    this.dist = new Float64Array(M);
    this.pred = new Int32Array(M);
    this.scanned = new Uint8Array(M);
    this.scannedList = new Int32Array(M);
  }

  /** Row reduction + greedy on tight edges. */
  reduceRows(): void {
    const { C, n, M, UP, u, colRow, rowCol } = this;
    for (let i = 0; i < n; i++) {
      let best = UP;
      let bj = M;
      const b = i * M;
      for (let j = 0; j < M; j++) {
        const c = C[b + j];
        if (c < best) {
          best = c;
          bj = j;
        }
      }
      u[i] = best;
      if (bj === M) rowCol[i] = M;
      else if (colRow[bj] === -1) {
        colRow[bj] = i;
        rowCol[i] = bj;
      }
    }
  }

  /** Augmenting row reduction (Jonker–Volgenant), two passes. */
  augmentingRowReduction(): void {
    let free: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.rowCol[i] === -1) free.push(i);
    for (let pass = 0; pass < 2 && free.length; pass++) {
      this.list = Int32Array.from(free);
      const nFree = this.list.length;
      this.current = 0;
      this.newFree = 0;
      this.rr = 0;
      while (this.current < nFree) this.reduceFreeRow();
      free = Array.from(this.list.subarray(0, this.newFree));
    }
  }

  /** The next free row takes its cheapest column, lowering that column's price or passing its owner on. */
  private reduceFreeRow(): void {
    const { C, M, UP, u, v, colRow, rowCol, list } = this;
    this.rr++;
    const fi = list[this.current++];
    const b = fi * M;
    let v1 = UP;
    let j1 = M;
    let v2 = Infinity;
    let j2 = -1;
    for (let j = 0; j < M; j++) {
      const c = C[b + j] - v[j];
      if (c < v2) {
        if (c >= v1) {
          v2 = c;
          j2 = j;
        } else {
          v2 = v1;
          j2 = j1;
          v1 = c;
          j1 = j;
        }
      }
    }
    if (j1 === M) {
      rowCol[fi] = M;
      u[fi] = UP;
      return;
    }
    let i0 = colRow[j1];
    const v1new = v[j1] - (v2 - v1);
    const lowers = v1new < v[j1];
    if (this.rr < this.current * M) {
      if (lowers) v[j1] = v1new;
      else if (i0 >= 0 && j2 >= 0) {
        j1 = j2;
        i0 = j2 === M ? -1 : colRow[j2];
      }
      if (i0 >= 0) {
        if (lowers) list[--this.current] = i0;
        else list[this.newFree++] = i0;
      }
    } else if (i0 >= 0) list[this.newFree++] = i0;
    if (i0 >= 0) rowCol[i0] = -1;
    rowCol[fi] = j1;
    if (j1 !== M) colRow[j1] = fi;
    u[fi] = j1 === M ? UP : C[b + j1] - v[j1];
  }

  /** Dijkstra on reduced costs from free row i0, then the dual update and the augmentation. */
  augmentFrom(i0: number): void {
    const { C, M, UP, u, v, dist, pred } = this;
    const b0 = i0 * M;
    let u0 = UP;
    for (let j = 0; j < M; j++) {
      const c = C[b0 + j] - v[j];
      if (c < u0) u0 = c;
    }
    u[i0] = u0;
    for (let j = 0; j < M; j++) {
      dist[j] = C[b0 + j] - u0 - v[j];
      pred[j] = i0;
    }
    const { endCol, delta, predU } = this.shortestPath(i0, UP - u0);
    // tree rows (before augmentation): i0 and the owners of scanned columns
    const treeRows: number[] = [i0];
    for (let t = 0; t < this.nScanned; t++) treeRows.push(this.colRow[this.scannedList[t]]);
    // dual update
    for (let t = 0; t < this.nScanned; t++) {
      const j = this.scannedList[t];
      v[j] -= delta - dist[j];
    }
    this.augment(i0, endCol, endCol === M ? predU : pred[endCol]);
    for (const r of treeRows) {
      const c = this.rowCol[r];
      u[r] = c === M ? UP : C[r * M + c] - v[c];
    }
  }

  /** Scans columns by increasing distance until a free column (or "unassigned") is the nearest. */
  private shortestPath(i0: number, distU0: number): { endCol: number; delta: number; predU: number } {
    const { C, M, UP, u, v, dist, pred, scanned, scannedList, colRow } = this;
    scanned.fill(0);
    this.nScanned = 0;
    let distU = distU0;
    let predU = i0;
    for (;;) {
      let dmin = Infinity;
      let jmin = -1;
      for (let j = 0; j < M; j++) {
        if (scanned[j]) continue;
        const d = dist[j];
        if (d < dmin || (d === dmin && colRow[j] === -1)) {
          dmin = d;
          jmin = j;
        }
      }
      if (distU <= dmin) return { endCol: M, delta: distU, predU };
      if (jmin < 0) throw new Error('assignment: no augmenting path');
      if (colRow[jmin] === -1) return { endCol: jmin, delta: dmin, predU };
      scanned[jmin] = 1;
      scannedList[this.nScanned++] = jmin;
      const i = colRow[jmin];
      const bi = i * M;
      const base = dmin - u[i];
      for (let j = 0; j < M; j++) {
        if (scanned[j]) continue;
        const d = base + C[bi + j] - v[j];
        if (d < dist[j]) {
          dist[j] = d;
          pred[j] = i;
        }
      }
      const dU = base + UP;
      if (dU < distU) {
        distU = dU;
        predU = i;
      }
    }
  }

  /** Flips the path ending at column j (row i its predecessor) back to i0. */
  private augment(i0: number, endCol: number, firstRow: number): void {
    const { M, pred, rowCol, colRow } = this;
    let j = endCol;
    let i = firstRow;
    for (;;) {
      const prev = rowCol[i];
      rowCol[i] = j;
      if (j !== M) colRow[j] = i;
      if (i === i0) break;
      j = prev;
      i = pred[j];
    }
  }
}
