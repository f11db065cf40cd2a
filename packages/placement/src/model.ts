import type { Instance } from './types.ts';

/**
 * Compiled, typed-array form of an instance. Candidates (allowed household-municipality
 * pairs whose needs fit the municipality's capacity) are stored in CSR form, sorted by
 * municipality index within each household.
 */
export interface Model {
  n: number;
  m: number;
  R: number;
  resources: string[];
  muniIds: string[];
  hhIds: string[];
  muniIndex: Map<string, number>;
  /** cap[j*R + r] */
  cap: Float64Array;
  size: Float64Array;
  start: Int32Array;
  cm: Int32Array;
  cs: Float64Array;
  /** Per-household needs needH[h*R + r] (used when needC is null). */
  needH: Float64Array;
  /** Per-candidate needs needC[p*R + r], or null when every need is the same in all municipalities. */
  needC: Float64Array | null;
  /** Quota band and penalty per municipality (qPen 0 = no quota term). */
  qL: Float64Array;
  qU: Float64Array;
  qPen: Float64Array;
  hasQuota: boolean;
  UP: number;
  /** True when every score and the unassigned penalty are integers and there are no quota terms. */
  integral: boolean;
  /** Allowed-but-too-big counts per household (needs exceed capacity on some resource). */
  droppedTooBig: Int32Array;
  /** Number of allowed municipalities before the capacity filter. */
  allowedCount: Int32Array;
}

export function quotaBand(q: number | undefined, tol: number | undefined): [number, number] {
  if (q === undefined) return [0, Infinity];
  const t = tol ?? 0;
  return [q * (1 - t), q * (1 + t)];
}

export function compile(inst: Instance): Model {
  const R = inst.resources.length;
  const m = inst.municipalities.length;
  const n = inst.households.length;
  const muniIds = inst.municipalities.map((x) => x.id);
  const muniIndex = new Map<string, number>();
  muniIds.forEach((id, j) => muniIndex.set(id, j));
  const { cap, qL, qU, qPen, hasQuota } = municipalityArrays(inst);
  const UP = inst.options?.unassignedPenalty ?? 0;
  const { size, needH, anyArrayNeed } = householdArrays(inst);
  // pass 1: count candidates
  const row = new CandidateRow(inst, muniIndex, cap);
  const start = new Int32Array(n + 1);
  const droppedTooBig = new Int32Array(n);
  const allowedCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    row.fill(i);
    let c = 0;
    let a = 0;
    for (let j = 0; j < m; j++)
      if (row.allowed[j]) {
        a++;
        if (row.fits(j)) c++;
      }
    allowedCount[i] = a;
    droppedTooBig[i] = a - c;
    start[i + 1] = start[i] + c;
  }
  // pass 2: fill them
  const nnz = start[n];
  const cm = new Int32Array(nnz);
  const cs = new Float64Array(nnz);
  const needC = anyArrayNeed ? new Float64Array(nnz * R) : null;
  let integral = !hasQuota && Number.isInteger(UP);
  for (let i = 0; i < n; i++) {
    row.fill(i);
    let p = start[i];
    for (let j = 0; j < m; j++)
      if (row.allowed[j] && row.fits(j)) {
        cm[p] = j;
        cs[p] = row.score[j];
        if (integral && !Number.isInteger(row.score[j])) integral = false;
        if (needC) for (let k = 0; k < R; k++) needC[p * R + k] = row.need[j * R + k];
        p++;
      }
  }
  return {
    n,
    m,
    R,
    resources: inst.resources.slice(),
    muniIds,
    hhIds: inst.households.map((h) => h.id),
    muniIndex,
    cap,
    size,
    start,
    cm,
    cs,
    needH,
    needC,
    qL,
    qU,
    qPen,
    hasQuota,
    UP,
    integral,
    droppedTooBig,
    allowedCount,
  };
}

