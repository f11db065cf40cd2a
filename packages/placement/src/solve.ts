import type { Highs } from 'highs';
import { solveAssignment, unitStructure } from './assignment.ts';
import { branchAndBound } from './branch.ts';
import { explainAll, finalState, unassignedReason } from './explain.ts';
import { searchSpaceLog10, solveExhaustive } from './exact.ts';
import { runArrays } from './highs-run.mjs';
import { buildHighsModel, highsPositions, highsStart } from './highs.ts';
import { type EngineResult, runEngine } from './lagrangian.ts';
import { lagrangianValue } from './relaxation.ts';
import { compile, type Model, modelObjective, quotaPenalty, restrictModel } from './model.ts';
import { shortageDual } from './shortage.ts';
import type { Instance, QuotaFulfilment, ResourceLoad, Result, SolveOptions } from './types.ts';
import { validateInstance } from './validate.ts';

/**
 * Up to this many households, the engine's answer is followed by an optimality proof: HiGHS's
 * MIP when the caller passes a loaded runtime (`hooks.highs`), else a Lagrangian
 * branch-and-bound. (HiGHS proves the demo's 30 households × 3 full municipalities optimal in
 * ~0.2 s; the branch-and-bound needs ~3 s there, its relaxation being 14 points weaker.)
 * Beyond, up to MIP_PAIRS candidate pairs (a regional batch: 300 households × 40
 * municipalities, say), HiGHS takes over from the engine after a third of the time: at 10 s,
 * gaps of 0.04–0.09 % where the engine alone ends at 0.13–0.49 %, with better answers.
 */
const SMALL_HOUSEHOLDS = 80;
/** Up to this many candidate pairs, HiGHS (when given) takes over from the engine after a third of the time. */
const MIP_PAIRS = 20_000;
/**
 * Larger runs, up to RESTRICTED_HOUSEHOLDS and given at least RESTRICTED_MS_PER_HOUSEHOLD of
 * time per household: after the engine's third, HiGHS's MIP on each household's
 * RESTRICTED_CANDIDATES best places by reduced score plus its current one (about 3 000 pairs
 * for 1 000 households). Its root alone takes seconds there, hence the time floor: on 1 000 ×
 * 400 it finds nothing better within 6.7 s, and in 20 s ends at 58 435.55 where the engine
 * alone reaches 58 389.63; on 1 000 × 100 with capacity at 0.9 × demand it places 3–4 more
 * families (38 → 35 or 34 left out; HiGHS on the whole instance: 34 after 240 s). Its bound is
 * not one of the whole instance and is not used.
 */
const RESTRICTED_HOUSEHOLDS = 1500;
const RESTRICTED_MS_PER_HOUSEHOLD = 15;
const RESTRICTED_CANDIDATES = 3;

/**
 * Whether `solve` would use HiGHS on this instance within this time limit (default: the
 * instance's own, else 10 s): load it (loadHighs) and pass it as `hooks.highs`.
 */
export function usesExactMip(
  instance: { households?: unknown[]; municipalities?: unknown[]; options?: { timeLimitSeconds?: number } },
  timeLimitSeconds = instance.options?.timeLimitSeconds ?? 10,
): boolean {
  const n = instance.households?.length ?? Infinity;
  return n <= SMALL_HOUSEHOLDS || n * (instance.municipalities?.length ?? Infinity) <= MIP_PAIRS || restrictedMipPays(n, timeLimitSeconds * 1000);
}

function restrictedMipPays(households: number, timeLimitMs: number): boolean {
  return households <= RESTRICTED_HOUSEHOLDS && timeLimitMs >= RESTRICTED_MS_PER_HOUSEHOLD * households;
}

export interface SolveHooks {
  /** Progress/diagnostic messages (default: none). */
  log?: (msg: string) => void;
  /**
   * A loaded HiGHS runtime (loadHighs()): small instances are then proven optimal by its MIP,
   * regional batches and national runs with the time for it improved by it (see usesExactMip).
   */
  highs?: Highs;
}

