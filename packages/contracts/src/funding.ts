// EU funding (issue 15): funds and their rules, calls, projects (partners, budget, co-financing,
// milestones, expenditure, the activities that count) and the indicators computed from the record.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { IsoDate } from './dates.ts';
import { organisationKinds } from './lists/platform.ts';
import { stepDomains } from './lists/pathways.ts';
import {
  activityKinds,
  ageBands,
  applicantRoutes,
  indicatorRules,
  costCategories,
  flatRateBases,
  fundCodes,
  indicatorSources,
  managementModes,
  partnerRoles,
  projectStatuses,
} from './lists/funding.ts';

const e = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Eur = Type.Number({ minimum: 0, maximum: 1e12, description: 'euros' });
const Percent = Type.Number({ minimum: 0, maximum: 100 });
const OrgRef = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() });

export const Instrument = Type.Object({
  code: Type.String(),
  fund: e(fundCodes),
  management: e(managementModes),
  name: Type.String(),
  regulation: Type.String(),
  maxCofinancingPercent: nullable(Type.Number()),
  /** The highest rate any of its rules allows (the ceiling a project's rate is checked against). */
  ceilingPercent: nullable(Type.Number()),
  higherRates: Type.Array(Type.Object({ percent: Type.Number(), for: Type.String(), legal: Type.String() })),
  byRegion: Type.Array(Type.Object({ category: Type.String(), percent: Type.Number() })),
  targetGroups: Type.Array(Type.String()),
  simplifiedCosts: Type.Union([
    Type.Object({
      mandatoryBelowEur: Type.Number(),
      flatRates: Type.Array(Type.Object({ basis: e(flatRateBases), percent: Type.Number(), of: Type.String(), legal: Type.String() })),
      hourlyRateDivisor: Type.Number(),
    }),
    Type.Null(),
  ]),
  /** Submission dates of the year (CPR Art. 42); `indicators`: cumulative indicator values go with it. */
  reportingDates: Type.Array(Type.Object({ month: Type.Integer(), day: Type.Integer(), indicators: Type.Boolean() })),
  source: Type.String(),
});
export type Instrument = Static<typeof Instrument>;

export const FundingCall = Type.Object({
  id: Uuid,
  instrumentCode: Type.String(),
  fund: e(fundCodes),
  reference: Type.String(),
  title: Type.String(),
  description: nullable(Type.String()),
  opensOn: IsoDate,
  deadline: IsoDate,
  budgetEur: Type.Number(),
  maxGrantEur: nullable(Type.Number()),
  cofinancingPercent: nullable(Type.Number()),
  applicantRoutes: Type.Array(e(applicantRoutes)),
  eligibleKinds: Type.Array(e(organisationKinds)),
  /** The territory whose organisations may apply (a country, or EU for Union actions). */
  territoryCode: Type.String(),
  activityKinds: Type.Array(e(activityKinds)),
  sourceUrl: nullable(Type.String()),
  publisher: OrgRef,
  open: Type.Boolean(),
  daysLeft: Type.Integer(),
  /** For the asking organisation: why the call fits it (may apply, does this work already). */
  fit: Type.Object({ mayApply: Type.Boolean(), activitiesAlreadyRun: Type.Array(e(activityKinds)) }),
  version: Type.Integer(),
});
export type FundingCall = Static<typeof FundingCall>;

export const NewFundingCall = Type.Object(
  {
    instrumentCode: Type.String({ minLength: 1, maxLength: 60 }),
    reference: Text(80),
    title: Text(300),
    description: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
    opensOn: IsoDate,
    deadline: IsoDate,
    budgetEur: Eur,
    maxGrantEur: Type.Optional(nullable(Eur)),
    cofinancingPercent: Type.Optional(nullable(Percent)),
    applicantRoutes: Type.Array(e(applicantRoutes), { minItems: 1, maxItems: 3, uniqueItems: true }),
    eligibleKinds: Type.Array(e(organisationKinds), { minItems: 1, maxItems: 7, uniqueItems: true }),
    territoryCode: Type.String({ minLength: 2, maxLength: 40 }),
    activityKinds: Type.Array(e(activityKinds), { maxItems: 8, uniqueItems: true }),
    sourceUrl: Type.Optional(nullable(Type.String({ maxLength: 500, pattern: '^https://' }))),
  },
  { additionalProperties: false },
);
export type NewFundingCall = Static<typeof NewFundingCall>;

