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
  if (!result || !Array.isArray(result.assignments) || !Array.isArray(result.unassigned)) {
    return { feasible: false, violations: ['result must have assignments[] and unassigned[]'], objective: NaN, objectiveMatches: false };
  }
  const t = new Tally(inst);
  for (const a of result.assignments) t.assignment(a);
  for (const u of result.unassigned) t.unassigned(u);
  t.completeness();
  t.capacitiesAndQuotas();
  const { violations, objective } = t;
  const feasible = violations.length === 0;
  const tol = 1e-6 * Math.max(1, Math.abs(objective));
  const objectiveMatches = typeof result.objective === 'number' && Math.abs(result.objective - objective) <= tol;
  if (!objectiveMatches) t.v(`reported objective ${result.objective} differs from recomputed ${objective}`);
  if (typeof result.bound === 'number' && result.bound < objective - tol)
    t.v(`reported bound ${result.bound} is below the objective ${objective} of a feasible solution`);
  return { feasible, violations, objective, objectiveMatches };
}

/** The result's entries counted against the instance: violations, use per municipality, objective. */
class Tally {
  readonly violations: string[] = [];
  objective = 0;
  private readonly muniIdx: Map<string, number>;
  private readonly hhIdx: Map<string, number>;
  private readonly seen: Int32Array;
  private readonly used: Float64Array[];
  private readonly persons: Float64Array;

  constructor(private readonly inst: Instance) {
    this.muniIdx = new Map(inst.municipalities.map((mu, j) => [mu.id, j] as const));
    this.hhIdx = new Map(inst.households.map((h, i) => [h.id, i] as const));
    this.seen = new Int32Array(inst.households.length);
    this.used = inst.municipalities.map(() => new Float64Array(inst.resources.length));
    this.persons = new Float64Array(inst.municipalities.length);
  }

  v(s: string): void {
    if (this.violations.length < 200) this.violations.push(s);
  }

  assignment(a: ResultLike['assignments'][number]): void {
    const i = this.hhIdx.get(a?.household);
    if (i === undefined) return this.v(`assignment to unknown household ${JSON.stringify(a?.household)}`);
    this.seen[i]++;
    const j = this.muniIdx.get(a.municipality);
    if (j === undefined) return this.v(`household ${a.household}: unknown municipality ${JSON.stringify(a.municipality)}`);
    const h = this.inst.households[i];
    const sc = h.scores;
    const score = Array.isArray(sc) ? sc[j] : Object.prototype.hasOwnProperty.call(sc, a.municipality) ? sc[a.municipality] : null;
    if (score === null || score === undefined) this.v(`household ${h.id}: municipality ${a.municipality} not allowed (no score)`);
    else {
      this.objective += score;
      if (typeof a.score === 'number' && Math.abs(a.score - score) > 1e-9 * Math.max(1, Math.abs(score)))
        this.v(`household ${h.id}: reported score ${a.score} differs from instance score ${score}`);
    }
    if (h.mustGo && !h.mustGo.includes(a.municipality)) this.v(`household ${h.id}: ${a.municipality} is not in mustGo [${h.mustGo.join(', ')}]`);
    if (h.mustNot && h.mustNot.includes(a.municipality)) this.v(`household ${h.id}: ${a.municipality} is in mustNot`);
    this.inst.resources.forEach((r, k) => {
      const nd = h.needs[r];
      this.used[j][k] += Array.isArray(nd) ? nd[j] : (nd ?? 0);
    });
    this.persons[j] += h.size ?? 1;
  }

  unassigned(u: ResultLike['unassigned'][number]): void {
    const i = this.hhIdx.get(u?.household);
    if (i === undefined) return this.v(`unassigned entry for unknown household ${JSON.stringify(u?.household)}`);
    this.seen[i]++;
    this.objective -= this.inst.options?.unassignedPenalty ?? 0;
    if (typeof u.reason !== 'string' || u.reason.length === 0) this.v(`household ${u.household}: unassigned without a reason`);
  }

  /** Every household exactly once. */
  completeness(): void {
    this.inst.households.forEach((h, i) => {
      if (this.seen[i] === 0) this.v(`household ${h.id} is neither assigned nor unassigned`);
      else if (this.seen[i] > 1) this.v(`household ${h.id} appears ${this.seen[i]} times (households are indivisible and placed once)`);
    });
  }

  /** Capacities hold; quota penalties come off the objective. */
  capacitiesAndQuotas(): void {
    this.inst.municipalities.forEach((mu, j) => {
      this.inst.resources.forEach((r, k) => {
        const c = mu.capacity[r] ?? 0;
        if (this.used[j][k] > c + 1e-9 * Math.max(1, c)) this.v(`municipality ${mu.id}: ${r} used ${this.used[j][k]} > capacity ${c}`);
      });
      const pen = mu.quotaPenalty ?? 0;
      if (mu.quota !== undefined && pen > 0) {
        const tol = mu.quotaTolerance ?? 0;
        const lo = mu.quota * (1 - tol);
        const hi = mu.quota * (1 + tol);
        const p = this.persons[j];
        this.objective -= p < lo ? pen * (lo - p) : p > hi ? pen * (p - hi) : 0;
      }
    });
  }
}
