// Worker for HiGHS solves (plain JavaScript so that it runs without a TypeScript loader).
// Receives the typed-array model built by highs.ts (buildHighsModel) and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import loader from 'highs';

const STATUS = ['notSet', 'loadError', 'modelError', 'presolveError', 'solveError', 'postsolveError', 'empty', 'optimal', 'infeasible', 'unboundedOrInfeasible', 'unbounded', 'objectiveBound', 'objectiveTarget', 'timeLimit', 'iterationLimit', 'unknown', 'solutionLimit', 'interrupted'];

const { arrays: a, options: o } = workerData;
const t0 = performance.now();
const highs = await loader();
const inf = highs.infinity;
const fix = (x) => x.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
const model = highs.createModel({
  numCols: a.numCols,
  numRows: a.numRows,
  sense: highs.constants.objectiveSense.maximize,
  offset: a.offset,
  colCost: a.colCost,
  colLower: a.colLower,
  colUpper: fix(a.colUpper),
  rowLower: fix(a.rowLower),
  rowUpper: fix(a.rowUpper),
  matrix: { format: 'csc', numRows: a.numRows, numCols: a.numCols, starts: a.starts, indices: a.indices, values: a.values },
  ...(a.integrality && !o.relax ? { integrality: a.integrality } : {}),
});
model.options.set('output_flag', false);
if (o.timeLimitSeconds) model.options.set('time_limit', o.timeLimitSeconds);
if (!o.relax) model.options.set('mip_rel_gap', o.mipRelGap ?? 1e-9);
const r = model.run();
const status = STATUS[r.modelStatus] ?? String(r.modelStatus);
const isMip = !!a.integrality && !o.relax;
let objective = null;
let colValue = null;
if (Number(model.info.get('primal_solution_status')) === 2) {
  objective = model.getObjectiveValue();
  colValue = model.getSolution().colValue;
}
let bound = null;
if (isMip) {
  const b = Number(model.info.get('mip_dual_bound'));
  bound = Number.isFinite(b) ? b : null;
} else if (status === 'optimal') bound = objective;
model.dispose();
parentPort.postMessage({ status, objective, bound, colValue, ms: performance.now() - t0 });