/**
 * Solves a placement instance. Validates the input (throws InstanceValidationError with
 * field paths), then dispatches: exact assignment (auction / shortest augmenting path) for
 * unit-demand instances, otherwise Lagrangian relaxation + primal heuristics.
 * `overrides` take precedence over `instance.options`.
 */
export function solve(input: Instance | unknown, overrides: SolveOptions = {}, hooks: SolveHooks = {}): Result {
  const t0 = performance.now();
  const inst = validateInstance(input);
  const opts: SolveOptions = { ...(inst.options ?? {}), ...overrides };
  const timeLimit = (opts.timeLimitSeconds ?? 10) * 1000;
  const model = compile(opts.unassignedPenalty !== undefined ? { ...inst, options: { ...inst.options, unassignedPenalty: opts.unassignedPenalty } } : inst);
  const log = hooks.log ?? (() => {});
  log(
    `compiled: ${model.n} households, ${model.m} municipalities, ${model.R} resources, ${model.start[model.n]} candidate pairs (${(performance.now() - t0).toFixed(0)} ms)`,
  );
  const ctx: SolveContext = {
    inst,
    opts,
    hooks,
    model,
    log,
    t0,
    timeLimit,
    deadline: t0 + timeLimit,
    gapTol: opts.gapTolerance ?? 1e-6,
    // time reserved for explanations and result building
    reserve: Math.min(0.1 * timeLimit, 5 + model.start[model.n] / 2e4),
  };
  const slots = opts.method === 'lagrangian' ? null : unitStructure(model);
  if (!slots && opts.method === 'assignment') throw new Error('method "assignment" requires unit needs on the capacity resources and no quota penalties');
  const answer = (slots && exactAssignment(ctx, slots)) || exhaustive(ctx) || generalCase(ctx);
  return finish(ctx, answer);
}

interface SolveContext {
  inst: Instance;
  opts: SolveOptions;
  hooks: SolveHooks;
  model: Model;
  log: (msg: string) => void;
  t0: number;
  timeLimit: number;
  deadline: number;
  gapTol: number;
  reserve: number;
}

/** What a solver path hands to the result: an assignment, a bound, multipliers for the explanations. */
interface Answer {
  xPos: Int32Array;
  bound: number;
  lam: Float64Array | null;
  mu: Float64Array | null;
  method: string;
  stats: Record<string, number | string>;
}

/** Unit-demand instances: exact assignment with a dual certificate (null if it stops). */
function exactAssignment(ctx: SolveContext, slots: Int32Array): Answer | null {
  const { model } = ctx;
  try {
    const r = solveAssignment(model, slots, ctx.deadline - ctx.reserve);
    const lam = new Float64Array(model.m * model.R);
    for (let j = 0; j < model.m; j++) for (let k = 0; k < model.R; k++) lam[j * model.R + k] = r.price[j];
    return { xPos: r.xPos, bound: r.bound, lam, mu: null, method: `assignment (${r.method}, exact with dual certificate)`, stats: {} };
  } catch (e) {
    ctx.log(`assignment solver stopped (${(e as Error).message}); falling back to Lagrangian`);
    return null;
  }
}

/** Tiny instances: exhaustive branch-and-bound (null if the search space is larger or it stops). */
function exhaustive(ctx: SolveContext): Answer | null {
  if ((ctx.opts.method ?? 'auto') !== 'auto' || searchSpaceLog10(ctx.model) > 6) return null;
  const r = solveExhaustive(ctx.model, Math.min(ctx.deadline - ctx.reserve, performance.now() + 0.25 * ctx.timeLimit));
  return r ? { xPos: r.xPos, bound: r.objective, lam: null, mu: null, method: 'exhaustive branch-and-bound (exact)', stats: {} } : null;
}

/** The general case's plan: which proof or improvement follows the engine. */
interface Plan {
  /** ≤ SMALL_HOUSEHOLDS: a tenth of the time (at most 0.5 s) for the engine, then an optimality proof. */
  small: boolean;
  /** A regional batch with HiGHS at hand: the engine for a third of the time, then HiGHS's MIP from its answer. */
  mid: boolean;
  /** A national run with the time for it: HiGHS on each household's few best places after the engine. */
  restricted: boolean;
}

