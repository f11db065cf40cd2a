import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { TerritoryCode } from './territories.ts';

import { Procedure } from './reception.ts';
import { distributionKeys } from './lists/placement.ts';
import { sexes } from './lists/pathways.ts';

const Iso639 = Type.String({ pattern: '^[a-z]{2,3}$' });
const Isco = Type.String({ pattern: '^[0-9]{1,4}$' });

export const CreatePendingHousehold = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 40, description: 'Pseudonymous reference (no names)' }),
    ages: Type.Array(Type.Integer({ minimum: 0, maximum: 120 }), { minItems: 1, maxItems: 30, description: 'Age of each member' }),
    sexes: Type.Optional(Type.Array(Type.Enum(sexes), { maxItems: 30, description: 'Sex of each member when known, in the order of ages (same length)' })),
    unaccompaniedMinor: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Type.Array(Iso639, { maxItems: 10 })),
    occupations: Type.Optional(Type.Array(Isco, { maxItems: 10, description: "ISCO-08 codes of the adults' occupations" })),
    ties: Type.Optional(Type.Array(TerritoryCode, { maxItems: 10, description: 'Territories where relatives or community live' })),
    preferences: Type.Optional(Type.Array(TerritoryCode, { maxItems: 5, description: "The household's own wishes, in order" })),
    medicalCare: Type.Optional(Type.Boolean()),
    psychosocialCare: Type.Optional(Type.Boolean()),
    stepFree: Type.Optional(Type.Boolean()),
    procedure: Procedure,
  },
  { additionalProperties: false },
);
export type CreatePendingHousehold = Static<typeof CreatePendingHousehold>;

export const PendingHousehold = Type.Object({
  id: Uuid,
  reference: Type.String(),
  size: Type.Integer(),
  ages: Type.Array(Type.Integer()),
  sexes: Type.Array(Type.String()),
  unaccompaniedMinor: Type.Boolean(),
  languages: Type.Array(Type.String()),
  occupations: Type.Array(Type.String()),
  ties: Type.Array(Type.String()),
  preferences: Type.Array(Type.String()),
  medicalCare: Type.Boolean(),
  psychosocialCare: Type.Boolean(),
  stepFree: Type.Boolean(),
  procedure: Type.String(),
  status: Type.String(),
  placedOrganisation: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  needs: Type.Record(Type.String(), Type.Integer()),
});
export type PendingHousehold = Static<typeof PendingHousehold>;

// Weights are points: a component (between 0 and 1) earns up to its weight, and a household's score
// in a municipality is the sum (at most the sum of the five component weights: 110 by default).
const Points = (description: string) => Type.Number({ minimum: 0, maximum: 1000, description });
export const Weights = Type.Object(
  {
    labour: Points('points for a full labour-market fit (default 40)'),
    ties: Points('points for family or community in the municipality (default 30)'),
    preference: Points("points for the household's first wish (default 20)"),
    services: Points('points for specialised care available when needed (default 10)'),
    language: Points('points for a language course available (default 10)'),
    quotaPenalty: Points("points deducted per person above or below the quota's tolerance band (default 5)"),
  },
  {
    additionalProperties: false,
    description: 'Points per score component: each component is between 0 and 1 and earns up to its weight; the score is their sum.',
  },
);
export type Weights = Static<typeof Weights>;

export const DistributionKey = Type.Enum(distributionKeys);

export const CreateRun = Type.Object(
  {
    territoryCode: TerritoryCode,
    distributionKey: DistributionKey,
    customKey: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0 }))),
    weights: Type.Optional(Weights),
    householdIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50_000 })),
    quotaTolerance: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    timeLimitSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 300 })),
  },
  { additionalProperties: false },
);
export type CreateRun = Static<typeof CreateRun>;

