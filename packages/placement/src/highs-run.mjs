// Solves a typed-array model (built by buildHighsModel in highs.ts) with a loaded HiGHS
// runtime. Plain JavaScript so that the worker thread (highs-worker.mjs) can use it without a
// TypeScript loader; highs.ts uses it in process. Types: highs-run.d.mts.

const STATUS = [
  'notSet',
  'loadError',
  'modelError',
  'presolveError',
  'solveError',
  'postsolveError',
  'empty',
  'optimal',
  'infeasible',
  'unboundedOrInfeasible',
  'unbounded',
  'objectiveBound',
  'objectiveTarget',
  'timeLimit',
  'iterationLimit',
  'unknown',
  'solutionLimit',
  'interrupted',
];

export function runArrays(highs, a, o) {
  const t0 = performance.now();
  const inf = highs.infinity;
  const fix = (x) => x.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
  const isMip = !!a.integrality && !o.relax;
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
    ...(isMip ? { integrality: a.integrality } : {}),
  });
  try {
    model.options.set('output_flag', false);
    if (o.timeLimitSeconds) model.options.set('time_limit', o.timeLimitSeconds);
    if (isMip) model.options.set('mip_rel_gap', o.mipRelGap ?? 1e-9);
    // a known solution (e.g. the engine's) as the MIP's first incumbent; HiGHS checks it
    if (isMip && o.start) model.setSolution({ colValue: o.start });
    const r = model.run();
    const status = STATUS[r.modelStatus] ?? String(r.modelStatus);
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
    return { status, objective, bound, colValue, ms: performance.now() - t0 };
  } finally {
    model.dispose();
  }
}