/** The engine's answer, then what improves or proves it. */
interface GeneralState extends Answer {
  engine: EngineResult;
  /** Multipliers for the branch-and-bound (the shortage bound's when it is lower). */
  bbLam: Float64Array;
  bbMu: Float64Array;
  gapAfterEngine: number;
  best: { xPos: Int32Array; objective: number };
  /** Whether the engine resumes from the best answer (after HiGHS or the branch-and-bound, unless they proved optimality or ended at the deadline). */
  resume: boolean;
}

/** The Lagrangian engine, then (per plan) HiGHS or the branch-and-bound, then the engine again for the time left. */
function generalCase(ctx: SolveContext): Answer {
  const { model, opts, hooks } = ctx;
  const auto = (opts.method ?? 'auto') === 'auto';
  const small = auto && model.n <= SMALL_HOUSEHOLDS;
  const mid = auto && !small && !!hooks.highs && model.start[model.n] <= MIP_PAIRS;
  const restricted = auto && !small && !mid && !!hooks.highs && restrictedMipPays(model.n, ctx.timeLimit);
  const plan: Plan = { small, mid, restricted };
  const g = engineFirst(ctx, plan);
  if (restricted && g.gapAfterEngine > ctx.gapTol) restrictedMip(ctx, g);
  // (also when the gap is within the tolerance but not zero: the proof is cheap here)
  if ((small || mid) && g.gapAfterEngine > 1e-9) optimalityProof(ctx, g, mid);
  g.xPos = g.best.xPos;
  if (g.resume && performance.now() < ctx.deadline - ctx.reserve - 5) {
    const r2 = runEngine(model, { ...engineOptions(ctx), deadline: ctx.deadline - ctx.reserve, start: g.best.xPos });
    if (r2.objective > g.best.objective) g.xPos = r2.xPos;
    g.bound = Math.min(g.bound, r2.bound);
  }
  return g;
}

function engineOptions(ctx: SolveContext) {
  return { gapTol: ctx.gapTol, seed: ctx.opts.seed ?? 1, K: ctx.opts.candidateLimit ?? 32, log: ctx.log };
}

function engineFirst(ctx: SolveContext, plan: Plan): GeneralState {
  const { model, t0, timeLimit } = ctx;
  const engineEnd = plan.small ? t0 + Math.min(0.1 * timeLimit, 500) : plan.mid || plan.restricted ? t0 + timeLimit / 3 : ctx.deadline - ctx.reserve;
  const r = runEngine(model, { ...engineOptions(ctx), deadline: engineEnd });
  // a capacity shortage the relaxation does not see (shortage.ts): its own multipliers, when
  // one iteration is cheap, also guide the branch-and-bound
  const sd = shortageDual(model, r.lam, r.mu, r.objective, model.start[model.n] <= 1e5 ? 500 : 0);
  const bound = Math.min(r.bound, sd.bound);
  return {
    engine: r,
    xPos: r.xPos,
    lam: r.lam,
    mu: r.mu,
    bound,
    bbLam: sd.bound < r.bound ? sd.lam : r.lam,
    bbMu: sd.bound < r.bound ? sd.mu : r.mu,
    method: 'lagrangian (subgradient + knapsack bound; greedy, local search, oscillation, annealing)',
    stats: { iterations: r.iterations, fullPricings: r.fullEvals, localSearchMoves: r.lsMoves },
    gapAfterEngine: (bound - r.objective) / Math.max(Math.abs(bound), 1e-9),
    best: { xPos: r.xPos, objective: r.objective },
    resume: false,
  };
}

/** HiGHS's MIP on each household's RESTRICTED_CANDIDATES best places by reduced score and its own. */
function restrictedMip(ctx: SolveContext, g: GeneralState): void {
  const { model } = ctx;
  const sub = restrictModel(model, g.engine.lam, g.engine.mu, g.engine.xPos, RESTRICTED_CANDIDATES);
  const h = exactMip(sub.model, ctx.hooks.highs!, sub.xPos, ctx.deadline - ctx.reserve);
  ctx.log(`HiGHS MIP on ${sub.model.start[model.n]} candidate pairs: ${h.status}, best ${h.objective}`);
  const improved = !!h.xPos && h.objective > g.best.objective + 1e-9;
  if (improved) g.best = { xPos: Int32Array.from(h.xPos!, (q) => (q >= 0 ? sub.orig[q] : -1)), objective: h.objective };
  g.method += `; then HiGHS (MIP) on each household's ${RESTRICTED_CANDIDATES} best places by reduced score and its own${improved ? ', which improved the answer' : ''}`;
  g.stats.restrictedMip = h.status;
  g.resume = true;
}

