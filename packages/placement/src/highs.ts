/**
 * Reference MIP/LP model for HiGHS (WebAssembly). Used by tests and the bench, not by the
 * production path for large instances.
 *
 * Columns: x[p] ∈ {0,1} for each candidate pair p, then under[j], over[j] ≥ 0 for each
 * municipality with a quota penalty. Rows: Σ_p∈h x[p] ≤ 1 per household; capacity per
 * (municipality, resource) with a positive need somewhere; for quotas
 * Σ size·x + under ≥ L and Σ size·x − over ≤ U.
 * Objective (maximise): Σ (score + UP)·x − pen·(under + over) − UP·n.
 */
import { Worker } from 'node:worker_threads';
import { runArrays } from './highs-run.mjs';
import { compile, pruneModel, type Model } from './model.ts';
import type { Instance } from './types.ts';

export interface HighsModelArrays {
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  integrality: Int32Array | null;
  /** Number of x columns (= candidate pairs). */
  nx: number;
}

/** Non-zeros of the x columns: the household row, each non-zero need, the two quota rows. */
function countNonzeros(model: Model): number {
  const { n, R, start, cm, needC, needH, size, qPen } = model;
  let nnz = 0;
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++) {
      nnz++;
      for (let k = 0; k < R; k++) if ((needC ? needC[p * R + k] : needH[h * R + k]) !== 0) nnz++;
      if (qPen[cm[p]] > 0 && size[h] !== 0) nnz += 2;
    }
  return nnz;
}

export function buildHighsModel(model: Model, relax = false): HighsModelArrays {
  const { n, m, R, start, cm, cs, needC, needH, size, cap, UP, qPen } = model;
  const nx = start[n];
  const quotaMunis: number[] = [];
  for (let j = 0; j < m; j++) if (qPen[j] > 0) quotaMunis.push(j);
  const nq = quotaMunis.length;
  const numCols = nx + 2 * nq;
  // rows: n household rows, then m*R capacity rows, then 2 rows per quota municipality
  const capRow0 = n;
  const qRow0 = n + m * R;
  const qRowOf = new Int32Array(m).fill(-1);
  quotaMunis.forEach((j, t) => (qRowOf[j] = qRow0 + 2 * t));
  const numRows = qRow0 + 2 * nq;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  for (let h = 0; h < n; h++) rowUpper[h] = 1;
  for (let i = 0; i < m * R; i++) rowUpper[capRow0 + i] = cap[i];
  quotaMunis.forEach((j, t) => {
    rowLower[qRow0 + 2 * t] = model.qL[j];
    rowUpper[qRow0 + 2 * t] = Infinity;
    rowLower[qRow0 + 2 * t + 1] = -Infinity;
    rowUpper[qRow0 + 2 * t + 1] = model.qU[j];
  });
  const nnz = countNonzeros(model) + 2 * nq;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Infinity);
  let e = 0;
  let col = 0;
  for (let h = 0; h < n; h++)
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      starts[col] = e;
      colCost[col] = cs[p] + UP;
      colUpper[col] = 1;
      indices[e] = h;
      values[e++] = 1;
      for (let k = 0; k < R; k++) {
        const v = needC ? needC[p * R + k] : needH[h * R + k];
        if (v !== 0) {
          indices[e] = capRow0 + j * R + k;
          values[e++] = v;
        }
      }
      if (qPen[j] > 0 && size[h] !== 0) {
        indices[e] = qRowOf[j];
        values[e++] = size[h];
        indices[e] = qRowOf[j] + 1;
        values[e++] = size[h];
      }
      col++;
    }
  quotaMunis.forEach((j, t) => {
    starts[col] = e;
    colCost[col] = -qPen[j];
    indices[e] = qRow0 + 2 * t;
    values[e++] = 1;
    col++;
    starts[col] = e;
    colCost[col] = -qPen[j];
    indices[e] = qRow0 + 2 * t + 1;
    values[e++] = -1;
    col++;
  });
  starts[col] = e;
  const integrality = relax ? null : new Int32Array(numCols);
  if (integrality) integrality.fill(1, 0, nx);
  return { numCols, numRows, offset: -UP * n, colCost, colLower, colUpper, rowLower, rowUpper, starts, indices, values, integrality, nx };
}

export interface HighsRunOptions {
  timeLimitSeconds?: number;
  relax?: boolean;
  /** Run in a worker_threads worker (recommended beyond toy sizes). */
  worker?: boolean;
  /** Max MIP relative gap (default 1e-9: solve to optimality). */
  mipRelGap?: number;
  /** Keep only each household's best K municipalities (the result is then a heuristic, not a reference optimum). */
  candidateLimit?: number;
  /** A known solution as the first incumbent: column values (see highsStart). */
  start?: Float64Array;
}

export interface HighsRunResult {
  /** HiGHS model status name, e.g. "optimal", "timeLimit", or "error: …". */
  status: string;
  /** Objective of the incumbent (null if none). */
  objective: number | null;
  /** Dual bound (MIP) or LP optimum (relaxation). */
  bound: number | null;
  /** Municipality index per household or −1 (null if no incumbent). */
  assignment: Int32Array | null;
  ms: number;
}

