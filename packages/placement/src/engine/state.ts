/**
 * What runEngine's phases share: the model and options, the clock and random stream, the
 * working sets, the multipliers (current and best) with the relaxed solution's loads, the best
 * bound, and the primal side (current solution, best solution). One object, passed to every
 * phase, so that each phase says in its signature what it reads and the rest of the engine
 * sees what it changes.
 */
import { rng } from '../generator.ts';
import type { EngineOptions } from '../lagrangian.ts';
import type { Model } from '../model.ts';
import { Primal } from '../primal.ts';
import { WorkingSets } from './working-sets.ts';

/** Milliseconds spent per part, for the final log line. */
export interface PhaseTimes {
  work: number;
  full: number;
  greedy: number;
  ls: number;
}

export interface EngineState {
  readonly model: Model;
  readonly opts: EngineOptions;
  readonly now: () => number;
  readonly log: (msg: string) => void;
  readonly rand: () => number;
  readonly t0: number;
  readonly deadline: number;
  readonly totalMs: number;
  readonly ws: WorkingSets;
  readonly times: PhaseTimes;

  /** Current multipliers: λ per municipality and resource, μ per municipality. */
  readonly lam: Float64Array;
  readonly mu: Float64Array;
  /** The multipliers of the best full-instance bound. */
  readonly bestLam: Float64Array;
  readonly bestMu: Float64Array;
  /** The relaxed solution over the working sets at the current multipliers: loads and persons per municipality. */
  readonly relaxedLoad: Float64Array;
  readonly relaxedPersons: Float64Array;
  /** Best full-list candidate per household at the last pricing (−1 = unassigned). */
  readonly pricedBest: Int32Array;
  /** Best proven bound so far. */
  bestBound: number;
  /** Pruned candidates that joined a working set since the count was last reset. */
  added: number;
  iterations: number;
  fullEvals: number;

  /** The solution the pricing keeps in the working sets (the latest improving heuristic answer). */
  primal: Primal;
  bestObj: number;
  bestX: Int32Array;
  lsMoves: number;
  /** Scratch of the Lagrangian greedy: regret per household and the order it sorts. */
  readonly regret: Float64Array;
  readonly order: Int32Array;
}

const wallClock = () => performance.now();

export function createEngineState(model: Model, opts: EngineOptions): EngineState {
  const { n, m, R } = model;
  const now = opts.clock ?? wallClock;
  const log = opts.log ?? (() => {});
  const rand = rng(opts.seed);
  const t0 = now();
  return {
    model,
    opts,
    now,
    log,
    rand,
    t0,
    deadline: opts.deadline,
    totalMs: opts.deadline - t0,
    ws: new WorkingSets(model, Math.max(1, opts.K)),
    times: { work: 0, full: 0, greedy: 0, ls: 0 },
    lam: new Float64Array(m * R),
    mu: new Float64Array(m),
    bestLam: new Float64Array(m * R),
    bestMu: new Float64Array(m),
    relaxedLoad: new Float64Array(m * R),
    relaxedPersons: new Float64Array(m),
    pricedBest: new Int32Array(n),
    bestBound: Infinity,
    added: 0,
    iterations: 0,
    fullEvals: 0,
    primal: new Primal(model),
    bestObj: -Infinity,
    bestX: new Int32Array(n).fill(-1),
    lsMoves: 0,
    regret: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/** Runs fn and adds its duration to times[part]. */
export function timed<T>(st: EngineState, part: keyof PhaseTimes, fn: () => T): T {
  const t = st.now();
  try {
    return fn();
  } finally {
    st.times[part] += st.now() - t;
  }
}

/** Keeps P's assignment if it beats the best solution. */
export function record(st: EngineState, P: Primal): void {
  if (P.obj > st.bestObj + 1e-9) {
    st.bestObj = P.obj;
    st.bestX = P.x.slice();
  }
}

export const gapOf = (bound: number, obj: number) => (bound - obj) / Math.max(Math.abs(bound), 1e-9);

/** Relative gap between the best bound and the best solution. */
export const gap = (st: EngineState) => gapOf(st.bestBound, st.bestObj);

/** A bound rounded down when every score is an integer (no quotas), with a little slack for float noise. */
export function roundBound(st: EngineState, b: number): number {
  return st.model.integral ? Math.floor(b + 1e-7 * Math.max(1, Math.abs(b))) : b;
}

/** Keeps b and the current multipliers when b is a better bound. */
export function offerBound(st: EngineState, b: number): void {
  if (b < st.bestBound) {
    st.bestBound = b;
    st.bestLam.set(st.lam);
    st.bestMu.set(st.mu);
  }
}
