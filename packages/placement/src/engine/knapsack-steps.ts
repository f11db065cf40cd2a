/**
 * Knapsack strengthening of the bound at the best multipliers (integer packing and the exact
 * quota penalty per municipality, knapsack.ts; never above L(λ, μ)), then a few subgradient
 * steps on the household multipliers π_h = v_h + UP, each re-solving every knapsack.
 */
import { knapsackBound, type KnapsackBoundResult } from '../knapsack.ts';
import { type EngineState, gap, roundBound } from './state.ts';

const NODE_LIMIT = 20000;
const MAX_STEPS = 200;

/** Lowers st.bestBound when the knapsacks prove a better bound; returns a line for the log. */
export function strengthenWithKnapsacks(st: EngineState): string {
  if (!(gap(st) > st.opts.gapTol)) return 'not run';
  const { now } = st;
  const tk = now();
  const kb = knapsackBound(st.model, st.bestLam, st.bestMu, NODE_LIMIT, tk + Math.max(20, 0.12 * st.totalMs), 64, undefined, now);
  if (!kb) return 'skipped (too many items)';
  const b = roundBound(st, kb.bound);
  const info = `${kb.solved} municipalities solved, ${kb.fallback} kept their Lagrangian term, ${b.toFixed(4)} (${(now() - tk).toFixed(0)} ms)`;
  if (b < st.bestBound) st.bestBound = b;
  const steps = householdMultiplierSteps(st, kb);
  return `${info}; ${steps} π-steps → ${st.bestBound.toFixed(4)}`;
}

/**
 * Subgradient on π (g_h = 1 − #knapsacks choosing h, Polyak step towards the best primal
 * value, step halved and π reset to the best on a step that does not help), within 15 % of
 * the time budget; returns the number of steps.
 */
function householdMultiplierSteps(st: EngineState, kb: KnapsackBoundResult): number {
  const { model, now, totalMs } = st;
  const { n, UP } = model;
  const kpDeadline = now() + 0.15 * totalMs;
  let v = kb.v.slice();
  let bestV = v;
  let chosen = kb.chosen;
  let cur = kb.bound;
  let th = 0.5;
  let steps = 0;
  while (now() < kpDeadline && gap(st) > st.opts.gapTol && steps < MAX_STEPS) {
    let norm2 = 0;
    for (let h = 0; h < n; h++) {
      const g = 1 - chosen[h];
      if (g > 0 && v[h] <= -UP) continue;
      norm2 += g * g;
    }
    if (norm2 === 0) break;
    const t = (th * Math.max(cur - st.bestObj, 1e-9 * Math.abs(cur))) / norm2;
    const nv = new Float64Array(n);
    for (let h = 0; h < n; h++) nv[h] = Math.max(-UP, v[h] - t * (1 - chosen[h]));
    const r2 = knapsackBound(model, st.bestLam, st.bestMu, NODE_LIMIT, kpDeadline + 0.02 * totalMs, 64, nv, now);
    steps++;
    if (!r2) break;
    if (r2.bound < cur) {
      cur = r2.bound;
      v = nv;
      bestV = nv;
      chosen = r2.chosen;
      const b2 = roundBound(st, r2.bound);
      if (b2 < st.bestBound) st.bestBound = b2;
    } else {
      th *= 0.5;
      v = bestV;
    }
  }
  return steps;
}
