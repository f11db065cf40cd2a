/**
 * The Lagrangian greedy: households in order of regret (best minus second-best reduced score
 * on their working set, ties broken at random), each to its best reduced-score municipality
 * that still has room (its full list when no working candidate fits), if that beats staying out.
 */
import { Primal } from '../primal.ts';
import { candidatePrice } from '../relaxation.ts';
import { type EngineState, timed } from './state.ts';

export function lagrangianGreedy(st: EngineState): Primal {
  return timed(st, 'greedy', () => {
    const P = new Primal(st.model);
    for (const h of regretOrder(st)) {
      const bp = bestFittingCandidate(st, P, h);
      if (bp >= 0 && st.model.cs[bp] + P.qDelta(st.model.cm[bp], st.model.size[h]) > -st.model.UP) P.move(h, bp);
    }
    return P;
  });
}

/** Households by decreasing regret on their working sets at the current multipliers. */
function regretOrder(st: EngineState): number[] {
  const { model, ws, lam, mu, regret, order, rand } = st;
  const { n, R, size, UP } = model;
  for (let h = 0; h < n; h++) {
    let b1 = -UP;
    let b2 = -UP;
    const c = ws.cnt[h];
    const sz = size[h];
    for (let q = 0; q < c; q++) {
      const w = h * ws.S + q;
      const v = ws.score[w] - candidatePrice(lam, mu, R, ws.muni[w], sz, ws.need, w * R);
      if (v > b1) {
        b2 = b1;
        b1 = v;
      } else if (v > b2) b2 = v;
    }
    regret[h] = b1 - b2 + 1e-6 * rand();
    order[h] = h;
  }
  return Array.from(order).sort((a, b) => regret[b] - regret[a]);
}

/** Household h's best reduced-score candidate position that fits in P, or −1. */
function bestFittingCandidate(st: EngineState, P: Primal, h: number): number {
  const { model, ws, lam, mu } = st;
  const { R, start, cm, cs, size, needC, needH } = model;
  const sz = size[h];
  let bp = -1;
  let bv = -Infinity;
  const c = ws.cnt[h];
  for (let q = 0; q < c; q++) {
    const w = h * ws.S + q;
    const j = ws.muni[w];
    const v = ws.score[w] - candidatePrice(lam, mu, R, j, sz, ws.need, w * R);
    if (v <= bv) continue;
    if (!ws.fits(P, w, j)) continue;
    bv = v;
    bp = ws.pos[w];
  }
  if (bp >= 0 || ws.complete[h]) return bp;
  // fall back to the full list
  const need = needC ?? needH;
  for (let p = start[h]; p < start[h + 1]; p++) {
    if (!P.fits(h, p)) continue;
    const v = cs[p] - candidatePrice(lam, mu, R, cm[p], sz, need, needC ? p * R : h * R);
    if (v > bv) {
      bv = v;
      bp = p;
    }
  }
  return bp;
}
