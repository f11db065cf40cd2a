/**
 * General-case engine: Lagrangian relaxation of capacity and quota constraints, solved by a
 * projected, deflected (Polyak-step) subgradient method on a working candidate set with
 * periodic full pricing (so the reported bound is always valid for the full instance), a
 * Lagrangian greedy primal heuristic (regret order on reduced scores), local search on the
 * true objective (shift, swap, ejection chains of length 2, and a 2-in/1-out packing move)
 * and simulated-annealing rounds for the remaining time. After the subgradient phase the bound
 * is strengthened by per-municipality integer knapsacks (knapsack.ts) with a few subgradient
 * steps on the household multipliers.
 */
import { rng } from './generator.ts';
import { knapsackBound } from './knapsack.ts';
import { type Model, quotaPenalty } from './model.ts';
import { oscillate } from './oscillation.ts';
import { findPos, Primal } from './primal.ts';

export interface EngineOptions {
  /** performance.now() deadline (ms). */
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

const wallClock = () => performance.now();

/** Value of the Lagrangian dual term of quota j at multiplier mu. */
function quotaDualTerm(model: Model, j: number, mu: number): number {
  return mu >= 0 ? mu * (model.qU[j] === Infinity ? 0 : model.qU[j]) : mu * model.qL[j];
}

/**
 * Full-instance Lagrangian value L(lam, mu) = Σ_h max(−UP, max_j s_hj − price_hj) + Σ lam·cap
 * + Σ_j quota term. A valid upper bound for any lam ≥ 0 and mu ∈ [−pen, pen].
 * Optionally reports, per household, the best candidate position (−1 = unassigned).
 */
export function lagrangianValue(model: Model, lam: Float64Array, mu: Float64Array, best?: Int32Array): number {
  const { n, m, R, start, cm, cs, needH, needC, size, cap, UP } = model;
  const need = needC ?? needH;
  let total = 0;
  for (let h = 0; h < n; h++) {
    let bv = -UP;
    let bp = -1;
    const sz = size[h];
    const e = start[h + 1];
    for (let p = start[h]; p < e; p++) {
      const j = cm[p];
      const nb = needC ? p * R : h * R;
      let price = mu[j] * sz;
      const lb = j * R;
      for (let k = 0; k < R; k++) price += lam[lb + k] * need[nb + k];
      const v = cs[p] - price;
      if (v > bv) {
        bv = v;
        bp = p;
      }
    }
    total += bv;
    if (best) best[h] = bp;
  }
  for (let i = 0; i < m * R; i++) total += lam[i] * cap[i];
  if (model.hasQuota) for (let j = 0; j < m; j++) if (model.qPen[j] > 0) total += quotaDualTerm(model, j, mu[j]);
  return total;
}

export function runEngine(model: Model, opts: EngineOptions): EngineResult {
  const { n, m, R, start, cm, cs, needH, needC, size, cap, UP, qPen } = model;
  const need = needC ?? needH;
  const now = opts.clock ?? wallClock;
  const log = opts.log ?? (() => {});
  const tm = { work: 0, full: 0, greedy: 0, ls: 0 };
  const rand = rng(opts.seed);
  const t0 = now();
  const deadline = opts.deadline;

  // ---- working candidate sets: top-K by score, stride S ----
  const K = Math.max(1, opts.K);
  const S = K + Math.max(8, K >> 1);
  const wPos = new Int32Array(n * S);
  const wCnt = new Int32Array(n);
  const complete = new Uint8Array(n);
  let allComplete = true;
  {
    let tmp = new Float64Array(64);
    for (let h = 0; h < n; h++) {
      const s0 = start[h];
      const deg = start[h + 1] - s0;
      if (deg <= S) {
        for (let q = 0; q < deg; q++) wPos[h * S + q] = s0 + q;
        wCnt[h] = deg;
        complete[h] = 1;
        continue;
      }
      allComplete = false;
      if (tmp.length < deg) tmp = new Float64Array(deg);
      const view = tmp.subarray(0, deg);
      view.set(cs.subarray(s0, s0 + deg));
      view.sort();
      const thr = view[deg - K];
      let c = 0;
      for (let p = s0; p < s0 + deg && c < K; p++) if (cs[p] > thr) wPos[h * S + c++] = p;
      for (let p = s0; p < s0 + deg && c < K; p++) if (cs[p] === thr) wPos[h * S + c++] = p;
      wCnt[h] = c;
    }
  }

  // order each working set by decreasing score (local search tries preferred municipalities first)
  {
    const tmpP: number[] = [];
    for (let h = 0; h < n; h++) {
      const c = wCnt[h];
      tmpP.length = 0;
      for (let q = 0; q < c; q++) tmpP.push(wPos[h * S + q]);
      tmpP.sort((x, y) => cs[y] - cs[x]);
      for (let q = 0; q < c; q++) wPos[h * S + q] = tmpP[q];
    }
  }
  // contiguous copies of the working candidates' municipality, score and needs (cache-friendly)
  const wM = new Int32Array(n * S);
  const wS = new Float64Array(n * S);
  const wN = new Float64Array(n * S * R);
  const setSlot = (h: number, q: number, p: number): void => {
    const w = h * S + q;
    wPos[w] = p;
    wM[w] = cm[p];
    wS[w] = cs[p];
    for (let k = 0; k < R; k++) wN[w * R + k] = needC ? needC[p * R + k] : needH[h * R + k];
  };
  for (let h = 0; h < n; h++) for (let q = 0; q < wCnt[h]; q++) setSlot(h, q, wPos[h * S + q]);
  /** Whether working slot w's household fits in municipality j of P (its need there: wN[w]). */
  const fitsSlot = (P: Primal, w: number, j: number): boolean => {
    for (let k = 0; k < R; k++) if (P.load[j * R + k] + wN[w * R + k] > cap[j * R + k] + 1e-9) return false;
    return true;
  };
  const lam = new Float64Array(m * R);
  const mu = new Float64Array(m);
  const bestLam = new Float64Array(m * R);
  const bestMu = new Float64Array(m);
  const choice = new Int32Array(n);
  const loadL = new Float64Array(m * R);
  const persL = new Float64Array(m);
  const red1 = new Float64Array(n);
  const red2 = new Float64Array(n);

  /** The multiplier-only part of L(λ, μ): Σ λ·c plus the quota terms. */
  const constTerm = (): number => {
    let t = 0;
    for (let i = 0; i < m * R; i++) t += lam[i] * cap[i];
    if (model.hasQuota) for (let j = 0; j < m; j++) if (qPen[j] > 0) t += quotaDualTerm(model, j, mu[j]);
    return t;
  };

  /** Lagrangian over the working sets; fills choice/loadL/persL. */
  const evalWorking = (): number => {
    const _t = now();
    try {
      return evalWorking0();
    } finally {
      tm.work += now() - _t;
    }
  };
  const evalWorking0 = (): number => {
    loadL.fill(0);
    persL.fill(0);
    let total = 0;
    for (let h = 0; h < n; h++) {
      let bv = -UP;
      let bp = -1;
      const sz = size[h];
      const c = wCnt[h];
      const wb = h * S;
      for (let q = 0; q < c; q++) {
        const w = wb + q;
        const j = wM[w];
        let price = mu[j] * sz;
        const lb = j * R;
        const nb = w * R;
        for (let k = 0; k < R; k++) price += lam[lb + k] * wN[nb + k];
        const v = wS[w] - price;
        if (v > bv) {
          bv = v;
          bp = w;
        }
      }
      total += bv;
      if (bp >= 0) bp = wPos[bp];
      choice[h] = bp;
      if (bp >= 0) {
        const j = cm[bp];
        const nb = needC ? bp * R : h * R;
        for (let k = 0; k < R; k++) loadL[j * R + k] += need[nb + k];
        persL[j] += sz;
      }
    }
    return total + constTerm();
  };

  /** Full pricing: valid bound; adds improving pruned candidates to the working sets. */
  let added = 0;
  const evalFull = (): number => {
    const _t = now();
    try {
      return evalFull0();
    } finally {
      tm.full += now() - _t;
    }
  };
  const bestPos = new Int32Array(n);
  const evalFull0 = (): number => {
    // the reported bound: L(λ, μ) over every allowed pair
    const total = lagrangianValue(model, lam, mu, bestPos);
    // column generation: a pruned municipality that beats the working set joins it
    for (let h = 0; h < n; h++) {
      const bp = bestPos[h];
      if (complete[h] || bp < 0) continue;
      const sz = size[h];
      const wb = h * S;
      const c = wCnt[h];
      let present = false;
      let worst = -1;
      let worstV = Infinity;
      for (let q = 0; q < c; q++) {
        const p = wPos[wb + q];
        if (p === bp) {
          present = true;
          break;
        }
        const j = cm[p];
        const nb = needC ? p * R : h * R;
        let price = mu[j] * sz;
        for (let k = 0; k < R; k++) price += lam[j * R + k] * need[nb + k];
        const v = cs[p] - price;
        if (v < worstV && p !== primal.x[h]) {
          worstV = v;
          worst = q;
        }
      }
      if (!present) {
        added++;
        if (c < S) {
          setSlot(h, c, bp);
          wCnt[h] = c + 1;
        } else if (worst >= 0) setSlot(h, worst, bp);
      }
    }
    return total;
  };

  // ---- primal side ----
  let primal = new Primal(model);
  let bestObj = -Infinity;
  let bestX = new Int32Array(n).fill(-1);
  let lsMoves = 0;
  const order = new Int32Array(n);

  const record = (P: Primal): void => {
    if (P.obj > bestObj + 1e-9) {
      bestObj = P.obj;
      bestX = P.x.slice();
    }
  };

  /** Greedy by regret on reduced scores (using current lam/mu), respecting capacities. */
  const greedy = (): Primal => {
    const _t = now();
    try {
      return greedy0();
    } finally {
      tm.greedy += now() - _t;
    }
  };
  const greedy0 = (): Primal => {
    const P = new Primal(model);
    for (let h = 0; h < n; h++) {
      let b1 = -UP;
      let b2 = -UP;
      const c = wCnt[h];
      const sz = size[h];
      for (let q = 0; q < c; q++) {
        const w = h * S + q;
        const j = wM[w];
        let price = mu[j] * sz;
        for (let k = 0; k < R; k++) price += lam[j * R + k] * wN[w * R + k];
        const v = wS[w] - price;
        if (v > b1) {
          b2 = b1;
          b1 = v;
        } else if (v > b2) b2 = v;
      }
      red1[h] = b1;
      red2[h] = b1 - b2 + 1e-6 * rand();
      order[h] = h;
    }
    const ord = Array.from(order).sort((a, b) => red2[b] - red2[a]);
    for (const h of ord) {
      const sz = size[h];
      let bp = -1;
      let bv = -Infinity;
      const c = wCnt[h];
      for (let q = 0; q < c; q++) {
        const w = h * S + q;
        const j = wM[w];
        let price = mu[j] * sz;
        for (let k = 0; k < R; k++) price += lam[j * R + k] * wN[w * R + k];
        const v = wS[w] - price;
        if (v <= bv) continue;
        if (!fitsSlot(P, w, j)) continue;
        bv = v;
        bp = wPos[w];
      }
      if (bp < 0 && !complete[h]) {
        // fall back to the full list
        for (let p = start[h]; p < start[h + 1]; p++) {
          if (!P.fits(h, p)) continue;
          const j = cm[p];
          const nb = needC ? p * R : h * R;
          let price = mu[j] * sz;
          for (let k = 0; k < R; k++) price += lam[j * R + k] * need[nb + k];
          const v = cs[p] - price;
          if (v > bv) {
            bv = v;
            bp = p;
          }
        }
      }
      if (bp >= 0 && cs[bp] + P.qDelta(cm[bp], sz) > -UP) P.move(h, bp);
    }
    return P;
  };

  /** Local search: shift, swap and ejection moves until no improvement or deadline. */
  const localSearch = (P: Primal, maxPasses: number, stopAt: number, deep = false): void => {
    const _t = now();
    try {
      localSearch0(P, maxPasses, stopAt, deep);
    } finally {
      tm.ls += now() - _t;
    }
  };
  const localSearch0 = (P: Primal, maxPasses: number, stopAt: number, deep: boolean): void => {
    const maxB = deep ? 12 : 6;
    const maxMem = deep ? 40 : 16;
    const cStamp = new Int32Array(n).fill(-1);
    const cV = new Float64Array(n * 3);
    const cP = new Int32Array(n * 3);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let pass = 0; pass < maxPasses; pass++) {
      for (let i = n - 1; i > 0; i--) {
        const k = Math.floor(rand() * (i + 1));
        const t = perm[i];
        perm[i] = perm[k];
        perm[k] = t;
      }
      let improved = 0;
      for (let ii = 0; ii < n; ii++) {
        if ((ii & 255) === 0 && now() > stopAt) return;
        const h = perm[ii];
        const cur = P.x[h];
        const a = cur >= 0 ? cm[cur] : -1;
        const sz = size[h];
        const curVal = cur >= 0 ? cs[cur] : -UP;
        const remQ = a >= 0 ? P.qDelta(a, -sz) : 0;
        // shift (including to unassigned)
        let bestD = 1e-9;
        let bestP = -2;
        if (cur >= 0) {
          const d = -UP - curVal + remQ;
          if (d > bestD) {
            bestD = d;
            bestP = -1;
          }
        }
        const c = wCnt[h];
        for (let q = 0; q < c; q++) {
          const w = h * S + q;
          const b = wM[w];
          if (b === a) continue;
          const d0 = wS[w] - curVal + remQ + (qPen[b] > 0 ? P.qDelta(b, sz) : 0);
          if (d0 <= bestD) continue;
          if (!fitsSlot(P, w, b)) continue;
          bestD = d0;
          bestP = wPos[w];
        }
        if (bestP !== -2) {
          P.move(h, bestP);
          improved++;
          continue;
        }
        // swap with a member of a candidate municipality, or eject that member elsewhere
        let bestKind = 0;
        let bh2 = -1;
        let bq1 = -1; // new pos for h
        let bq2 = -1; // new pos for h2
        let bTried = 0;
        for (let q = 0; q < c && bTried < maxB; q++) {
          const p = wPos[h * S + q];
          const b = cm[p];
          if (b === a) continue;
          const gain1 = cs[p] - curVal;
          // only candidates the household strictly prefers (quota-driven moves are shifts)
          if (gain1 <= 0) continue;
          bTried++;
          const mem = P.members[b];
          const ml = mem.length;
          const lim = ml < maxMem ? ml : maxMem;
          const off = ml <= maxMem ? 0 : Math.floor(rand() * ml);
          for (let tt = 0; tt < lim; tt++) {
            let t = off + tt;
            if (t >= ml) t -= ml;
            const h2 = mem[t];
            const p2 = P.x[h2];
            // capacity at b after h2 leaves and h arrives
            let ok = true;
            for (let k = 0; k < R; k++) {
              const nh = needC ? needC[p * R + k] : needH[h * R + k];
              const n2 = needC ? needC[p2 * R + k] : needH[h2 * R + k];
              if (P.load[b * R + k] - n2 + nh > cap[b * R + k] + 1e-9) {
                ok = false;
                break;
              }
            }
            if (!ok) continue;
            const sz2 = size[h2];
            // (i) swap: h2 goes to a
            if (a >= 0) {
              const q2 = findPos(model, h2, a);
              if (q2 >= 0) {
                let ok2 = true;
                for (let k = 0; k < R; k++) {
                  const nh = needC ? needC[cur * R + k] : needH[h * R + k];
                  const n2 = needC ? needC[q2 * R + k] : needH[h2 * R + k];
                  if (P.load[a * R + k] - nh + n2 > cap[a * R + k] + 1e-9) {
                    ok2 = false;
                    break;
                  }
                }
                if (ok2) {
                  const dq = P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
                  const d = gain1 + cs[q2] - cs[p2] + dq;
                  if (d > bestD) {
                    bestD = d;
                    bestKind = 1;
                    bh2 = h2;
                    bq1 = p;
                    bq2 = q2;
                  }
                }
              }
            }
            // (ii) ejection: h2 goes to another municipality c2 ∉ {a, b} with room, or unassigned
            const baseD = gain1 - cs[p2] + (a >= 0 ? P.qDelta(a, -sz) : 0) + P.qDelta(b, sz - sz2);
            if (baseD + (cs[p2] + 1e-9) <= bestD) continue; // even a same-score destination cannot beat it
            // best destination of h2 outside {a, b} from a top-3 cache (valid until the next move)
            if (cStamp[h2] !== P.version) {
              let v1 = -Infinity, v2 = -Infinity, v3 = -Infinity;
              let p1 = -1, p2b = -1, p3 = -1;
              const c2 = wCnt[h2];
              const own = cm[p2];
              for (let u = 0; u < c2; u++) {
                const w = h2 * S + u;
                const cc = wM[w];
                if (cc === own) continue;
                const v = wS[w] + (qPen[cc] > 0 ? P.qDelta(cc, sz2) : 0);
                if (v <= v3) continue;
                if (!fitsSlot(P, w, cc)) continue;
                const pp = wPos[w];
                if (v > v1) {
                  v3 = v2; p3 = p2b; v2 = v1; p2b = p1; v1 = v; p1 = pp;
                } else if (v > v2) {
                  v3 = v2; p3 = p2b; v2 = v; p2b = pp;
                } else {
                  v3 = v; p3 = pp;
                }
              }
              cV[h2 * 3] = v1; cV[h2 * 3 + 1] = v2; cV[h2 * 3 + 2] = v3;
              cP[h2 * 3] = p1; cP[h2 * 3 + 1] = p2b; cP[h2 * 3 + 2] = p3;
              cStamp[h2] = P.version;
            }
            let dBest2 = -UP;
            let q2Best = -1;
            for (let u = 0; u < 3; u++) {
              const pp = cP[h2 * 3 + u];
              if (pp < 0) break;
              const cc = cm[pp];
              if (cc === a || cc === b) continue;
              if (cV[h2 * 3 + u] > dBest2) {
                dBest2 = cV[h2 * 3 + u];
                q2Best = pp;
              }
              break;
            }
            const d = baseD + dBest2;
            if (d > bestD) {
              bestD = d;
              bestKind = 2;
              bh2 = h2;
              bq1 = p;
              bq2 = q2Best;
            }
          }
        }
        if (bestKind !== 0) {
          // apply: free h2 first, then move h, then place h2
          P.move(bh2, -1);
          P.move(h, bq1);
          P.move(bh2, bq2);
          improved++;
        }
      }
      lsMoves += improved;
      if (improved === 0) {
        if (!deep || now() > stopAt) return;
        const pi = pairPass(P, stopAt);
        lsMoves += pi;
        if (pi === 0) return;
      }
    }
  };

