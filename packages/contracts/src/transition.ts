// The transition from temporary protection to a durable status (issue 17): routes per country
// (reference data), cohorts of people whose status ends in a window, bulk plan steps a person
// confirms (preview, apply, undo per person), monthly projections and progress.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { IsoDate } from './dates.ts';
import { statusTypeCodes, stepDomains } from './lists/pathways.ts';
import { bulkExclusions, bulkStepFor, transitionConditions, transitionStates } from './lists/transition.ts';
import { Country, Purpose } from './pathways.ts';

const e = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const RouteCondition = Type.Object(
  {
    kind: e(transitionConditions),
    /** For residence_years: the years of residence needed. */
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    /** What the condition means in the country, in words (e.g. "a job offer matching the qualification"). */
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RouteCondition = Static<typeof RouteCondition>;

/** The route's name in the languages it was written in (English required; the UI falls back to it). */
export const RouteNames = Type.Object(
  {
    en: Text(200),
    fr: Type.Optional(Text(200)),
    de: Type.Optional(Text(200)),
    uk: Type.Optional(Text(200)),
    ar: Type.Optional(Text(200)),
    sv: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

const routeFields = {
  names: RouteNames,
  targetStatus: e(statusTypeCodes),
  conditions: Type.Array(RouteCondition, { maxItems: 10 }),
  authority: Text(300),
  /** The last day to apply; null: before the current status ends. */
  applicationDeadline: nullable(IsoDate),
  legalBasis: Text(300),
  /** Where the facts come from (a URL or an official reference). */
  source: Text(500),
  /** Order of preference when several routes fit (lower first). */
  rank: Type.Integer({ minimum: 0, maximum: 1000 }),
};

export const TransitionRoute = Type.Object({ id: Uuid, country: Country, ...routeFields, version: Type.Integer() });
export type TransitionRoute = Static<typeof TransitionRoute>;
export const NewTransitionRoute = Type.Object({ country: Country, ...routeFields }, { additionalProperties: false });
export type NewTransitionRoute = Static<typeof NewTransitionRoute>;
export const UpdateTransitionRoute = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    names: Type.Optional(RouteNames),
    targetStatus: Type.Optional(e(statusTypeCodes)),
    conditions: Type.Optional(routeFields.conditions),
    authority: Type.Optional(routeFields.authority),
    applicationDeadline: Type.Optional(routeFields.applicationDeadline),
    legalBasis: Type.Optional(routeFields.legalBasis),
    source: Type.Optional(routeFields.source),
    rank: Type.Optional(routeFields.rank),
  },
  { additionalProperties: false },
);
export type UpdateTransitionRoute = Static<typeof UpdateTransitionRoute>;

/** Who is in a cohort: everyone whose status of this type ends between from and to (inclusive). */
export const CohortFilter = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    statusType: Type.Optional(e(statusTypeCodes)),
    /** Only those whose likely route is this one; 'none' for those without a route. */
    route: Type.Optional(Type.Union([Uuid, Type.Literal('none')])),
    /** Only those with (true) or without (false) employment recorded in their plan. */
    employed: Type.Optional(Type.Boolean()),
    /** Only those for whom this condition of their closest route is missing. */
    missing: Type.Optional(e(transitionConditions)),
  },
  { additionalProperties: false },
);
export type CohortFilter = Static<typeof CohortFilter>;

export const CohortQuery = Type.Object(
  {
    purpose: Purpose,
    ...CohortFilter.properties,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const Evidence = Type.Object({
  employed: Type.Boolean(),
  enrolled: Type.Boolean(),
  documents: Type.Boolean(),
  familyMember: Type.Boolean(),
  adult: Type.Boolean(),
  /** Whole years since the first recorded status in the country. */
  residenceYears: Type.Integer(),
});
export type Evidence = Static<typeof Evidence>;

const RouteRef = Type.Object({
  id: Uuid,
  names: RouteNames,
  targetStatus: e(statusTypeCodes),
  applicationDeadline: nullable(IsoDate),
  authority: Type.String(),
});

export const CohortMember = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  householdId: nullable(Uuid),
  statusType: e(statusTypeCodes),
  endsOn: IsoDate,
  evidence: Evidence,
  /** The first route (by rank) whose conditions the record meets; null: no route yet. */
  likelyRoute: nullable(RouteRef),
  /** The conditions the closest route still misses ('income': to verify with the person). */
  missing: Type.Array(e(transitionConditions)),
  state: e(transitionStates),
});
export type CohortMember = Static<typeof CohortMember>;