export const CallQuery = Type.Object(
  {
    /** Only calls open today that the asking organisation may apply to. */
    fitsMe: Type.Optional(Type.Boolean()),
    fund: Type.Optional(e(fundCodes)),
  },
  { additionalProperties: false },
);

export const BudgetLine = Type.Object(
  {
    year: Type.Integer({ minimum: 2021, maximum: 2040 }),
    category: e(costCategories),
    amountEur: Eur,
  },
  { additionalProperties: false },
);
export type BudgetLine = Static<typeof BudgetLine>;

export const ProjectPartnerInput = Type.Object({ organisationId: Uuid, role: e(partnerRoles) }, { additionalProperties: false });

export const ProjectActivityInput = Type.Object(
  {
    kind: e(activityKinds),
    domains: Type.Array(e(stepDomains), { minItems: 1, maxItems: 7, uniqueItems: true }),
    /** The organisations that deliver the steps (a step with no responsible organisation is delivered by the organisation holding the plan). */
    deliveredBy: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    from: IsoDate,
    to: IsoDate,
    /** For language courses: the language (ISO 639-1) whose CEFR level is compared on entry and on leaving. */
    languageCode: Type.Optional(nullable(Type.String({ pattern: '^[a-z]{2,3}$' }))),
  },
  { additionalProperties: false },
);
export type ProjectActivityInput = Static<typeof ProjectActivityInput>;