  /**
   * Packing move: bring two households h, h' into municipality b (they prefer b), ejecting at
   * most one member h2 of b to its best other municipality (or unassigned). Catches the
   * 1-for-2 exchanges that single shifts and swaps miss.
   */
  const pairPass = (P: Primal, stopAt: number): number => {
    const TOP = 16;
    // interested[b]: households preferring b to their current place (top TOP by gain)
    const intH: number[][] = Array.from({ length: m }, () => []);
    const intW: number[][] = Array.from({ length: m }, () => []);
    const intG: number[][] = Array.from({ length: m }, () => []);
    for (let h = 0; h < n; h++) {
      const cur = P.x[h];
      const curVal = cur >= 0 ? cs[cur] : -UP;
      const c = wCnt[h];
      for (let q = 0; q < c; q++) {
        const w = h * S + q;
        const b = wM[w];
        const g = wS[w] - curVal;
        if (g <= 0 || (cur >= 0 && cm[cur] === b)) continue;
        const L = intG[b];
        if (L.length < TOP) {
          L.push(g);
          intH[b].push(h);
          intW[b].push(w);
        } else {
          let mi = 0;
          for (let t = 1; t < L.length; t++) if (L[t] < L[mi]) mi = t;
          if (g > L[mi]) {
            L[mi] = g;
            intH[b][mi] = h;
            intW[b][mi] = w;
          }
        }
      }
    }
    const dM: number[] = [];
    const dP: number[] = [];
    const qSum = (): number => {
      // merge (municipality, Δpersons) and sum the quota objective changes
      let tot = 0;
      for (let i = 0; i < dM.length; i++) {
        const j = dM[i];
        if (j < 0 || qPen[j] === 0) continue;
        let d = dP[i];
        for (let k = i + 1; k < dM.length; k++)
          if (dM[k] === j) {
            d += dP[k];
            dM[k] = -1;
          }
        tot += P.qDelta(j, d);
      }
      return tot;
    };
    let moves = 0;
    let maxQPen = 0;
    for (let j = 0; j < m; j++) if (qPen[j] > maxQPen) maxQPen = qPen[j];
    const free = new Float64Array(R);
    for (let b = 0; b < m; b++) {
      if ((b & 31) === 0 && now() > stopAt) break;
      const H = intH[b];
      const W = intW[b];
      const G = intG[b];
      const k2 = H.length;
      if (k2 < 2) continue;
      const mem = P.members[b];
      let bestD = 1e-9;
      let bi = -1;
      let bj = -1;
      let bh2 = -1;
      let bdest = -1;
      for (let e = -1; e < mem.length; e++) {
        const h2 = e >= 0 ? mem[e] : -1;
        const p2 = h2 >= 0 ? P.x[h2] : -1;
        for (let k = 0; k < R; k++) free[k] = cap[b * R + k] - P.load[b * R + k] + (h2 >= 0 ? (needC ? needC[p2 * R + k] : needH[h2 * R + k]) : 0);
        let dest = -1;
        let destVal = -UP;
        if (h2 >= 0) {
          // best feasible destination of h2 outside b (working set)
          const c2 = wCnt[h2];
          for (let u = 0; u < c2; u++) {
            const w = h2 * S + u;
            const cc = wM[w];
            if (cc === b) continue;
            if (wS[w] <= destVal) continue;
            if (!fitsSlot(P, w, cc)) continue;
            destVal = wS[w];
            dest = wPos[w];
          }
        }
        const ejectGain = h2 >= 0 ? destVal - cs[p2] : 0;
        for (let i = 0; i < k2; i++) {
          const hi = H[i];
          if (hi === h2) continue;
          const wi = W[i];
          let ok = true;
          for (let k = 0; k < R; k++) if (wN[wi * R + k] > free[k] + 1e-9) ok = false;
          if (!ok) continue;
          for (let j2 = i + 1; j2 < k2; j2++) {
            const hj = H[j2];
            if (hj === h2) continue;
            const gij = G[i] + G[j2] + ejectGain;
            if (gij + maxQPen * 2 * (size[hi] + size[hj] + (h2 >= 0 ? size[h2] : 0)) <= bestD) continue;
            const wj = W[j2];
            let ok2 = true;
            for (let k = 0; k < R; k++) if (wN[wi * R + k] + wN[wj * R + k] > free[k] + 1e-9) ok2 = false;
            if (!ok2) continue;
            // destination of h2 must still fit if it is where hi/hj come from: loads only drop there, fine
            dM.length = 0;
            dP.length = 0;
            dM.push(b);
            dP.push(size[hi] + size[hj] - (h2 >= 0 ? size[h2] : 0));
            if (P.x[hi] >= 0) {
              dM.push(cm[P.x[hi]]);
              dP.push(-size[hi]);
            }
            if (P.x[hj] >= 0) {
              dM.push(cm[P.x[hj]]);
              dP.push(-size[hj]);
            }
            if (h2 >= 0 && dest >= 0) {
              dM.push(cm[dest]);
              dP.push(size[h2]);
            }
            const d = gij + qSum();
            if (d > bestD) {
              bestD = d;
              bi = i;
              bj = j2;
              bh2 = h2;
              bdest = dest;
            }
          }
        }
      }
      if (bi >= 0) {
        if (bh2 >= 0) P.move(bh2, -1);
        P.move(H[bi], wPos[W[bi]]);
        P.move(H[bj], wPos[W[bj]]);
        if (bh2 >= 0 && bdest >= 0) {
          // the destination may have lost capacity meanwhile only if hi/hj moved in there (they moved to b): still fits
          P.move(bh2, bdest);
        }
        moves++;
      }
    }
    return moves;
  };