/** HiGHS's MIP (when given) or the Lagrangian branch-and-bound from the engine's answer: optimal, or a better answer and bound. */
function optimalityProof(ctx: SolveContext, g: GeneralState, mid: boolean): void {
  const { model } = ctx;
  const proofEnd = mid ? ctx.deadline - ctx.reserve : Math.min(ctx.deadline - ctx.reserve, performance.now() + 0.5 * ctx.timeLimit);
  g.resume = true;
  if (ctx.hooks.highs) {
    const h = exactMip(model, ctx.hooks.highs, g.engine.xPos, proofEnd);
    ctx.log(`HiGHS MIP: ${h.status}, best ${h.objective}, bound ${h.bound}`);
    if (h.xPos && h.objective > g.best.objective) g.best = { xPos: h.xPos, objective: h.objective };
    if (h.status === 'optimal' && h.xPos) {
      g.resume = false;
      g.bound = h.objective;
      g.method += '; optimality proven by HiGHS (MIP)';
    } else {
      if (h.bound !== null) g.bound = Math.min(g.bound, h.bound);
      g.method += `; then HiGHS (MIP) from its answer${h.xPos && h.objective > g.engine.objective ? ', which improved it' : ''}`;
    }
    return;
  }
  const b = branchAndBound(model, g.bbLam, g.bbMu, g.best, proofEnd);
  g.stats.branchNodes = b.nodes;
  ctx.log(`branch-and-bound: ${b.nodes} nodes, ${b.complete ? 'complete' : 'stopped at its time share'}, best ${b.objective}`);
  g.best = b;
  if (b.complete) {
    g.resume = false;
    g.bound = b.objective;
    g.method += '; optimality proven by branch-and-bound';
  }
}

/** Final insertion pass, the objective recomputed from the assignment, the bound checked against it, the result built. */
function finish(ctx: SolveContext, a: Answer): Result {
  const { model, log } = ctx;
  // final insertion pass over the full candidate lists (never worsens the objective)
  let st = finalState(model, a.xPos, a.lam, a.mu);
  insertionPass(model, st);
  st = finalState(model, st.xPos, a.lam, a.mu);
  const objective = modelObjective(model, st.xPos);
  // the bound is valid by construction; tiny float noise is absorbed here
  let bound = a.bound;
  if (bound < objective) {
    if (objective - bound > 1e-6 * Math.max(1, Math.abs(objective))) {
      // should never happen; recompute a certainly valid bound at zero multipliers
      log(`warning: bound ${bound} below objective ${objective}; recomputing`);
      bound = Math.max(objective, lagrangianValue(model, new Float64Array(model.m * model.R), new Float64Array(model.m)));
    } else bound = objective;
  }
  const gap = Math.max(0, (bound - objective) / Math.max(Math.abs(bound), 1e-9));
  return buildResult(ctx.inst, model, st, {
    objective,
    bound,
    gap,
    method: a.method,
    stats: a.stats,
    t0: ctx.t0,
    explain: ctx.opts.explain ?? true,
    optimal: gap <= 1e-9,
  });
}

/**
 * HiGHS's MIP of a model (the whole instance, or a restricted copy), started from the engine's
 * solution, until `end`. Its answer is kept only if it fits every capacity by this package's
 * own tolerance.
 */
