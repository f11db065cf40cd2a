/**
 * General-case engine: Lagrangian relaxation of capacity and quota constraints, solved by a
 * projected (Polyak-step) subgradient method on a working candidate set with periodic full
 * pricing (so the reported bound is always valid for the full instance), a Lagrangian
 * greedy primal heuristic (regret order on reduced scores) and local search
 * (shift, swap and ejection-chain moves) on the true objective.
 */
import { rng } from './generator.ts';
import { type Model, quotaPenalty } from './model.ts';

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

const now = () => performance.now();

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

/** Mutable primal state with loads, persons and members per municipality. */
class Primal {
  readonly x: Int32Array;
  readonly load: Float64Array;
  readonly persons: Float64Array;
  readonly members: number[][];
  readonly memIdx: Int32Array;
  obj = 0;
  /** Incremented on every move (cache invalidation). */
  version = 0;
  constructor(private model: Model) {
    this.x = new Int32Array(model.n).fill(-1);
    this.load = new Float64Array(model.m * model.R);
    this.persons = new Float64Array(model.m);
    this.members = Array.from({ length: model.m }, () => []);
    this.memIdx = new Int32Array(model.n).fill(-1);
    this.obj = -model.UP * model.n;
    for (let j = 0; j < model.m; j++) this.obj -= quotaPenalty(model, j, 0);
  }
  needAt(h: number, p: number, k: number): number {
    const M = this.model;
    return M.needC ? M.needC[p * M.R + k] : M.needH[h * M.R + k];
  }
  fits(h: number, p: number): boolean {
    const M = this.model;
    const j = M.cm[p];
    for (let k = 0; k < M.R; k++) if (this.load[j * M.R + k] + this.needAt(h, p, k) > M.cap[j * M.R + k] + 1e-9) return false;
    return true;
  }
  /** Moves household h to candidate position p (−1 = unassigned), updating everything. */
  move(h: number, p: number): void {
    const M = this.model;
    const old = this.x[h];
    if (old === p) return;
    this.version++;
    const sz = M.size[h];
    if (old >= 0) {
      const j = M.cm[old];
      for (let k = 0; k < M.R; k++) this.load[j * M.R + k] -= this.needAt(h, old, k);
      const before = quotaPenalty(M, j, this.persons[j]);
      this.persons[j] -= sz;
      this.obj += before - quotaPenalty(M, j, this.persons[j]) - M.cs[old];
      const list = this.members[j];
      const idx = this.memIdx[h];
      const last = list[list.length - 1];
      list[idx] = last;
      this.memIdx[last] = idx;
      list.pop();
      this.memIdx[h] = -1;
    } else this.obj += M.UP;
    if (p >= 0) {
      const j = M.cm[p];
      for (let k = 0; k < M.R; k++) this.load[j * M.R + k] += this.needAt(h, p, k);
      const before = quotaPenalty(M, j, this.persons[j]);
      this.persons[j] += sz;
      this.obj += M.cs[p] - (quotaPenalty(M, j, this.persons[j]) - before);
      this.memIdx[h] = this.members[j].length;
      this.members[j].push(h);
    } else this.obj -= M.UP;
    this.x[h] = p;
  }
  /** Change of total quota penalty (as objective change, i.e. −Δpenalty) when persons of j change by d. */
  qDelta(j: number, d: number): number {
    const M = this.model;
    if (M.qPen[j] === 0 || d === 0) return 0;
    const P = this.persons[j];
    return quotaPenalty(M, j, P) - quotaPenalty(M, j, P + d);
  }
}

/** Position of municipality j in household h's candidate list, or −1 (binary search). */
function findPos(model: Model, h: number, j: number): number {
  let lo = model.start[h];
  let hi = model.start[h + 1] - 1;
  if (hi - lo + 1 === model.m) return lo + j; // complete list
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = model.cm[mid];
    if (v === j) return mid;
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function runEngine(model: Model, opts: EngineOptions): EngineResult {
  const { n, m, R, start, cm, cs, needH, needC, size, cap, UP, qPen } = model;
  const need = needC ?? needH;
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
  const lam = new Float64Array(m * R);
  const mu = new Float64Array(m);
  const bestLam = new Float64Array(m * R);
  const bestMu = new Float64Array(m);
  const choice = new Int32Array(n);
  const loadL = new Float64Array(m * R);
  const persL = new Float64Array(m);
  const red1 = new Float64Array(n);
  const red2 = new Float64Array(n);

  let capTerm = 0;
  const constTerm = (): number => {
    capTerm = 0;
    for (let i = 0; i < m * R; i++) capTerm += lam[i] * cap[i];
    if (model.hasQuota) for (let j = 0; j < m; j++) if (qPen[j] > 0) capTerm += quotaDualTerm(model, j, mu[j]);
    return capTerm;
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
        const p = wPos[wb + q];
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
  const evalFull0 = (): number => {
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
      if (!complete[h] && bp >= 0) {
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
            wPos[wb + c] = bp;
            wCnt[h] = c + 1;
          } else if (worst >= 0) wPos[wb + worst] = bp;
        }
      }
    }
    return total + constTerm();
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
        const p = wPos[h * S + q];
        const j = cm[p];
        const nb = needC ? p * R : h * R;
        let price = mu[j] * sz;
        for (let k = 0; k < R; k++) price += lam[j * R + k] * need[nb + k];
        const v = cs[p] - price;
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
        const p = wPos[h * S + q];
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
          const p = wPos[h * S + q];
          const b = cm[p];
          if (b === a) continue;
          const d0 = cs[p] - curVal + remQ + P.qDelta(b, sz);
          if (d0 <= bestD) continue;
          if (!P.fits(h, p)) continue;
          bestD = d0;
          bestP = p;
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
                const pp = wPos[h2 * S + u];
                const cc = cm[pp];
                if (cc === own) continue;
                const v = cs[pp] + P.qDelta(cc, sz2);
                if (v <= v3) continue;
                if (!P.fits(h2, pp)) continue;
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
      if (improved === 0) return;
    }
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
  let lastBoundImp = 0;
  let boundAtLastImp = bestBound;
  while (now() < subDeadline && gapOf(bestBound, bestObj) > opts.gapTol) {
    it++;
    // stall: no significant bound progress for a long time
    if (bestBound < boundAtLastImp - 1e-6 * Math.max(1, Math.abs(bestBound))) {
      boundAtLastImp = bestBound;
      lastBoundImp = it;
    } else if (it - lastBoundImp > 400) break;
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
    const target = bestObj > -Infinity ? bestObj : Lw - 0.1 * Math.abs(Lw) - 1;
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
    if (it % heurEvery === 0) {
      const P = greedy();
      const th = now();
      localSearch(P, 1, Math.min(subDeadline, th + 0.02 * totalMs));
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
  if (gapOf(bestBound, bestObj) > opts.gapTol) {
    const P = greedy();
    localSearch(P, 50, now() + (deadline - now()) / 2, true);
    record(P);
    const Q = new Primal(model);
    for (let h = 0; h < n; h++) if (bestX[h] >= 0) Q.move(h, bestX[h]);
    localSearch(Q, 50, deadline, true);
    record(Q);
  }
  log(`final: objective ${bestObj}, bound ${bestBound}, ls moves ${lsMoves}; ms working ${tm.work.toFixed(0)} full ${tm.full.toFixed(0)} greedy ${tm.greedy.toFixed(0)} ls ${tm.ls.toFixed(0)}`);
  return { xPos: bestX, objective: bestObj, bound: bestBound, lam: bestLam, mu: bestMu, iterations: it, fullEvals, lsMoves };
}

export { Primal, findPos };