  /**
   * Simulated annealing over shift and swap moves on the true objective (geometric cooling
   * over the time budget). Returns the best assignment seen (positions).
   */
  const anneal = (P: Primal, stopAt: number, T0: number, T1: number): { moves: number; best: Int32Array; bestObj: number } => {
    let best = P.x.slice();
    let bObj = P.obj;
    const tStart = now();
    const span = Math.max(1, stopAt - tStart);
    let T = T0;
    let moves = 0;
    let sinceBest = 0;
    for (let iter = 0; ; iter++) {
      if ((iter & 1023) === 0) {
        const t = now();
        if (t >= stopAt) break;
        T = T0 * Math.pow(T1 / T0, (t - tStart) / span);
      }
      const h = Math.floor(rand() * n);
      const c = wCnt[h];
      if (c === 0) continue;
      const cur = P.x[h];
      const a = cur >= 0 ? cm[cur] : -1;
      const sz = size[h];
      const curVal = cur >= 0 ? cs[cur] : -UP;
      const q = Math.floor(rand() * c);
      const w = h * S + q;
      const b = wM[w];
      if (b === a) continue;
      let fit = true;
      for (let k = 0; k < R; k++)
        if (P.load[b * R + k] + wN[w * R + k] > cap[b * R + k] + 1e-9) {
          fit = false;
          break;
        }
      if (fit) {
        const d = wS[w] - curVal + (a >= 0 && qPen[a] > 0 ? P.qDelta(a, -sz) : 0) + (qPen[b] > 0 ? P.qDelta(b, sz) : 0);
        if (d >= 0 || rand() < Math.exp(d / T)) {
          P.move(h, wPos[w]);
          moves++;
        }
      } else if (rand() < 0.5) {
        // ejection: a random member h2 of b moves to one of its other working municipalities
        const mem = P.members[b];
        if (mem.length === 0) continue;
        const h2 = mem[Math.floor(rand() * mem.length)];
        const p2 = P.x[h2];
        const c2 = wCnt[h2];
        if (c2 < 2) continue;
        const w2 = h2 * S + Math.floor(rand() * c2);
        const cc = wM[w2];
        if (cc === b || cc === a) continue;
        let ok = true;
        for (let k = 0; k < R && ok; k++) {
          const n2 = needC ? needC[p2 * R + k] : needH[h2 * R + k];
          if (P.load[b * R + k] - n2 + wN[w * R + k] > cap[b * R + k] + 1e-9) ok = false;
          if (P.load[cc * R + k] + wN[w2 * R + k] > cap[cc * R + k] + 1e-9) ok = false;
        }
        if (!ok) continue;
        const sz2 = size[h2];
        const d =
          wS[w] - curVal + wS[w2] - cs[p2] + (a >= 0 ? P.qDelta(a, -sz) : 0) + P.qDelta(b, sz - sz2) + P.qDelta(cc, sz2);
        if (d >= 0 || rand() < Math.exp(d / T)) {
          P.move(h2, wPos[w2]);
          P.move(h, wPos[w]);
          moves++;
        }
      } else if (a >= 0) {
        // swap with a random member of b
        const mem = P.members[b];
        if (mem.length === 0) continue;
        const h2 = mem[Math.floor(rand() * mem.length)];
        const p2 = P.x[h2];
        const q2 = findPos(model, h2, a);
        if (q2 < 0) continue;
        const p1 = wPos[w];
        let ok = true;
        for (let k = 0; k < R && ok; k++) {
          const nh = wN[w * R + k];
          const n2 = needC ? needC[p2 * R + k] : needH[h2 * R + k];
          if (P.load[b * R + k] - n2 + nh > cap[b * R + k] + 1e-9) ok = false;
          const nha = needC ? needC[cur * R + k] : needH[h * R + k];
          const n2a = needC ? needC[q2 * R + k] : needH[h2 * R + k];
          if (P.load[a * R + k] - nha + n2a > cap[a * R + k] + 1e-9) ok = false;
        }
        if (!ok) continue;
        const sz2 = size[h2];
        const d = wS[w] - curVal + cs[q2] - cs[p2] + P.qDelta(a, sz2 - sz) + P.qDelta(b, sz - sz2);
        if (d >= 0 || rand() < Math.exp(d / T)) {
          P.move(h2, -1);
          P.move(h, p1);
          P.move(h2, q2);
          moves++;
        }
      } else continue;
      if (P.obj > bObj + 1e-9) {
        bObj = P.obj;
        sinceBest++;
        if (sinceBest > 0) {
          best = P.x.slice();
          sinceBest = 0;
        }
      }
    }
    return { moves, best, bestObj: bObj };
  };

