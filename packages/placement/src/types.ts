/**
 * Public types of the placement engine. The JSON Schema in
 * `packages/placement/instance.schema.json` documents the same instance format.
 */

/** A municipality (or region, or reception centre) that can host households. */
export interface Municipality {
  /** Unique identifier. */
  id: string;
  /** Capacity per resource name. A resource missing here has capacity 0. */
  capacity: Record<string, number>;
  /** Target number of persons (sum of household sizes). */
  quota?: number;
  /** Tolerance as a fraction of the quota: no penalty within [quota*(1-tol), quota*(1+tol)]. Default 0. */
  quotaTolerance?: number;
  /** Penalty per person outside the tolerance band. Default 0 (quota is informative only). */
  quotaPenalty?: number;
}

/** A household; it is never split. */
export interface Household {
  id: string;
  /** Number of persons (default 1). Used for quotas. */
  size?: number;
  /**
   * Need per resource: a number (the same in every municipality) or an array aligned with
   * `municipalities` (need in each municipality). A missing resource means need 0.
   */
  needs: Record<string, number | number[]>;
  /**
   * Score of placing the household in each municipality: an array aligned with
   * `municipalities` (null = not allowed) or an object keyed by municipality id
   * (missing entry = not allowed).
   */
  scores: (number | null)[] | Record<string, number>;
  /** If given, the household may only be placed in one of these municipalities. */
  mustGo?: string[];
  /** The household may not be placed in these municipalities. */
  mustNot?: string[];
}

export interface SolveOptions {
  /** Wall-clock limit for the whole solve, in seconds (default 10). */
  timeLimitSeconds?: number;
  /** Cost per unassigned household (default 0). */
  unassignedPenalty?: number;
  /** Seed for randomised parts (default 1). */
  seed?: number;
  /** Stop when (bound - objective)/max(|bound|,1e-9) is at most this (default 1e-6). */
  gapTolerance?: number;
  /** Force an algorithm: "auto" (default), "lagrangian" or "assignment". */
  method?: 'auto' | 'lagrangian' | 'assignment';
  /** Number of municipalities per household kept in the working candidate set (default 32). */
  candidateLimit?: number;
  /** Compute per-household explanations (default true). */
  explain?: boolean;
}

export interface Instance {
  resources: string[];
  municipalities: Municipality[];
  households: Household[];
  options?: SolveOptions;
}

export interface Assignment {
  household: string;
  municipality: string;
  score: number;
}

export interface Unassigned {
  household: string;
  /** The reason in English, for people reading the JSON. */
  reason: string;
  /** The same reason as data, for user interfaces to say in their own language (always set by
   * `solve`; optional so that `check` takes results from elsewhere). */
  why?: UnassignedWhy;
}

/** Why a household is unassigned, as data (see Unassigned.reason for the English sentence). */
export type UnassignedWhy =
  | { kind: 'noAllowed'; cause: 'noScore' | 'mustGoAndMustNot' | 'mustGoUnscored' | 'mustNotAll' }
  /** Its needs exceed the whole capacity of every allowed municipality on these resources. */
  | { kind: 'tooBig'; resources: string[] }
  /** Every allowed (mustGo: every mustGo) municipality is full; per resource, in how many. */
  | { kind: 'full'; mustGo: boolean; resources: { resource: string; municipalities: number }[] }
  /** There was room, but placing it would lower the objective (score versus unassigned penalty). */
  | { kind: 'notWorth'; municipality: string; score: number; quotaPenalty: number; unassignedPenalty: number };

/** Why a better-scoring alternative was not used. */
export type Blocker =
  | {
      kind: 'capacity';
      resource: string;
      /** Load of the alternative on this resource in the result. */
      used: number;
      capacity: number;
      need: number;
      /** Lagrange multiplier of this capacity constraint (score units per unit of resource). */
      shadowPrice?: number;
    }
  | {
      kind: 'quota';
      /** Persons in the alternative in the result and the upper end of its tolerance band. */
      persons: number;
      upper: number;
      /** Increase of the quota penalty if the household moved there. */
      penaltyIncrease: number;
      /** Lagrange multiplier of the quota (score units per person). */
      shadowPrice?: number;
    }
  | {
      /** Leaving the current municipality would push it below the lower end of its quota band. */
      kind: 'quotaLower';
      municipality: string;
      persons: number;
      lower: number;
      penaltyIncrease: number;
      shadowPrice?: number;
    }
  | { kind: 'mustGo'; allowed: string[] }
  | { kind: 'mustNot' }
  | {
      /** Room was available; moving there would still lower the total objective
       * (e.g. it would displace other households via prices); reducedScore = score - prices. */
      kind: 'tradeoff';
      reducedScore?: number;
    };

export interface Alternative {
  municipality: string;
  score: number;
  /** Empty when the alternative scores lower than the chosen municipality. */
  blockedBy: Blocker[];
}

export interface Explanation {
  household: string;
  municipality: string | null;
  score: number | null;
  /** Up to 3 next-best municipalities by score (including ones excluded by mustGo/mustNot). */
  alternatives: Alternative[];
}

export interface ResourceLoad {
  used: number;
  capacity: number;
}

export interface QuotaFulfilment {
  persons: number;
  quota: number | null;
  lower: number | null;
  upper: number | null;
  penalty: number;
}

export interface Result {
  assignments: Assignment[];
  unassigned: Unassigned[];
  /** Σ score − Σ quota penalties − unassignedPenalty·|unassigned|. */
  objective: number;
  /** Proven upper bound on the optimum of the integer problem. */
  bound: number;
  /** (bound − objective)/max(|bound|, 1e-9). */
  gap: number;
  status: 'optimal' | 'feasible';
  solveMs: number;
  method: string;
  /** loads[municipalityId][resource] */
  loads: Record<string, Record<string, ResourceLoad>>;
  /** quota[municipalityId] */
  quota: Record<string, QuotaFulfilment>;
  explanations: Explanation[];
  stats?: Record<string, number | string>;
}

export interface CheckResult {
  feasible: boolean;
  violations: string[];
  /** Objective recomputed from the instance and the assignments. */
  objective: number;
  /** True when result.objective matches the recomputed objective. */
  objectiveMatches: boolean;
}