const Components = Type.Record(Type.String(), Type.Number());
export const RunAssignment = Type.Object({
  household: Type.Object({ id: Uuid, reference: Type.String(), size: Type.Integer() }),
  municipality: Type.Union([Type.Object({ id: Uuid, name: Type.String(), territoryCode: Type.String() }), Type.Null()]),
  proposedMunicipalityId: Type.Union([Uuid, Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  components: Type.Union([Components, Type.Null()]),
  overridden: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export const RunMunicipality = Type.Object({
  id: Uuid,
  name: Type.String(),
  territoryCode: Type.String(),
  population: Type.Integer(),
  /** The distribution key's share of the year's arrivals in the run's territory (0–1; the shares sum to 1). */
  share: Type.Number(),
  /** share × the year's total (persons received this year in the territory plus this run). */
  target: Type.Number(),
  /** What is left of the target for this run: target − received this year, never below 0 (the engine's quota). */
  quota: Type.Number(),
  /** Persons received this year (arrival notices not declined, withdrawn or expired). */
  intakeYtd: Type.Integer(),
  personsBefore: Type.Integer(),
  personsAfter: Type.Integer(),
  /** personsAfter ÷ target: received this year plus this run, as a share of the target (null when the target is 0). */
  ofTarget: Type.Union([Type.Number(), Type.Null()]),
  loads: Type.Record(Type.String(), Type.Object({ used: Type.Number(), capacity: Type.Number() })),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
});
export const Run = Type.Object({
  id: Uuid,
  status: Type.String(),
  version: Type.Integer(),
  territory: Type.Object({ code: Type.String(), name: Type.String() }),
  distributionKey: Type.String(),
  weights: Weights,
  /** The coordinator's organisation that made the run; createdBy is null when the person is outside the reader's organisation. */
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  /** The year the quotas count (UTC calendar year) and its persons: received before this run, in this run, total. */
  year: Type.Object({ year: Type.Integer(), received: Type.Integer(), thisRun: Type.Integer(), total: Type.Integer() }),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  previousRunId: Type.Union([Uuid, Type.Null()]),
  figures: Type.Object({
    objective: Type.Number(),
    bound: Type.Number(),
    gap: Type.Number(),
    solveMs: Type.Number(),
    method: Type.String(),
    households: Type.Integer(),
    municipalities: Type.Integer(),
  }),
  assignments: Type.Array(RunAssignment),
  unassigned: Type.Array(Type.Object({ household: Type.Object({ id: Uuid, reference: Type.String(), size: Type.Integer() }), reason: Type.String() })),
  municipalities: Type.Array(RunMunicipality),
  overrides: Type.Array(
    Type.Object({
      householdId: Uuid,
      from: Type.Union([Uuid, Type.Null()]),
      to: Type.Union([Uuid, Type.Null()]),
      reason: Type.String(),
      by: Type.String(),
      at: Type.String(),
    }),
  ),
});
export type Run = Static<typeof Run>;

export const RunSummary = Type.Object({
  id: Uuid,
  status: Type.String(),
  territory: Type.Object({ code: Type.String(), name: Type.String() }),
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  /** households in the run, and how many of them it assigns to a municipality (after the overrides) */
  createdAt: Type.String(),
  households: Type.Integer(),
  assigned: Type.Integer(),
  gap: Type.Number(),
  distributionKey: Type.String(),
});
export type RunSummary = Static<typeof RunSummary>;

export const Explanation = Type.Object({
  household: Type.Object({ id: Uuid, reference: Type.String(), size: Type.Integer() }),
  municipality: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  components: Type.Union([Components, Type.Null()]),
  weights: Weights,
  alternatives: Type.Array(
    Type.Object({
      municipality: Type.Object({ id: Uuid, name: Type.String() }),
      score: Type.Number(),
      components: Components,
      // the figures behind each blocker, for the interface to say in its language; `detail` says
      // the same in English for API users
      blockedBy: Type.Array(
        Type.Object({
          kind: Type.String(),
          resource: Type.Optional(Type.String()),
          shadowPrice: Type.Optional(Type.Number()),
          used: Type.Optional(Type.Number()),
          capacity: Type.Optional(Type.Number()),
          need: Type.Optional(Type.Number()),
          persons: Type.Optional(Type.Number()),
          upper: Type.Optional(Type.Number()),
          lower: Type.Optional(Type.Number()),
          municipality: Type.Optional(Type.Object({ id: Uuid, name: Type.String() })),
          detail: Type.String(),
        }),
      ),
    }),
  ),
  /** In English (the engine's sentence); `unassignedWhy` is the same as data. */
  unassignedReason: Type.Union([Type.String(), Type.Null()]),
  unassignedWhy: Type.Union([
    Type.Object({
      kind: Type.Union([Type.Literal('noAllowed'), Type.Literal('tooBig'), Type.Literal('full'), Type.Literal('notWorth')]),
      cause: Type.Optional(Type.String()),
      mustGo: Type.Optional(Type.Boolean()),
      resources: Type.Optional(Type.Array(Type.Object({ resource: Type.String(), municipalities: Type.Optional(Type.Integer()) }))),
      municipality: Type.Optional(Type.Object({ id: Uuid, name: Type.String() })),
      score: Type.Optional(Type.Number()),
    }),
    Type.Null(),
  ]),
});
export type Explanation = Static<typeof Explanation>;

export const Override = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    householdId: Uuid,
    municipalityId: Type.Union([Uuid, Type.Null()], { description: 'null leaves the household unassigned in this run' }),
    reason: Type.String({ minLength: 3, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type Override = Static<typeof Override>;

export const Approve = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    responseHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, default: 48 })),
    expectedArrival: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type Approve = Static<typeof Approve>;