/** Capacities and quota bands per municipality. */
function municipalityArrays(inst: Instance) {
  const R = inst.resources.length;
  const m = inst.municipalities.length;
  const cap = new Float64Array(m * R);
  const qL = new Float64Array(m);
  const qU = new Float64Array(m).fill(Infinity);
  const qPen = new Float64Array(m);
  let hasQuota = false;
  inst.municipalities.forEach((mu, j) => {
    inst.resources.forEach((r, k) => (cap[j * R + k] = mu.capacity[r] ?? 0));
    if (mu.quota !== undefined && (mu.quotaPenalty ?? 0) > 0) {
      const [lo, hi] = quotaBand(mu.quota, mu.quotaTolerance);
      qL[j] = lo;
      qU[j] = hi;
      qPen[j] = mu.quotaPenalty!;
      hasQuota = true;
    }
  });
  return { cap, qL, qU, qPen, hasQuota };
}

/** Sizes and needs per household (needs given per municipality are left at 0 here). */
function householdArrays(inst: Instance) {
  const R = inst.resources.length;
  const n = inst.households.length;
  const size = new Float64Array(n);
  const needH = new Float64Array(n * R);
  let anyArrayNeed = false;
  inst.households.forEach((h, i) => {
    size[i] = h.size ?? 1;
    inst.resources.forEach((r, k) => {
      const v = h.needs[r];
      if (Array.isArray(v)) anyArrayNeed = true;
      else needH[i * R + k] = v ?? 0;
    });
  });
  return { size, needH, anyArrayNeed };
}

/** One household's view of every municipality: allowed (scored, mustGo, not mustNot), its score and its needs there. */
class CandidateRow {
  readonly allowed: Uint8Array;
  readonly score: Float64Array;
  readonly need: Float64Array;
  private readonly R: number;
  private readonly m: number;

  constructor(
    private readonly inst: Instance,
    private readonly muniIndex: Map<string, number>,
    private readonly cap: Float64Array,
  ) {
    this.R = inst.resources.length;
    this.m = inst.municipalities.length;
    this.allowed = new Uint8Array(this.m);
    this.score = new Float64Array(this.m);
    this.need = new Float64Array(this.m * this.R);
  }

  fill(i: number): void {
    const { inst, muniIndex, allowed, m, R } = this;
    const h = inst.households[i];
    allowed.fill(0);
    this.readScores(h.scores);
    if (h.mustGo) {
      const keep = new Uint8Array(m);
      for (const id of h.mustGo) keep[muniIndex.get(id)!] = 1;
      for (let j = 0; j < m; j++) if (!keep[j]) allowed[j] = 0;
    }
    if (h.mustNot) for (const id of h.mustNot) allowed[muniIndex.get(id)!] = 0;
    for (let k = 0; k < R; k++) {
      const v = h.needs[inst.resources[k]];
      if (Array.isArray(v)) for (let j = 0; j < m; j++) this.need[j * R + k] = v[j];
      else {
        const x = v ?? 0;
        for (let j = 0; j < m; j++) this.need[j * R + k] = x;
      }
    }
  }

  private readScores(s: Instance['households'][number]['scores']): void {
    const { allowed, score } = this;
    if (Array.isArray(s)) {
      for (let j = 0; j < this.m; j++) {
        const v = s[j];
        if (v !== null && v !== undefined) {
          allowed[j] = 1;
          score[j] = v;
        }
      }
      return;
    }
    for (const k in s) {
      const j = this.muniIndex.get(k);
      if (j !== undefined) {
        allowed[j] = 1;
        score[j] = s[k];
      }
    }
  }

  /** Whether the needs fit the empty municipality j. */
  fits(j: number): boolean {
    const { R, cap, need } = this;
    for (let k = 0; k < R; k++) if (need[j * R + k] > cap[j * R + k] + 1e-9) return false;
    return true;
  }
}

/** Quota penalty of municipality j with p persons. */
export function quotaPenalty(model: Model, j: number, p: number): number {
  const pen = model.qPen[j];
  if (pen === 0) return 0;
  const lo = model.qL[j];
  const hi = model.qU[j];
  return p < lo ? pen * (lo - p) : p > hi ? pen * (p - hi) : 0;
}

