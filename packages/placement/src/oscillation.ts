/**
 * Strategic oscillation: a tabu search over shift and swap moves that may overfill capacities,
 * each unit of excess priced by an adaptive weight per resource (the idea of Díaz & Fernández,
 * "A tabu search heuristic for the generalized assignment problem", EJOR 2001). Feasible-only
 * moves cannot connect the good solutions of tightly packed instances (every place taken, whole
 * families); crossing the infeasible region between them can. The weights rise while the state
 * is infeasible and fall while it is feasible, so the search oscillates around the capacity
 * boundary. Only feasible states are ever recorded: the result is always feasible.
 */
import { rng } from './generator.ts';
import type { Model } from './model.ts';
import { findPos, Primal } from './primal.ts';

export interface OscillationOptions {
  /** performance.now() deadline (ms). */
  deadline: number;
  seed: number;
  /** Candidate positions of each household: pos[h·stride + q] for q < cnt[h]. */
  cand: { pos: Int32Array; cnt: Int32Array; stride: number };
  /** Households whose moves are scanned per iteration (a random window; all when ≥ n). */
  window?: number;
  /** Move evaluations per iteration that set the default window (20 000). */
  work?: number;
  /** Initial price of one unit of excess per municipality and resource (the capacity multipliers λ). */
  prices?: Float64Array;
  /** Stop after this many iterations without a new best feasible solution. */
  patience?: number;
  /** Clock the deadline is read on (default performance.now; tests pass a simulated one). */
  clock?: () => number;
}

export interface OscillationResult {
  /** Best feasible assignment met (candidate positions, −1 = unassigned). */
  x: Int32Array;
  objective: number;
  iterations: number;
  improvements: number;
}

const EPS = 1e-9;