export const NewProject = Type.Object(
  {
    instrumentCode: Type.String({ minLength: 1, maxLength: 60 }),
    callId: Type.Optional(nullable(Uuid)),
    programme: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    title: Text(300),
    acronym: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
    startsOn: IsoDate,
    endsOn: IsoDate,
    cofinancingPercent: Percent,
    nationalCofinancingEur: Type.Optional(Eur),
    flatRate: Type.Optional(e(flatRateBases)),
    partners: Type.Optional(Type.Array(ProjectPartnerInput, { maxItems: 50 })),
    budget: Type.Optional(Type.Array(BudgetLine, { maxItems: 200 })),
    activities: Type.Optional(Type.Array(ProjectActivityInput, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type NewProject = Static<typeof NewProject>;

export const UpdateProject = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    programme: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    title: Type.Optional(Text(300)),
    acronym: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    cofinancingPercent: Type.Optional(Percent),
    nationalCofinancingEur: Type.Optional(Eur),
    flatRate: Type.Optional(e(flatRateBases)),
    partners: Type.Optional(Type.Array(ProjectPartnerInput, { maxItems: 50 })),
    budget: Type.Optional(Type.Array(BudgetLine, { maxItems: 200 })),
    activities: Type.Optional(Type.Array(ProjectActivityInput, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type UpdateProject = Static<typeof UpdateProject>;

export const ProjectTransition = Type.Object({ version: Type.Integer({ minimum: 1 }), to: e(projectStatuses) }, { additionalProperties: false });

export const NewMilestone = Type.Object(
  {
    title: Text(300),
    dueOn: IsoDate,
    ownerOrganisationId: Uuid,
    deliverable: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
    doneOn: Type.Optional(nullable(IsoDate)),
  },
  { additionalProperties: false },
);

export const NewExpenditure = Type.Object(
  {
    year: Type.Integer({ minimum: 2021, maximum: 2040 }),
    category: e(costCategories),
    amountEur: Eur,
    documentRef: Text(200),
    declaredOn: IsoDate,
  },
  { additionalProperties: false },
);

export const ProjectSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  acronym: nullable(Type.String()),
  instrumentCode: Type.String(),
  fund: e(fundCodes),
  status: e(projectStatuses),
  organisation: OrgRef,
  startsOn: IsoDate,
  endsOn: IsoDate,
  totalEur: Type.Number(),
  euEur: Type.Number(),
});
export type ProjectSummary = Static<typeof ProjectSummary>;

const Money = Type.Object({ budgetEur: Type.Number(), declaredEur: Type.Number() });
export const Project = Type.Object({
  ...ProjectSummary.properties,
  call: nullable(Type.Object({ id: Uuid, reference: Type.String(), title: Type.String(), deadline: IsoDate })),
  programme: nullable(Type.String()),
  cofinancingPercent: Type.Number(),
  nationalCofinancingEur: Type.Number(),
  flatRate: e(flatRateBases),
  partners: Type.Array(Type.Object({ organisation: OrgRef, role: e(partnerRoles) })),
  budget: Type.Array(Type.Object({ year: Type.Integer(), category: e(costCategories), amountEur: Type.Number(), computed: Type.Boolean() })),
  /** The money, done for the user: direct and flat-rate costs, EU, national and own shares, declared against the budget. */
  totals: Type.Object({
    directEur: Type.Number(),
    flatRateEur: Type.Number(),
    totalEur: Type.Number(),
    euEur: Type.Number(),
    nationalEur: Type.Number(),
    ownEur: Type.Number(),
    declaredEur: Type.Number(),
    byCategory: Type.Record(Type.String(), Money),
  }),
  activities: Type.Array(
    Type.Object({
      id: Uuid,
      kind: e(activityKinds),
      domains: Type.Array(e(stepDomains)),
      deliveredBy: Type.Array(OrgRef),
      from: IsoDate,
      to: IsoDate,
      languageCode: nullable(Type.String()),
    }),
  ),
  milestones: Type.Array(
    Type.Object({ id: Uuid, title: Type.String(), dueOn: IsoDate, owner: OrgRef, deliverable: nullable(Type.String()), doneOn: nullable(IsoDate) }),
  ),
  expenditures: Type.Array(
    Type.Object({ id: Uuid, year: Type.Integer(), category: e(costCategories), amountEur: Type.Number(), documentRef: Type.String(), declaredOn: IsoDate }),
  ),
  /** The moves the status may make next. */
  next: Type.Array(e(projectStatuses)),
  /** Whether the asking organisation may change it (its own project). */
  editable: Type.Boolean(),
  version: Type.Integer(),
});
export type Project = Static<typeof Project>;

export const IndicatorQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });

export const IndicatorValue = Type.Object({
  id: Type.String(),
  fund: Type.String(),
  kind: Type.String(),
  parent: nullable(Type.String()),
  code: nullable(Type.String()),
  text: Type.String(),
  unit: Type.String(),
  source: e(indicatorSources),
  /** null: withheld (a small cell) or not available from the record and not entered. */
  value: nullable(Type.Integer()),
  /** Cells by sex and age band ('female', 'under_18', …); null values are withheld small cells. */
  breakdown: nullable(Type.Record(Type.String(), nullable(Type.Integer()))),
  /** How the figure was computed: the rule, and which of the project's activity kinds and age bands it counts. */
  how: Type.Object({ rule: e(indicatorRules), kinds: Type.Array(e(activityKinds)), bands: Type.Array(e(ageBands)) }),
});
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorReport = Type.Object({
  projectId: Uuid,
  fund: e(fundCodes),
  asOf: IsoDate,
  /** Counts between 1 and this number minus one are withheld (null); null when nothing is withheld for this reader. */
  suppressedBelow: nullable(Type.Integer()),
  participants: nullable(Type.Integer()),
  items: Type.Array(IndicatorValue),
});
export type IndicatorReport = Static<typeof IndicatorReport>;

export const IndicatorEntry = Type.Object(
  {
    indicatorId: Type.String({ minLength: 3, maxLength: 40 }),
    value: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);

export const ReportDates = Type.Object({ items: Type.Array(Type.Object({ date: IsoDate, indicators: Type.Boolean() })) });

export const ProjectParticipant = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  activities: Type.Array(e(activityKinds)),
});