/** Objective of an assignment vector x (municipality index or -1), computed from the model. */
export function modelObjective(model: Model, xPos: Int32Array): number {
  const { n, m, cs, cm, size, UP } = model;
  let obj = 0;
  const persons = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const p = xPos[i];
    if (p < 0) obj -= UP;
    else {
      obj += cs[p];
      persons[cm[p]] += size[i];
    }
  }
  for (let j = 0; j < m; j++) obj -= quotaPenalty(model, j, persons[j]);
  return obj;
}

/**
 * Copy of the model where each household keeps only its K best-scoring candidates.
 * The optimum of the pruned model is a lower bound (feasible for the full model), not a bound.
 */
export function pruneModel(model: Model, K: number): Model {
  const { n, start, cs } = model;
  const keep: number[][] = [];
  for (let h = 0; h < n; h++) {
    const ps: number[] = [];
    for (let p = start[h]; p < start[h + 1]; p++) ps.push(p);
    ps.sort((a, b) => cs[b] - cs[a]);
    keep.push(ps.slice(0, K));
  }
  return keepCandidates(model, keep).model;
}

/**
 * Copy of the model where each household keeps its K best candidates by reduced score
 * s − λ·a − μ·p and the place it has in `xPos` (a candidate position, −1 = none), so that `xPos`
 * stays a solution of it. `orig[q]` maps a position of the copy back to the full model.
 */
export function restrictModel(
  model: Model,
  lam: Float64Array,
  mu: Float64Array,
  xPos: Int32Array,
  K: number,
): { model: Model; orig: Int32Array; xPos: Int32Array } {
  const { n, R, start, cm, cs, needC, needH, size } = model;
  const keep: number[][] = [];
  const red: number[] = [];
  for (let h = 0; h < n; h++) {
    const ps: number[] = [];
    for (let p = start[h]; p < start[h + 1]; p++) {
      const j = cm[p];
      let price = mu[j] * size[h];
      for (let k = 0; k < R; k++) price += lam[j * R + k] * (needC ? needC[p * R + k] : needH[h * R + k]);
      red[p - start[h]] = cs[p] - price;
      ps.push(p);
    }
    ps.sort((a, b) => red[b - start[h]] - red[a - start[h]]);
    const k = ps.slice(0, K);
    if (xPos[h] >= 0 && !k.includes(xPos[h])) k.push(xPos[h]);
    keep.push(k);
  }
  const r = keepCandidates(model, keep);
  const x = new Int32Array(n).fill(-1);
  for (let h = 0; h < n; h++) if (xPos[h] >= 0) for (let q = r.model.start[h]; q < r.model.start[h + 1]; q++) if (r.orig[q] === xPos[h]) x[h] = q;
  return { ...r, xPos: x };
}

/** The model restricted to the listed candidate positions per household (kept in CSR order). */
function keepCandidates(model: Model, keep: number[][]): { model: Model; orig: Int32Array } {
  const { n, R, cm, cs, needC } = model;
  let nnz = 0;
  for (const k of keep) nnz += k.length;
  const ns = new Int32Array(n + 1);
  const ncm = new Int32Array(nnz);
  const ncs = new Float64Array(nnz);
  const nneed = needC ? new Float64Array(nnz * R) : null;
  const orig = new Int32Array(nnz);
  let q = 0;
  for (let h = 0; h < n; h++) {
    for (const p of keep[h].slice().sort((a, b) => a - b)) {
      ncm[q] = cm[p];
      ncs[q] = cs[p];
      orig[q] = p;
      if (nneed && needC) for (let k = 0; k < R; k++) nneed[q * R + k] = needC[p * R + k];
      q++;
    }
    ns[h + 1] = q;
  }
  return { model: { ...model, start: ns, cm: ncm, cs: ncs, needC: nneed }, orig };
}
