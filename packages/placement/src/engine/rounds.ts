/**
 * The primal side after the bound is settled: greedy and deep local search, the best solution
 * polished, then improvement rounds until the deadline, each from the best solution: strategic
 * oscillation through overfilled states (pays on tight capacities, e.g. generalized
 * assignment) and simulated annealing on feasible states (pays on loose capacities with quota
 * trade-offs). Each round the method that gained less gets a strike; after three strikes in a
 * row it sits out.
 */
import { oscillate } from '../oscillation.ts';
import { Primal } from '../primal.ts';
import { anneal } from './anneal.ts';
import { lagrangianGreedy } from './greedy.ts';
import { localSearch } from './local-search.ts';
import { type EngineState, gap, record } from './state.ts';

export function improvePrimal(st: EngineState): void {
  const { model, now, deadline } = st;
  const P = lagrangianGreedy(st);
  localSearch(st, P, 50, now() + (deadline - now()) / 4, true);
  record(st, P);
  const Q = Primal.from(model, st.bestX);
  localSearch(st, Q, 50, now() + (deadline - now()) / 3, true);
  record(st, Q);
  improvementRounds(st);
}

function improvementRounds(st: EngineState): void {
  const { now, deadline } = st;
  let round = 0;
  let oscStrikes = 0;
  let annStrikes = 0;
  while (now() < deadline - 5 && gap(st) > st.opts.gapTol) {
    round++;
    const runOsc = oscStrikes < 3;
    const runAnn = annStrikes < 3;
    const oscGain = runOsc ? oscillationRound(st, round, runAnn) : 0;
    const annGain = runAnn && now() < deadline - 5 && gap(st) > st.opts.gapTol ? annealingRound(st, round) : 0;
    if (runOsc && runAnn) {
      if (oscGain > annGain + 1e-9) {
        oscStrikes = 0;
        annStrikes++;
      } else if (annGain > oscGain + 1e-9) {
        annStrikes = 0;
        oscStrikes++;
      } else {
        oscStrikes++;
        annStrikes++;
      }
    } else if ((runOsc ? oscGain : annGain) <= 1e-9 && (runOsc ? ++oscStrikes : ++annStrikes) >= 6) {
      // the remaining method is stuck too: both get another chance
      oscStrikes = annStrikes = 0;
    }
  }
}

/** Strategic oscillation from the best solution, then local search; returns the gain. */
function oscillationRound(st: EngineState, round: number, annealingRuns: boolean): number {
  const { model, now, deadline, ws } = st;
  const left = deadline - now();
  // a short first probe: on loose instances annealing is the better use of the time
  const budget = Math.min(left, Math.max(100, left / (!annealingRuns ? 2 : round === 1 ? 8 : 3)));
  const before = st.bestObj;
  const r = oscillate(model, st.bestX, {
    deadline: now() + budget * 0.85,
    seed: st.opts.seed + round,
    cand: { pos: ws.pos, cnt: ws.cnt, stride: ws.S },
    prices: st.bestLam,
    clock: now,
  });
  const O = Primal.from(model, r.x);
  localSearch(st, O, 20, now() + budget * 0.15, true);
  record(st, O);
  st.log(`round ${round} oscillation: ${r.iterations} iterations → ${O.obj.toFixed(2)}, global ${st.bestObj.toFixed(2)}`);
  return st.bestObj - before;
}

/** Annealing from the best solution; its final state (a different basin) and, if better, its best state polished. Returns the gain. */
function annealingRound(st: EngineState, round: number): number {
  const { model, now, deadline } = st;
  const left = deadline - now();
  const budget = Math.min(left, Math.max(200, left / 2));
  const before = st.bestObj;
  const A = Primal.from(model, st.bestX);
  const r = anneal(st, A, now() + budget * 0.8, 0.5, 0.01);
  localSearch(st, A, 20, now() + budget * 0.1, true);
  record(st, A);
  if (r.bestObj > st.bestObj + 1e-9) {
    const B = Primal.from(model, r.best);
    localSearch(st, B, 20, now() + budget * 0.1, true);
    record(st, B);
  }
  st.log(`round ${round} annealing: ${r.moves} moves, final state → ${A.obj.toFixed(2)}, global ${st.bestObj.toFixed(2)}`);
  return st.bestObj - before;
}