export function oscillate(model: Model, start: Int32Array, o: OscillationOptions): OscillationResult {
  const { n, m, R, cm, cs, size, cap, UP, needC, needH, start: cStart } = model;
  const { pos, cnt, stride } = o.cand;
  const rand = rng(o.seed);
  const AF = 1.1; // weight change per iteration
  // floor of the initial weights, as a share of "one unit of need earns an average score"
  const ALPHA_INIT = o.prices ? 0.1 : 1;
  // swap partners tried per (household, municipality): a random run of members
  const swapCap = 16;
  const P = new Primal(model);
  for (let h = 0; h < n; h++) if (start[h] >= 0) P.move(h, start[h]);
  const needAt = (h: number, p: number, k: number) => (needC ? needC[p * R + k] : needH[h * R + k]);
  const exOf = (j: number, k: number, load: number) => {
    const c = cap[j * R + k];
    return load > c + EPS ? load - c : 0;
  };
  // total excess per resource
  const totEx = new Float64Array(R);
  for (let j = 0; j < m; j++) for (let k = 0; k < R; k++) totEx[k] += exOf(j, k, P.load[j * R + k]);
  const feasible = () => {
    for (let k = 0; k < R; k++) if (totEx[k] > EPS) return false;
    return true;
  };

  // weights per municipality and resource (a congested municipality learns a higher price),
  // starting from the capacity multipliers when given, and at least a share of what one unit
  // of need earns on average
  const alpha = new Float64Array(m * R);
  const alpha0 = new Float64Array(R);
  let maxS = 0; // largest |score|, for allowOut below
  {
    let sAbs = 0;
    const nd = new Float64Array(R);
    const nc = new Float64Array(R);
    for (let h = 0; h < n; h++) {
      for (let p = cStart[h]; p < cStart[h + 1]; p++) {
        const a = Math.abs(cs[p]);
        sAbs += a;
        if (a > maxS) maxS = a;
      }
      for (let k = 0; k < R; k++) {
        const v = needAt(h, cStart[h], k);
        if (v > 0) {
          nd[k] += v;
          nc[k]++;
        }
      }
    }
    const avgS = Math.max(1e-6, sAbs / Math.max(1, cStart[n]));
    for (let k = 0; k < R; k++) alpha0[k] = avgS / Math.max(1e-6, nc[k] > 0 ? nd[k] / nc[k] : 1);
    for (let j = 0; j < m; j++) for (let k = 0; k < R; k++) alpha[j * R + k] = Math.max(alpha0[k] * ALPHA_INIT, o.prices ? o.prices[j * R + k] : 0);
  }
  // moving a household out is a move only when leaving somebody unplaced can pay
  const allowOut = UP <= maxS;

  // Tabu list: the last iteration at which entering candidate position p is forbidden, in a
  // table of at most 2^20 slots addressed by p's low bits, with p kept to tell collisions
  // apart (a collision forgets the older entry: harmless for a heuristic). Up to 2^20 candidate
  // pairs this is a plain array; beyond, memory stays at 8 MB instead of growing with the pairs
  // (36 M, 144 MB, at 20 000 × 2 000). tabuOut[h]: same for "h unassigned".
  let slots = 1;
  while (slots < Math.min(cStart[n], 1 << 20)) slots <<= 1;
  const tabuMask = slots - 1;
  const tabuPos = new Int32Array(slots).fill(-1);
  const tabuUntil = new Int32Array(slots);
  const isTabu = (p: number): boolean => tabuPos[p & tabuMask] === p && tabuUntil[p & tabuMask] >= it;
  const setTabu = (p: number, until: number): void => {
    tabuPos[p & tabuMask] = p;
    tabuUntil[p & tabuMask] = until;
  };
  const tabuOut = new Int32Array(n);
  const tenureMin = Math.max(3, Math.round(Math.sqrt(n) * 0.5));
  const tenureSpan = Math.max(3, Math.round(Math.sqrt(n)));

  let bestObj = feasible() ? P.obj : -Infinity;
  let bestX = P.x.slice();
  let improvements = 0;
  // window: households scanned per iteration, so that an iteration costs about `work` move
  // evaluations (full neighbourhood on small instances, a rotating sample on large ones)
  let avgCand = 0;
  for (let h = 0; h < n; h++) avgCand += cnt[h];
  avgCand = Math.max(1, avgCand / Math.max(1, n));
  const avgMem = Math.min(swapCap, n / Math.max(1, m));
  const W = Math.max(1, Math.min(n, o.window ?? Math.round((o.work ?? 20000) / (avgCand * (1 + avgMem)))));
  const patience = o.patience ?? Infinity;
  const dEx = new Float64Array(R);
  let it = 0;
  let lastImp = 0;

  // move under evaluation / best move of the iteration
  let bKind = 0; // 0 none, 1 shift, 2 swap
  let bH = -1;
  let bP = -1;
  let bH2 = -1;
  let bQ2 = -1;
  let bVal = -Infinity;
  let bRand = 0;

  const clock = o.clock ?? (() => performance.now());
  while (it - lastImp < patience) {
    if (clock() > o.deadline) break;
    it++;
    bKind = 0;
    bVal = -Infinity;
    const h0 = W < n ? Math.floor(rand() * n) : 0;
    for (let t = 0; t < W; t++) {
      const h = h0 + t < n ? h0 + t : h0 + t - n;
      const cur = P.x[h];
      const a = cur >= 0 ? cm[cur] : -1;
      const sz = size[h];
      // leaving the current place
      let leaveObj = 0;
      if (a >= 0) leaveObj = -cs[cur] + P.qDelta(a, -sz);
      else leaveObj = UP;
      let leavePen = 0;
      if (a >= 0)
        for (let k = 0; k < R; k++) {
          const l = P.load[a * R + k];
          leavePen += alpha[a * R + k] * (exOf(a, k, l - needAt(h, cur, k)) - exOf(a, k, l));
        }
      const b0 = cnt[h];
      for (let q = 0; q < b0; q++) {
        const p = pos[h * stride + q];
        const b = cm[p];
        if (b === a) continue;
        // shift h → b
        let dObj = leaveObj + cs[p] + P.qDelta(b, sz);
        let pen = leavePen;
        for (let k = 0; k < R; k++) {
          const l = P.load[b * R + k];
          pen += alpha[b * R + k] * (exOf(b, k, l + needAt(h, p, k)) - exOf(b, k, l));
        }
        const val = dObj - pen;
        if (val > bVal || (val === bVal && rand() < 0.5)) {
          if (!isTabu(p) || (P.obj + dObj > bestObj + EPS && wouldBeFeasible(a, h, cur, b, p, -1, -1, -1))) {
            bKind = 1;
            bH = h;
            bP = p;
            bVal = val;
          }
        }
        // swap h ↔ h2 (h2 in b moves to a)
        if (a < 0) continue;
        const mem = P.members[b];
        const ml = mem.length;
        const span = ml < swapCap ? ml : swapCap;
        const i0 = ml > swapCap ? Math.floor(rand() * ml) : 0;
        for (let t2 = 0; t2 < span; t2++) {
          const h2 = mem[i0 + t2 < ml ? i0 + t2 : i0 + t2 - ml];
          const q2 = findPos(model, h2, a);
          if (q2 < 0) continue;
          const p2 = P.x[h2];
          const sz2 = size[h2];
          dObj = cs[p] - cs[cur] + cs[q2] - cs[p2];
          if (sz !== sz2) dObj += P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
          pen = 0;
          for (let k = 0; k < R; k++) {
            const la = P.load[a * R + k];
            const lb = P.load[b * R + k];
            pen +=
              alpha[a * R + k] * (exOf(a, k, la - needAt(h, cur, k) + needAt(h2, q2, k)) - exOf(a, k, la)) +
              alpha[b * R + k] * (exOf(b, k, lb - needAt(h2, p2, k) + needAt(h, p, k)) - exOf(b, k, lb));
          }
          const v2 = dObj - pen;
          if (v2 > bVal || (v2 === bVal && rand() < 0.5)) {
            if (!(isTabu(p) || isTabu(q2)) || (P.obj + dObj > bestObj + EPS && wouldBeFeasible(a, h, cur, b, p, h2, p2, q2))) {
              bKind = 2;
              bH = h;
              bP = p;
              bH2 = h2;
              bQ2 = q2;
              bVal = v2;
            }
          }
        }
      }
      // leave unplaced
      if (allowOut && a >= 0 && tabuOut[h] < it) {
        const val = leaveObj - UP - leavePen;
        if (val > bVal) {
          bKind = 1;
          bH = h;
          bP = -1;
          bVal = val;
        }
      }
    }
    if (bKind === 0) {
      // everything tabu: a random shift keeps the search moving
      const h = Math.floor(rand() * n);
      if (cnt[h] === 0) continue;
      bKind = 1;
      bH = h;
      bP = pos[h * stride + Math.floor(rand() * cnt[h])];
      if (bP === P.x[h]) continue;
    }
    bRand = tenureMin + Math.floor(rand() * tenureSpan);
    // apply
    if (bKind === 1) {
      const old = P.x[bH];
      applyMove(bH, bP);
      if (old >= 0) setTabu(old, it + bRand);
      else tabuOut[bH] = it + bRand;
    } else {
      const p1 = P.x[bH];
      const p2 = P.x[bH2];
      applyMove(bH2, -1);
      applyMove(bH, bP);
      applyMove(bH2, bQ2);
      setTabu(p1, it + bRand);
      setTabu(p2, it + bRand);
    }
    // weights follow feasibility: overfilled places get dearer, all get cheaper while feasible
    let feas = true;
    for (let k = 0; k < R; k++) if (totEx[k] > EPS) feas = false;
    if (!feas) {
      for (let j = 0; j < m; j++)
        for (let k = 0; k < R; k++)
          if (P.load[j * R + k] > cap[j * R + k] + EPS) alpha[j * R + k] = Math.min(alpha[j * R + k] * AF, alpha0[k] * 1e4);
    } else {
      for (let i = 0; i < m * R; i++) alpha[i] = Math.max(alpha[i] / AF, alpha0[i % R] * 1e-3);
      if (P.obj > bestObj + EPS) {
        bestObj = P.obj;
        bestX = P.x.slice();
        improvements++;
        lastImp = it;
      }
    }
  }
  return { x: bestX, objective: bestObj, iterations: it, improvements };

  function applyMove(h: number, p: number): void {
    const old = P.x[h];
    if (old >= 0) {
      const j = cm[old];
      for (let k = 0; k < R; k++) totEx[k] -= exOf(j, k, P.load[j * R + k]);
    }
    if (p >= 0) {
      const j = cm[p];
      if (old < 0 || cm[old] !== j) for (let k = 0; k < R; k++) totEx[k] -= exOf(j, k, P.load[j * R + k]);
    }
    P.move(h, p);
    if (old >= 0) {
      const j = cm[old];
      for (let k = 0; k < R; k++) totEx[k] += exOf(j, k, P.load[j * R + k]);
    }
    if (p >= 0) {
      const j = cm[p];
      if (old < 0 || cm[old] !== j) for (let k = 0; k < R; k++) totEx[k] += exOf(j, k, P.load[j * R + k]);
    }
    for (let k = 0; k < R; k++) if (totEx[k] < EPS) totEx[k] = 0;
  }

  /** Whether the state after the move would have no excess anywhere (aspiration test). */
  function wouldBeFeasible(a: number, h: number, cur: number, b: number, p: number, h2: number, p2: number, q2: number): boolean {
    for (let k = 0; k < R; k++) dEx[k] = totEx[k];
    for (let k = 0; k < R; k++) {
      if (a >= 0) {
        const la = P.load[a * R + k];
        const na = la - needAt(h, cur, k) + (h2 >= 0 ? needAt(h2, q2, k) : 0);
        dEx[k] += exOf(a, k, na) - exOf(a, k, la);
      }
      const lb = P.load[b * R + k];
      const nb = lb + needAt(h, p, k) - (h2 >= 0 ? needAt(h2, p2, k) : 0);
      dEx[k] += exOf(b, k, nb) - exOf(b, k, lb);
      if (dEx[k] > EPS) return false;
    }
    return true;
  }
}
