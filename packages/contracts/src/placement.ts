import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { TerritoryCode } from './territories.ts';

import { Procedure } from './reception.ts';

const Iso639 = Type.String({ pattern: '^[a-z]{2,3}$' });
const Isco = Type.String({ pattern: '^[0-9]{1,4}$' });

export const CreatePendingHousehold = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 40, description: 'Pseudonymous reference (no names)' }),
    ages: Type.Array(Type.Integer({ minimum: 0, maximum: 120 }), { minItems: 1, maxItems: 30, description: 'Age of each member' }),
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

export const Weights = Type.Object(
  {
    labour: Type.Number({ minimum: 0, maximum: 1000 }),
    ties: Type.Number({ minimum: 0, maximum: 1000 }),
    preference: Type.Number({ minimum: 0, maximum: 1000 }),
    services: Type.Number({ minimum: 0, maximum: 1000 }),
    language: Type.Number({ minimum: 0, maximum: 1000 }),
    quotaPenalty: Type.Number({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type Weights = Static<typeof Weights>;

export const DistributionKey = Type.Enum(['pact_reference', 'population', 'custom']);

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
  quota: Type.Number(),
  intakeYtd: Type.Integer(),
  personsBefore: Type.Integer(),
  personsAfter: Type.Integer(),
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
  createdAt: Type.String(),
  createdBy: Type.String(),
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
  createdAt: Type.String(),
  households: Type.Integer(),
  assigned: Type.Integer(),
  gap: Type.Number(),
  distributionKey: Type.String(),
});

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