  const gapOf = (bound: number, obj: number) => (bound - obj) / Math.max(Math.abs(bound), 1e-9);

  // ---- initial solution ----
  if (opts.start) {
    for (let h = 0; h < n; h++) if (opts.start[h] >= 0) primal.move(h, opts.start[h]);
  } else primal = greedy();
  localSearch(primal, 3, t0 + (deadline - t0) * 0.1);
  record(primal);

  let bestBound = evalFull();
  bestLam.set(lam);
  bestMu.set(mu);
  const integral = model.integral;
  const roundBound = (b: number) => (integral ? Math.floor(b + 1e-7 * Math.max(1, Math.abs(b))) : b);
  bestBound = roundBound(bestBound);

  // ---- subgradient loop ----
  let theta = 1.0;
  let bestLw = Infinity;
  let noImp = 0;
  let it = 0;
  let fullEvals = 1;
  const totalMs = deadline - t0;
  const lsBudgetFrac = 0.35;
  const subDeadline = t0 + totalMs * (1 - lsBudgetFrac);
  let lastFull = now();
  let fullMs = 0;
  let heurEvery = 10;
  const dir = new Float64Array(m * R);
  const dirMu = new Float64Array(m);
  // best multipliers on the working sets (restart point when the steps stagnate)
  const wLam = lam.slice();
  const wMu = mu.slice();
  let lastBoundImp = 0;
  let boundAtLastImp = bestBound;
  let heurMs = 0;
  while (now() < subDeadline && gapOf(bestBound, bestObj) > opts.gapTol) {
    it++;
    // stall: no significant bound progress for a long time
    if (bestBound < boundAtLastImp - 2e-5 * Math.max(1, Math.abs(bestBound))) {
      boundAtLastImp = bestBound;
      lastBoundImp = it;
    } else if (it - lastBoundImp > 300) break;
    const Lw = evalWorking();
    if (allComplete) {
      const b = roundBound(Lw);
      if (b < bestBound) {
        bestBound = b;
        bestLam.set(lam);
        bestMu.set(mu);
      }
    } else if (now() - lastFull > Math.max(5 * fullMs, 50) || it % 50 === 0) {
      const tf = now();
      const Lf = roundBound(evalFull());
      fullMs = now() - tf;
      lastFull = now();
      fullEvals++;
      if (Lf < bestBound) {
        bestBound = Lf;
        bestLam.set(lam);
        bestMu.set(mu);
      }
    }
    if (Lw < bestLw - 1e-9 * Math.max(1, Math.abs(Lw))) {
      bestLw = Lw;
      noImp = 0;
      wLam.set(lam);
      wMu.set(mu);
    } else if (++noImp >= 25) {
      theta *= 0.6;
      noImp = 0;
      if (theta < 1e-3) theta = 0.5; // restart oscillation-free
    }
    // subgradient (with simple deflection)
    let norm2 = 0;
    for (let i = 0; i < m * R; i++) {
      let g = cap[i] - loadL[i];
      if (lam[i] <= 0 && g > 0) g = 0;
      dir[i] = g + 0.3 * dir[i];
      if (lam[i] <= 0 && dir[i] > 0) dir[i] = 0;
      norm2 += dir[i] * dir[i];
    }
    if (model.hasQuota)
      for (let j = 0; j < m; j++) {
        if (qPen[j] === 0) continue;
        const P = mu[j] > 0 ? model.qU[j] : mu[j] < 0 ? model.qL[j] : Math.min(Math.max(persL[j], model.qL[j]), model.qU[j]);
        let g = P - persL[j];
        if ((mu[j] >= qPen[j] && g < 0) || (mu[j] <= -qPen[j] && g > 0)) g = 0;
        dirMu[j] = g + 0.3 * dirMu[j];
        norm2 += dirMu[j] * dirMu[j];
      }
    if (norm2 < 1e-18) {
      // the relaxed solution is feasible and complementary: working bound is tight
      if (allComplete) break;
      const Lf = roundBound(evalFull());
      fullEvals++;
      if (Lf < bestBound) {
        bestBound = Lf;
        bestLam.set(lam);
        bestMu.set(mu);
      }
      if (added === 0) break;
      added = 0;
      continue;
    }
    // Polyak target: the dual optimum lies between the best primal value and the best bound; a
    // weak early primal (large instances) would make steps far too long, so aim part-way
    const target =
      bestObj === -Infinity
        ? Lw - 0.1 * Math.abs(Lw) - 1
        : gapOf(bestBound, bestObj) > 0.01
          ? bestBound - 0.5 * (bestBound - bestObj)
          : bestObj;
    const diff = Math.max(Lw - target, 1e-6 * Math.max(1, Math.abs(Lw)));
    const t = (theta * diff) / norm2;
    for (let i = 0; i < m * R; i++) {
      const v = lam[i] - t * dir[i];
      lam[i] = v > 0 ? v : 0;
    }
    if (model.hasQuota)
      for (let j = 0; j < m; j++) {
        if (qPen[j] === 0) continue;
        const v = mu[j] - t * dirMu[j];
        mu[j] = v > qPen[j] ? qPen[j] : v < -qPen[j] ? -qPen[j] : v;
      }
    // primal heuristic, kept to at most ~25 % of the subgradient phase
    if (it % heurEvery === 0 && heurMs <= 0.25 * (now() - t0)) {
      const th = now();
      const P = greedy();
      localSearch(P, 1, Math.min(subDeadline, now() + 0.01 * totalMs));
      heurMs += now() - th;
      if (P.obj > bestObj + 1e-9) {
        primal = P;
        record(P);
      } else heurEvery = Math.min(heurEvery + 5, 60);
    }
  }
  log(`subgradient: ${it} iterations, ${fullEvals} full evaluations, bound ${bestBound}, best ${bestObj}, ${(now() - t0).toFixed(0)} ms`);

