/**
 * General-case engine: Lagrangian relaxation of capacity and quota constraints, solved by a
 * projected, deflected (Polyak-step) subgradient method on a working candidate set with
 * periodic full pricing (so the reported bound is always valid for the full instance), a
 * Lagrangian greedy primal heuristic (regret order on reduced scores), local search on the
 * true objective (shift, swap, ejection chains of length 2, and a 2-in/1-out packing move)
 * and improvement rounds (strategic oscillation, simulated annealing) for the remaining time.
 * After the subgradient phase the bound is strengthened by per-municipality integer knapsacks
 * (knapsack.ts) with a few subgradient steps on the household multipliers.
 *
 * runEngine runs the phases in order; each lives in engine/ and works on one EngineState
 * (engine/state.ts). The relaxation's arithmetic is in relaxation.ts.
 */
import { Primal } from './primal.ts';
import type { Model } from './model.ts';
import { strengthenWithKnapsacks } from './engine/knapsack-steps.ts';
import { lagrangianGreedy } from './engine/greedy.ts';
import { localSearch } from './engine/local-search.ts';
import { improvePrimal } from './engine/rounds.ts';
import { createEngineState, type EngineState, gap, record, roundBound } from './engine/state.ts';
import { evalFull, restoreBestMultipliers, Subgradient } from './engine/subgradient.ts';

export interface EngineOptions {
  /** Deadline (ms) on the clock below. */
  deadline: number;
  gapTol: number;
  seed: number;
  /** Working candidates per household. */
  K: number;
  /** Initial solution (candidate positions or -1), optional. */
  start?: Int32Array;
  log?: (msg: string) => void;
  /**
   * Clock every time budget is read on (default performance.now). The golden test passes a
   * simulated clock so that a run is reproducible to the last bit.
   */
  clock?: () => number;
}

export interface EngineResult {
  xPos: Int32Array;
  objective: number;
  bound: number;
  lam: Float64Array;
  mu: Float64Array;
  iterations: number;
  fullEvals: number;
  lsMoves: number;
}

export function runEngine(model: Model, opts: EngineOptions): EngineResult {
  const st = createEngineState(model, opts);
  initialSolution(st);
  initialBound(st);
  new Subgradient(st).run();
  st.log(
    `subgradient: ${st.iterations} iterations, ${st.fullEvals} full evaluations, bound ${st.bestBound}, best ${st.bestObj}, ${(st.now() - st.t0).toFixed(0)} ms`,
  );
  restoreBestMultipliers(st);
  st.log(`knapsack bound: ${strengthenWithKnapsacks(st)}`);
  if (gap(st) > opts.gapTol) improvePrimal(st);
  const { times } = st;
  st.log(
    `final: objective ${st.bestObj}, bound ${st.bestBound}, ls moves ${st.lsMoves}; ms working ${times.work.toFixed(0)} full ${times.full.toFixed(0)} greedy ${times.greedy.toFixed(0)} ls ${times.ls.toFixed(0)}`,
  );
  return {
    xPos: st.bestX,
    objective: st.bestObj,
    bound: st.bestBound,
    lam: st.bestLam,
    mu: st.bestMu,
    iterations: st.iterations,
    fullEvals: st.fullEvals,
    lsMoves: st.lsMoves,
  };
}

/** The caller's start, or the Lagrangian greedy at zero multipliers, improved by three passes of local search. */
function initialSolution(st: EngineState): void {
  if (st.opts.start) st.primal = Primal.from(st.model, st.opts.start);
  else st.primal = lagrangianGreedy(st);
  localSearch(st, st.primal, 3, st.t0 + (st.deadline - st.t0) * 0.1);
  record(st, st.primal);
}

/** L(0, 0) over the full lists (and the first column generation). */
function initialBound(st: EngineState): void {
  st.bestBound = roundBound(st, evalFull(st));
  st.bestLam.set(st.lam);
  st.bestMu.set(st.mu);
  st.fullEvals = 1;
}
