import { type Model, quotaPenalty } from './model.ts';
import type { Alternative, Blocker, Explanation, Instance, UnassignedWhy } from './types.ts';

export interface FinalState {
  /** Municipality index per household or −1. */
  x: Int32Array;
  /** Candidate position per household or −1. */
  xPos: Int32Array;
  load: Float64Array;
  persons: Float64Array;
  /** Lagrange multipliers (m*R) and quota multipliers (m), if available. */
  lam: Float64Array | null;
  mu: Float64Array | null;
}

export function finalState(model: Model, xPos: Int32Array, lam: Float64Array | null, mu: Float64Array | null): FinalState {
  const { n, m, R, cm, needC, needH, size } = model;
  const x = new Int32Array(n).fill(-1);
  const load = new Float64Array(m * R);
  const persons = new Float64Array(m);
  for (let h = 0; h < n; h++) {
    const p = xPos[h];
    if (p < 0) continue;
    const j = cm[p];
    x[h] = j;
    for (let k = 0; k < R; k++) load[j * R + k] += needC ? needC[p * R + k] : needH[h * R + k];
    persons[j] += size[h];
  }
  return { x, xPos, load, persons, lam, mu };
}

function needOf(inst: Instance, h: number, j: number, r: string): number {
  const v = inst.households[h].needs[r];
  return Array.isArray(v) ? v[j] : (v ?? 0);
}