function exactMip(
  model: Model,
  highs: Highs,
  start: Int32Array,
  end: number,
): { status: string; xPos: Int32Array | null; objective: number; bound: number | null } {
  const seconds = Math.max(0.05, (end - performance.now()) / 1000);
  let r: ReturnType<typeof runArrays>;
  try {
    r = runArrays(highs, buildHighsModel(model), { timeLimitSeconds: seconds, start: highsStart(model, start) });
  } catch (e) {
    // (the engine's answer stands, and it resumes for the rest of the time)
    return { status: `error: ${(e as Error).message}`, xPos: null, objective: -Infinity, bound: null };
  }
  if (!r.colValue) return { status: r.status, xPos: null, objective: -Infinity, bound: r.bound };
  const xPos = highsPositions(model, r.colValue);
  const { load } = finalState(model, xPos, null, null);
  for (let i = 0; i < load.length; i++)
    if (load[i] > model.cap[i] + 1e-9)
      return { status: `${r.status} (over capacity by HiGHS's tolerance: not used)`, xPos: null, objective: -Infinity, bound: r.bound };
  return { status: r.status, xPos, objective: modelObjective(model, xPos), bound: r.bound };
}

/** Inserts unassigned households wherever a full-list candidate has room and improves the objective. */
function insertionPass(model: Model, st: ReturnType<typeof finalState>): void {
  const { n, R, start, cm, cs, cap, needC, needH, size, UP } = model;
  for (let h = 0; h < n; h++) {
    if (st.xPos[h] >= 0) continue;
    let bp = -1;
    let bv = -UP + 1e-9;
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      let ok = true;
      for (let k = 0; k < R; k++)
        if (st.load[j * R + k] + (needC ? needC[p * R + k] : needH[h * R + k]) > cap[j * R + k] + 1e-9) {
          ok = false;
          break;
        }
      if (!ok) continue;
      const v = cs[p] - (quotaPenalty(model, j, st.persons[j] + size[h]) - quotaPenalty(model, j, st.persons[j]));
      if (v > bv) {
        bv = v;
        bp = p;
      }
    }
    if (bp >= 0) {
      const j = cm[bp];
      st.xPos[h] = bp;
      st.x[h] = j;
      for (let k = 0; k < R; k++) st.load[j * R + k] += needC ? needC[bp * R + k] : needH[h * R + k];
      st.persons[j] += size[h];
    }
  }
}

function buildResult(
  inst: Instance,
  model: Model,
  st: ReturnType<typeof finalState>,
  o: { objective: number; bound: number; gap: number; method: string; stats: Record<string, number | string>; t0: number; explain: boolean; optimal: boolean },
): Result {
  const { n, m, R, resources, muniIds, hhIds, cap } = model;
  const assignments: Result['assignments'] = [];
  const unassigned: Result['unassigned'] = [];
  for (let h = 0; h < n; h++) {
    if (st.xPos[h] >= 0) assignments.push({ household: hhIds[h], municipality: muniIds[st.x[h]], score: model.cs[st.xPos[h]] });
    else unassigned.push({ household: hhIds[h], ...unassignedReason(inst, model, st, h) });
  }
  const loads: Record<string, Record<string, ResourceLoad>> = {};
  const quota: Record<string, QuotaFulfilment> = {};
  for (let j = 0; j < m; j++) {
    const l: Record<string, ResourceLoad> = {};
    for (let k = 0; k < R; k++) l[resources[k]] = { used: Math.round(st.load[j * R + k] * 1e9) / 1e9, capacity: cap[j * R + k] };
    loads[muniIds[j]] = l;
    const mu = inst.municipalities[j];
    const hasQ = mu.quota !== undefined;
    const tol = mu.quotaTolerance ?? 0;
    quota[muniIds[j]] = {
      persons: st.persons[j],
      quota: hasQ ? mu.quota! : null,
      lower: hasQ ? mu.quota! * (1 - tol) : null,
      upper: hasQ ? mu.quota! * (1 + tol) : null,
      penalty: quotaPenalty(model, j, st.persons[j]),
    };
  }
  const explanations = o.explain ? explainAll(inst, model, st) : [];
  return {
    assignments,
    unassigned,
    objective: o.objective,
    bound: o.bound,
    gap: o.gap,
    status: o.optimal ? 'optimal' : 'feasible',
    solveMs: Math.round(performance.now() - o.t0),
    method: o.method,
    loads,
    quota,
    explanations,
    stats: { ...o.stats, candidatePairs: model.start[model.n] },
  };
}