export const Cohort = Type.Object({
  filter: CohortFilter,
  country: nullable(Country),
  total: Type.Integer(),
  households: Type.Integer(),
  byEndDate: Type.Array(Type.Object({ endsOn: IsoDate, people: Type.Integer(), households: Type.Integer() })),
  byRoute: Type.Array(Type.Object({ route: nullable(RouteRef), people: Type.Integer() })),
  byMissing: Type.Array(Type.Object({ condition: e(transitionConditions), people: Type.Integer() })),
  byState: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(CohortMember),
});
export type Cohort = Static<typeof Cohort>;

export const BulkStep = Type.Object(
  {
    domain: e(stepDomains),
    title: Text(300),
    dueOn: Type.Optional(nullable(IsoDate)),
    responsibleOrganisationId: Type.Optional(nullable(Uuid)),
    /** A step that prepares what comes after the status (quiets the status-ending alert). */
    followUp: Type.Optional(Type.Boolean()),
    for: Type.Optional(e(bulkStepFor)),
  },
  { additionalProperties: false },
);
export type BulkStep = Static<typeof BulkStep>;

export const BulkStepRequest = Type.Object(
  {
    purpose: Purpose,
    cohort: CohortFilter,
    /** Narrows the cohort to these people (a selection on screen); absent: the whole cohort. */
    personIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50_000 })),
    step: BulkStep,
    /** One reason for everyone (audited). */
    reason: Type.String({ minLength: 5, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type BulkStepRequest = Static<typeof BulkStepRequest>;

const PersonRef = Type.Object({ personId: Uuid, givenName: Type.String(), familyName: Type.String() });
export const BulkPreview = Type.Object({
  affected: Type.Array(PersonRef),
  excluded: Type.Array(Type.Object({ ...PersonRef.properties, reason: e(bulkExclusions) })),
  /** Selected ids that are not in the cohort (or out of reach): counted, never named. */
  notInCohort: Type.Integer(),
});
export type BulkPreview = Static<typeof BulkPreview>;

export const BulkAction = Type.Object({
  id: Uuid,
  at: Type.String(),
  reason: Type.String(),
  step: BulkStep,
  affected: Type.Integer(),
  excluded: Type.Integer(),
  undone: Type.Integer(),
});
export type BulkAction = Static<typeof BulkAction>;

export const Projections = Type.Object({
  scope: Type.Object({ territoryCode: Type.String(), organisations: Type.Integer() }),
  statusType: e(statusTypeCodes),
  /** Statuses ending per month (YYYY-MM); null = withheld (under the small-cell threshold). */
  months: Type.Array(Type.Object({ month: Type.String(), ending: nullable(Type.Integer()) })),
  suppressedBelow: nullable(Type.Integer()),
});
export type Projections = Static<typeof Projections>;

const StateCounts = Type.Object({
  cohort: nullable(Type.Integer()),
  granted: nullable(Type.Integer()),
  applied: nullable(Type.Integer()),
  pending: nullable(Type.Integer()),
  left: nullable(Type.Integer()),
  no_route: nullable(Type.Integer()),
});
export const Progress = Type.Object({
  scope: Type.Object({ territoryCode: Type.String(), organisations: Type.Integer() }),
  window: Type.Object({ from: IsoDate, to: IsoDate }),
  totals: StateCounts,
  /** Granted, by the status granted. */
  grantedAs: Type.Record(Type.String(), nullable(Type.Integer())),
  /** Every municipality in scope, the furthest behind first (lowest share applied or granted). */
  organisations: Type.Array(
    Type.Object({ organisation: Type.Object({ id: Uuid, name: Type.String() }), ...StateCounts.properties, share: nullable(Type.Number()) }),
  ),
  suppressedBelow: nullable(Type.Integer()),
});
export type Progress = Static<typeof Progress>;

export const ProjectionQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    statusType: Type.Optional(e(statusTypeCodes)),
    /** The first month (YYYY-MM). */
    from: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
    months: Type.Integer({ minimum: 1, maximum: 36, default: 12 }),
  },
  { additionalProperties: false },
);

export const ProgressQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    statusType: Type.Optional(e(statusTypeCodes)),
    from: IsoDate,
    to: IsoDate,
  },
  { additionalProperties: false },
);