  // ---- final intensification from the best multipliers ----
  lam.set(bestLam);
  mu.set(bestMu);
  if (!allComplete) {
    const Lf = roundBound(evalFull());
    fullEvals++;
    if (Lf < bestBound) bestBound = Lf;
  }
  // knapsack strengthening of the bound at the best multipliers (integer packing + exact quota
  // penalty per municipality); never above L(λ, μ)
  let kpInfo = 'not run';
  if (gapOf(bestBound, bestObj) > opts.gapTol) {
    const tk = now();
    const kb = knapsackBound(model, bestLam, bestMu, 20000, tk + Math.max(20, 0.12 * totalMs), 64, undefined, now);
    if (kb) {
      const b = roundBound(kb.bound);
      kpInfo = `${kb.solved} municipalities solved, ${kb.fallback} kept their Lagrangian term, ${b.toFixed(4)} (${(now() - tk).toFixed(0)} ms)`;
      if (b < bestBound) bestBound = b;
      // a few subgradient steps on the household multipliers π_h = v_h + UP
      const kpDeadline = now() + 0.15 * totalMs;
      let v = kb.v.slice();
      let bestV = v;
      let chosen = kb.chosen;
      let cur = kb.bound;
      let th = 0.5;
      let steps = 0;
      while (now() < kpDeadline && gapOf(bestBound, bestObj) > opts.gapTol && steps < 200) {
        let norm2 = 0;
        for (let h = 0; h < n; h++) {
          const g = 1 - chosen[h];
          if (g > 0 && v[h] <= -UP) continue;
          norm2 += g * g;
        }
        if (norm2 === 0) break;
        const t = (th * Math.max(cur - bestObj, 1e-9 * Math.abs(cur))) / norm2;
        const nv = new Float64Array(n);
        for (let h = 0; h < n; h++) nv[h] = Math.max(-UP, v[h] - t * (1 - chosen[h]));
        const r2 = knapsackBound(model, bestLam, bestMu, 20000, kpDeadline + 0.02 * totalMs, 64, nv, now);
        steps++;
        if (!r2) break;
        if (r2.bound < cur) {
          cur = r2.bound;
          v = nv;
          bestV = nv;
          chosen = r2.chosen;
          const b2 = roundBound(r2.bound);
          if (b2 < bestBound) bestBound = b2;
        } else {
          th *= 0.5;
          v = bestV;
        }
      }
      kpInfo += `; ${steps} π-steps → ${bestBound.toFixed(4)}`;
    } else kpInfo = 'skipped (too many items)';
  }
  log(`knapsack bound: ${kpInfo}`);
  if (gapOf(bestBound, bestObj) > opts.gapTol) {
    const P = greedy();
    localSearch(P, 50, now() + (deadline - now()) / 4, true);
    record(P);
    const Q = new Primal(model);
    for (let h = 0; h < n; h++) if (bestX[h] >= 0) Q.move(h, bestX[h]);
    localSearch(Q, 50, now() + (deadline - now()) / 3, true);
    record(Q);
    // improvement rounds until the deadline, each from the best solution: strategic
    // oscillation through overfilled states (pays on tight capacities, e.g. generalized
    // assignment) and simulated annealing on feasible states (pays on loose capacities with
    // quota trade-offs). Each round the method that gained less gets a strike; after three
    // strikes in a row it sits out.
    let round = 0;
    let oscStrikes = 0;
    let annStrikes = 0;
    while (now() < deadline - 5 && gapOf(bestBound, bestObj) > opts.gapTol) {
      round++;
      const runOsc = oscStrikes < 3;
      const runAnn = annStrikes < 3;
      let oscGain = 0;
      let annGain = 0;
      if (runOsc) {
        const left = deadline - now();
        // a short first probe: on loose instances annealing is the better use of the time
        const budget = Math.min(left, Math.max(100, left / (!runAnn ? 2 : round === 1 ? 8 : 3)));
        const before = bestObj;
        const r = oscillate(model, bestX, {
          deadline: now() + budget * 0.85,
          seed: opts.seed + round,
          cand: { pos: wPos, cnt: wCnt, stride: S },
          prices: bestLam,
          clock: now,
        });
        const O = new Primal(model);
        for (let h = 0; h < n; h++) if (r.x[h] >= 0) O.move(h, r.x[h]);
        localSearch(O, 20, now() + budget * 0.15, true);
        record(O);
        oscGain = bestObj - before;
        log(`round ${round} oscillation: ${r.iterations} iterations → ${O.obj.toFixed(2)}, global ${bestObj.toFixed(2)}`);
      }
      if (runAnn && now() < deadline - 5 && gapOf(bestBound, bestObj) > opts.gapTol) {
        const left = deadline - now();
        const budget = Math.min(left, Math.max(200, left / 2));
        const before = bestObj;
        const A = new Primal(model);
        for (let h = 0; h < n; h++) if (bestX[h] >= 0) A.move(h, bestX[h]);
        const r = anneal(A, now() + budget * 0.8, 0.5, 0.01);
        // polish the final annealing state (a different basin) and, if it was better, the best one
        localSearch(A, 20, now() + budget * 0.1, true);
        record(A);
        if (r.bestObj > bestObj + 1e-9) {
          const B = new Primal(model);
          for (let h = 0; h < n; h++) if (r.best[h] >= 0) B.move(h, r.best[h]);
          localSearch(B, 20, now() + budget * 0.1, true);
          record(B);
        }
        annGain = bestObj - before;
        log(`round ${round} annealing: ${r.moves} moves, final state → ${A.obj.toFixed(2)}, global ${bestObj.toFixed(2)}`);
      }
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
  log(`final: objective ${bestObj}, bound ${bestBound}, ls moves ${lsMoves}; ms working ${tm.work.toFixed(0)} full ${tm.full.toFixed(0)} greedy ${tm.greedy.toFixed(0)} ls ${tm.ls.toFixed(0)}`);
  return { xPos: bestX, objective: bestObj, bound: bestBound, lam: bestLam, mu: bestMu, iterations: it, fullEvals, lsMoves };
}