/** Specific reason why household h is unassigned in the final state, in English and as data. */
export function unassignedReason(inst: Instance, model: Model, st: FinalState, h: number): { reason: string; why: UnassignedWhy } {
  const hh = inst.households[h];
  const { R, cap, start, cm, cs, resources } = model;
  if (model.allowedCount[h] === 0) {
    const scored = Array.isArray(hh.scores) ? hh.scores.some((s) => s !== null && s !== undefined) : Object.keys(hh.scores).length > 0;
    if (!scored) return { reason: 'no allowed municipality (no score for any municipality)', why: { kind: 'noAllowed', cause: 'noScore' } };
    if (hh.mustGo && hh.mustNot)
      return {
        reason: 'no allowed municipality (mustGo and mustNot exclude every scored municipality)',
        why: { kind: 'noAllowed', cause: 'mustGoAndMustNot' },
      };
    if (hh.mustGo) return { reason: 'no allowed municipality (no mustGo municipality has a score)', why: { kind: 'noAllowed', cause: 'mustGoUnscored' } };
    return { reason: 'no allowed municipality (mustNot excludes every scored municipality)', why: { kind: 'noAllowed', cause: 'mustNotAll' } };
  }
  const deg = start[h + 1] - start[h];
  if (deg === 0) {
    const parts = resources.filter((r) => {
      const v = hh.needs[r];
      return Array.isArray(v) ? v.some((x) => x > 0) : (v ?? 0) > 0;
    });
    return {
      reason: `needs exceed the total capacity of every allowed municipality (needs ${parts.map((r) => `${JSON.stringify(hh.needs[r])} ${r}`).join(', ')})`,
      why: { kind: 'tooBig', resources: parts },
    };
  }
  const fullOn = new Map<string, number>();
  let bestRoom = -1;
  let bestRoomVal = -Infinity;
  for (let p = start[h]; p < start[h + 1]; p++) {
    const j = cm[p];
    let blocked: string | null = null;
    for (let k = 0; k < R; k++) {
      const need = model.needC ? model.needC[p * R + k] : model.needH[h * R + k];
      if (st.load[j * R + k] + need > cap[j * R + k] + 1e-9) {
        blocked = resources[k];
        break;
      }
    }
    if (blocked) fullOn.set(blocked, (fullOn.get(blocked) ?? 0) + 1);
    else {
      const val = cs[p] - (quotaPenalty(model, j, st.persons[j] + model.size[h]) - quotaPenalty(model, j, st.persons[j]));
      if (val > bestRoomVal) {
        bestRoomVal = val;
        bestRoom = p;
      }
    }
  }
  const who = hh.mustGo ? 'mustGo municipalities' : 'allowed municipalities';
  if (bestRoom < 0) {
    const full = [...fullOn.entries()].sort((a, b) => b[1] - a[1]).map(([resource, municipalities]) => ({ resource, municipalities }));
    const why: UnassignedWhy = { kind: 'full', mustGo: !!hh.mustGo, resources: full };
    if (full.length === 1) {
      const r = full[0].resource;
      return { reason: hh.mustGo ? `mustGo municipalities full on ${r}` : `no allowed municipality has ${r} left`, why };
    }
    return { reason: `all ${who} are full (${full.map((f) => `${f.resource} in ${f.municipalities}`).join(', ')})`, why };
  }
  const j = cm[bestRoom];
  const pen = quotaPenalty(model, j, st.persons[j] + model.size[h]) - quotaPenalty(model, j, st.persons[j]);
  return {
    reason:
      `not placed because it would not improve the objective: best municipality with room is ${model.muniIds[j]} ` +
      `(score ${cs[bestRoom]}${pen > 0 ? `, quota penalty +${round(pen)}` : ''}) versus unassigned penalty ${model.UP}`,
    why: { kind: 'notWorth', municipality: model.muniIds[j], score: cs[bestRoom], quotaPenalty: round(pen), unassignedPenalty: model.UP },
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Per-household explanations: chosen score, up to 3 next-best alternatives and their blockers. */
export function explainAll(inst: Instance, model: Model, st: FinalState): Explanation[] {
  const { n, muniIds } = model;
  const out: Explanation[] = new Array(n);
  const top = { idx: new Int32Array(4), val: new Float64Array(4) };
  for (let h = 0; h < n; h++) {
    const hh = inst.households[h];
    const j0 = st.x[h];
    const s0 = j0 >= 0 ? model.cs[st.xPos[h]] : null;
    const cnt = nextBest(model, hh, j0, top);
    const alternatives: Alternative[] = [];
    for (let t = 0; t < cnt; t++) {
      const j = top.idx[t];
      const s = top.val[t];
      alternatives.push({ municipality: muniIds[j], score: s, blockedBy: s0 === null || s > s0 ? blockers(inst, model, st, h, j, s) : [] });
    }
    out[h] = { household: hh.id, municipality: j0 >= 0 ? muniIds[j0] : null, score: s0, alternatives };
  }
  return out;
}

/** The 3 best-scoring municipalities other than j0 (by raw score, ties in list order) into top; returns how many. */
function nextBest(model: Model, hh: Instance['households'][number], j0: number, top: { idx: Int32Array; val: Float64Array }): number {
  const { idx, val } = top;
  let cnt = 0;
  const consider = (j: number, s: number) => {
    if (j === j0) return;
    let q: number;
    if (cnt < 3) q = cnt++;
    else if (s > val[2]) q = 2;
    else return;
    while (q > 0 && val[q - 1] < s) {
      val[q] = val[q - 1];
      idx[q] = idx[q - 1];
      q--;
    }
    val[q] = s;
    idx[q] = j;
  };
  const sc = hh.scores;
  if (Array.isArray(sc)) {
    for (let j = 0; j < model.m; j++) {
      const s = sc[j];
      if (s !== null && s !== undefined) consider(j, s);
    }
  } else for (const k in sc) consider(model.muniIndex.get(k)!, sc[k]);
  return cnt;
}

/** Why household h is not in municipality j, which it scores s (more than its own place). */
function blockers(inst: Instance, model: Model, st: FinalState, h: number, j: number, s: number): Blocker[] {
  const hh = inst.households[h];
  const { R, cap, resources, muniIds } = model;
  const blockedBy: Blocker[] = [];
  const id = muniIds[j];
  if (hh.mustGo && !hh.mustGo.includes(id)) blockedBy.push({ kind: 'mustGo', allowed: hh.mustGo });
  if (hh.mustNot && hh.mustNot.includes(id)) blockedBy.push({ kind: 'mustNot' });
  for (let k = 0; k < R; k++) {
    const need = needOf(inst, h, j, resources[k]);
    const used = st.load[j * R + k];
    if (need > 0 && used + need > cap[j * R + k] + 1e-9) {
      const b: Blocker = { kind: 'capacity', resource: resources[k], used: round(used), capacity: cap[j * R + k], need };
      if (st.lam) b.shadowPrice = round(st.lam[j * R + k]);
      blockedBy.push(b);
    }
  }
  blockedBy.push(...quotaBlockers(model, st, h, j));
  if (blockedBy.length === 0) blockedBy.push(tradeoff(inst, model, st, h, j, s));
  return blockedBy;
}

/** Moving in would push j above its band; leaving would push the current place below its band. */
function quotaBlockers(model: Model, st: FinalState, h: number, j: number): Blocker[] {
  const out: Blocker[] = [];
  const size = model.size[h];
  const j0 = st.x[h];
  if (model.qPen[j] > 0) {
    const inc = quotaPenalty(model, j, st.persons[j] + size) - quotaPenalty(model, j, st.persons[j]);
    if (inc > 0) {
      const b: Blocker = { kind: 'quota', persons: st.persons[j], upper: round(model.qU[j]), penaltyIncrease: round(inc) };
      if (st.mu) b.shadowPrice = round(st.mu[j]);
      out.push(b);
    }
  }
  if (j0 >= 0 && model.qPen[j0] > 0) {
    const inc = quotaPenalty(model, j0, st.persons[j0] - size) - quotaPenalty(model, j0, st.persons[j0]);
    if (inc > 0) {
      const b: Blocker = {
        kind: 'quotaLower',
        municipality: model.muniIds[j0],
        persons: st.persons[j0],
        lower: round(model.qL[j0]),
        penaltyIncrease: round(inc),
      };
      if (st.mu) b.shadowPrice = round(st.mu[j0]);
      out.push(b);
    }
  }
  return out;
}

/** Room was available: the place lost on price (reduced score = score − prices, when multipliers are known). */
function tradeoff(inst: Instance, model: Model, st: FinalState, h: number, j: number, s: number): Blocker {
  const b: Blocker = { kind: 'tradeoff' };
  if (st.lam) {
    const { R, resources } = model;
    let price = st.mu ? st.mu[j] * model.size[h] : 0;
    for (let k = 0; k < R; k++) price += st.lam[j * R + k] * needOf(inst, h, j, resources[k]);
    b.reducedScore = round(s - price);
  }
  return b;
}
