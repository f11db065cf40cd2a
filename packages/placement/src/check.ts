/**
 * Independent feasibility checker: works directly on the instance JSON (no compiled model)
 * and recomputes the objective from scratch. `feasible` covers capacities, indivisibility,
 * allowed municipalities, mustGo/mustNot and completeness; objective/bound mismatches are
 * reported in `violations` and `objectiveMatches` but do not make a result infeasible.
 */
import type { CheckResult, Instance, Result } from './types.ts';
import { validateInstance } from './validate.ts';

type ResultLike = Pick<Result, 'assignments' | 'unassigned' | 'objective'> & Partial<Pick<Result, 'bound'>>;

export function check(input: Instance | unknown, result: ResultLike): CheckResult {
  const inst = validateInstance(input);
  const violations: string[] = [];
  const v = (s: string) => {
    if (violations.length < 200) violations.push(s);
  };
  const R = inst.resources;
  const muniIdx = new Map(inst.municipalities.map((mu, j) => [mu.id, j] as const));
  const hhIdx = new Map(inst.households.map((h, i) => [h.id, i] as const));
  const seen = new Int32Array(inst.households.length);
  const used = inst.municipalities.map(() => new Float64Array(R.length));
  const persons = new Float64Array(inst.municipalities.length);
  let objective = 0;
  const UP = inst.options?.unassignedPenalty ?? 0;
  if (!result || !Array.isArray(result.assignments) || !Array.isArray(result.unassigned)) {
    return { feasible: false, violations: ['result must have assignments[] and unassigned[]'], objective: NaN, objectiveMatches: false };
  }
  for (const a of result.assignments) {
    const i = hhIdx.get(a?.household);
    if (i === undefined) {
      v(`assignment to unknown household ${JSON.stringify(a?.household)}`);
      continue;
    }
    seen[i]++;
    const j = muniIdx.get(a.municipality);
    if (j === undefined) {
      v(`household ${a.household}: unknown municipality ${JSON.stringify(a.municipality)}`);
      continue;
    }
    const h = inst.households[i];
    const sc = h.scores;
    const score = Array.isArray(sc) ? sc[j] : Object.prototype.hasOwnProperty.call(sc, a.municipality) ? sc[a.municipality] : null;
    if (score === null || score === undefined) v(`household ${h.id}: municipality ${a.municipality} not allowed (no score)`);
    else {
      objective += score;
      if (typeof a.score === 'number' && Math.abs(a.score - score) > 1e-9 * Math.max(1, Math.abs(score)))
        v(`household ${h.id}: reported score ${a.score} differs from instance score ${score}`);
    }
    if (h.mustGo && !h.mustGo.includes(a.municipality)) v(`household ${h.id}: ${a.municipality} is not in mustGo [${h.mustGo.join(', ')}]`);
    if (h.mustNot && h.mustNot.includes(a.municipality)) v(`household ${h.id}: ${a.municipality} is in mustNot`);
    R.forEach((r, k) => {
      const nd = h.needs[r];
      used[j][k] += Array.isArray(nd) ? nd[j] : (nd ?? 0);
    });
    persons[j] += h.size ?? 1;
  }
  for (const u of result.unassigned) {
    const i = hhIdx.get(u?.household);
    if (i === undefined) {
      v(`unassigned entry for unknown household ${JSON.stringify(u?.household)}`);
      continue;
    }
    seen[i]++;
    objective -= UP;
    if (typeof u.reason !== 'string' || u.reason.length === 0) v(`household ${u.household}: unassigned without a reason`);
  }
  inst.households.forEach((h, i) => {
    if (seen[i] === 0) v(`household ${h.id} is neither assigned nor unassigned`);
    else if (seen[i] > 1) v(`household ${h.id} appears ${seen[i]} times (households are indivisible and placed once)`);
  });
  inst.municipalities.forEach((mu, j) => {
    R.forEach((r, k) => {
      const c = mu.capacity[r] ?? 0;
      if (used[j][k] > c + 1e-9 * Math.max(1, c)) v(`municipality ${mu.id}: ${r} used ${used[j][k]} > capacity ${c}`);
    });
    const pen = mu.quotaPenalty ?? 0;
    if (mu.quota !== undefined && pen > 0) {
      const tol = mu.quotaTolerance ?? 0;
      const lo = mu.quota * (1 - tol);
      const hi = mu.quota * (1 + tol);
      const p = persons[j];
      objective -= p < lo ? pen * (lo - p) : p > hi ? pen * (p - hi) : 0;
    }
  });
  const feasible = violations.length === 0;
  const tol = 1e-6 * Math.max(1, Math.abs(objective));
  const objectiveMatches = typeof result.objective === 'number' && Math.abs(result.objective - objective) <= tol;
  if (!objectiveMatches) v(`reported objective ${result.objective} differs from recomputed ${objective}`);
  if (typeof result.bound === 'number' && result.bound < objective - tol) v(`reported bound ${result.bound} is below the objective ${objective} of a feasible solution`);
  return { feasible, violations, objective, objectiveMatches };
}