let highsPromise: Promise<import('highs').Highs> | null = null;
/** Loads the HiGHS WebAssembly runtime once per thread (pass it to `solve` as `hooks.highs`). */
export function loadHighs(): Promise<import('highs').Highs> {
  if (!highsPromise) {
    highsPromise = import('highs').then((mod) => {
      const d = (mod as unknown as { default: unknown }).default as { default?: unknown };
      const loader = (typeof d === 'function' ? d : d.default) as () => Promise<import('highs').Highs>;
      return loader();
    });
  }
  return highsPromise;
}

/** Solves the arrays with HiGHS in the current thread (blocking once the runtime is loaded). */
export async function runHighsArrays(a: HighsModelArrays, o: HighsRunOptions): Promise<Omit<HighsRunResult, 'assignment'> & { colValue: Float64Array | null }> {
  const t0 = performance.now();
  const r = runArrays(await loadHighs(), a, o);
  return { ...r, ms: performance.now() - t0 };
}

/** Column values of an assignment (candidate positions, −1 = unassigned) in buildHighsModel's layout. */
export function highsStart(model: Model, xPos: Int32Array): Float64Array {
  const { n, m, cm, size, qPen, qL, qU } = model;
  const nx = model.start[n];
  let nq = 0;
  for (let j = 0; j < m; j++) if (qPen[j] > 0) nq++;
  const col = new Float64Array(nx + 2 * nq);
  const persons = new Float64Array(m);
  for (let h = 0; h < n; h++)
    if (xPos[h] >= 0) {
      col[xPos[h]] = 1;
      persons[cm[xPos[h]]] += size[h];
    }
  let t = 0;
  for (let j = 0; j < m; j++)
    if (qPen[j] > 0) {
      col[nx + 2 * t] = Math.max(0, qL[j] - persons[j]);
      col[nx + 2 * t + 1] = Math.max(0, persons[j] - qU[j]);
      t++;
    }
  return col;
}

/** The candidate position chosen for each household (−1 = unassigned) in buildHighsModel's column values. */
export function highsPositions(model: Model, colValue: Float64Array): Int32Array {
  const xPos = new Int32Array(model.n).fill(-1);
  for (let h = 0; h < model.n; h++) for (let p = model.start[h]; p < model.start[h + 1]; p++) if (colValue[p] > 0.5) xPos[h] = p;
  return xPos;
}

function toAssignment(model: Model, colValue: Float64Array | null): Int32Array | null {
  return colValue ? highsPositions(model, colValue).map((p) => (p < 0 ? -1 : model.cm[p])) : null;
}

/** Builds the MIP (or LP relaxation) of an instance and solves it with HiGHS. */
export async function solveWithHighs(inst: Instance, o: HighsRunOptions = {}): Promise<HighsRunResult> {
  const model = o.candidateLimit ? pruneModel(compile(inst), o.candidateLimit) : compile(inst);
  const arrays = buildHighsModel(model, o.relax);
  if (arrays.numCols === 0) {
    // nothing can be placed: HiGHS reports "empty"; the optimum is the constant
    return { status: 'optimal', objective: arrays.offset, bound: arrays.offset, assignment: new Int32Array(model.n).fill(-1), ms: 0 };
  }
  if (!o.worker) {
    try {
      const r = await runHighsArrays(arrays, o);
      return { status: r.status, objective: r.objective, bound: r.bound, assignment: o.relax ? null : toAssignment(model, r.colValue), ms: r.ms };
    } catch (e) {
      return { status: `error: ${(e as Error).message}`, objective: null, bound: null, assignment: null, ms: 0 };
    }
  }
  const t0 = performance.now();
  const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url), { workerData: { arrays, options: o } });
  return await new Promise<HighsRunResult>((resolve) => {
    let done = false;
    const finish = (r: HighsRunResult) => {
      if (done) return;
      done = true;
      void worker.terminate();
      resolve(r);
    };
    // hard cap: HiGHS checks its time limit only between phases
    const hard = o.timeLimitSeconds
      ? setTimeout(
          () => finish({ status: 'killed: hard time cap', objective: null, bound: null, assignment: null, ms: performance.now() - t0 }),
          (o.timeLimitSeconds * 1.5 + 10) * 1000,
        )
      : null;
    worker.on('message', (r: { status: string; objective: number | null; bound: number | null; colValue: Float64Array | null; ms: number }) => {
      if (hard) clearTimeout(hard);
      finish({
        status: r.status,
        objective: r.objective,
        bound: r.bound,
        assignment: o.relax ? null : toAssignment(model, r.colValue),
        ms: performance.now() - t0,
      });
    });
    worker.on('error', (e) => {
      if (hard) clearTimeout(hard);
      finish({ status: `error: ${e.message}`, objective: null, bound: null, assignment: null, ms: performance.now() - t0 });
    });
    worker.on('exit', (code) => {
      if (hard) clearTimeout(hard);
      finish({ status: `error: worker exited with code ${code}`, objective: null, bound: null, assignment: null, ms: performance.now() - t0 });
    });
  });
}
