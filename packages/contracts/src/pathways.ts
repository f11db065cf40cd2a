// Integration pathways (issue 5): people, households, legal status, plans and steps, worklist,
// consents, referrals, moves and the person's GDPR rights.
import { Type, type Static } from 'typebox';
import { Locale, Uuid } from './common.ts';
import {
  cefrLevels,
  consentHows,
  consentPurposes,
  householdRoles,
  identifierTypes,
  reachDoors,
  referralShares,
  referralStatuses,
  sexes,
  statusTypeCodes,
  stepDomains,
  stepStatuses,
  templateAudiences,
  templateStepFor,
  worklistKinds,
  type StatusTypeCode,
} from './lists/pathways.ts';
import type { ProcedureCode } from './lists/reception.ts';
import { BirthDate, IsoDate } from './dates.ts';

const e = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
/** Why personal data is read; every read is audited with it. */
export const Purpose = Type.String({ minLength: 3, maxLength: 200, description: 'Why the data is read (audited), e.g. "case_management"' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OrgRef = Type.Object({ id: Uuid, name: Type.String() });

export const LanguageSkill = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 (or 639-3)' }),
    level: nullable(e(cefrLevels)),
  },
  { additionalProperties: false },
);
export type LanguageSkill = Static<typeof LanguageSkill>;

export const Identifier = Type.Object({ type: e(identifierTypes), value: Text(60) }, { additionalProperties: false });

export const StatusType = Type.Object({ code: e(statusTypeCodes), endsOn: nullable(IsoDate), legalBasis: nullable(Type.String()), version: Type.Integer() });
export type StatusType = Static<typeof StatusType>;
export const UpdateStatusType = Type.Object({ version: Type.Integer({ minimum: 1 }), endsOn: nullable(IsoDate) }, { additionalProperties: false });

export const NewLegalStatus = Type.Object(
  {
    typeCode: e(statusTypeCodes),
    decidedOn: Type.Optional(nullable(IsoDate)),
    validFrom: Type.Optional(nullable(IsoDate)),
    validUntil: Type.Optional(nullable(IsoDate)),
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type NewLegalStatus = Static<typeof NewLegalStatus>;

export const LegalStatus = Type.Object({
  id: Uuid,
  typeCode: e(statusTypeCodes),
  decidedOn: nullable(IsoDate),
  validFrom: nullable(IsoDate),
  validUntil: nullable(IsoDate),
  /** The date it ends: the person's own, else the status type's (e.g. temporary protection). */
  endsOn: nullable(IsoDate),
  note: nullable(Type.String()),
  current: Type.Boolean(),
  recordedAt: Type.String(),
});
export type LegalStatus = Static<typeof LegalStatus>;

export const RegisterPerson = Type.Object(
  {
    givenName: Text(100),
    familyName: Text(100),
    otherNames: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    birthDate: BirthDate,
    sex: e(sexes),
    nationalities: Type.Array(Country, { maxItems: 5 }),
    languages: Type.Array(LanguageSkill, { maxItems: 10 }),
    preferredLocale: Type.Optional(Locale),
    identifiers: Type.Optional(Type.Array(Identifier, { maxItems: 10 })),
    phone: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
    email: Type.Optional(nullable(Type.String({ maxLength: 254 }))),
    address: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
    /** Join an existing household; without it a new household is created. */
    householdId: Type.Optional(Uuid),
    householdRole: Type.Optional(e(householdRoles)),
    unaccompaniedMinor: Type.Optional(Type.Boolean()),
    status: Type.Optional(NewLegalStatus),
    /** After a duplicate warning: the case worker checked and this is another person. */
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RegisterPerson = Static<typeof RegisterPerson>;

export const DuplicateQuery = Type.Object({ givenName: Text(100), familyName: Text(100), birthDate: BirthDate }, { additionalProperties: false });
export const DuplicateMatch = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: nullable(IsoDate),
  sameBirthDate: Type.Boolean(),
});
/**
 * Likely duplicates within the asker's reach (each one shown is an audited read). Matches held
 * outside that reach are never hinted at: registering opens a duplicate review for whoever's
 * reach covers both records.
 */
export const Duplicates = Type.Object({
  matches: Type.Array(DuplicateMatch),
});
export type Duplicates = Static<typeof Duplicates>;

/**
 * A person who came through an arrival notice (a placed household): known by the notice until the
 * case worker completes the identity. "person 2 of 4" counts the notice's persons.
 */
export const NewArrival = Type.Object({
  noticeId: Uuid,
  reference: Type.String(),
  position: Type.Integer(),
  of: Type.Integer(),
  /** The pseudonymous reference of the placement household (e.g. the migration agency's). */
  householdReference: nullable(Type.String()),
  arrivedOn: IsoDate,
});
export type NewArrival = Static<typeof NewArrival>;

/** The legal status a person gets from the procedure of the notice they arrived with (the case worker corrects it). */
export const procedureStatus = {
  temporary_protection: 'temporary_protection',
  asylum: 'asylum_seeker',
  border_procedure: 'asylum_seeker',
  relocation: 'asylum_seeker',
  resettlement: 'refugee',
} as const satisfies Record<ProcedureCode, StatusTypeCode>;

export const PersonSummary = Type.Object({
  id: Uuid,
  /** Empty while identityPending: the person arrived through a notice and no one has entered the names yet. */
  givenName: Type.String(),
  familyName: Type.String(),
  identityPending: Type.Boolean(),
  arrival: nullable(NewArrival),
  birthDate: nullable(IsoDate),
  birthYear: Type.Integer(),
  sex: e(sexes),
  nationalities: Type.Array(Type.String()),
  householdId: nullable(Uuid),
  householdRole: e(householdRoles),
  status: nullable(Type.Object({ typeCode: e(statusTypeCodes), endsOn: nullable(IsoDate) })),
  closed: Type.Boolean(),
});
export type PersonSummary = Static<typeof PersonSummary>;

export const Step = Type.Object({
  id: Uuid,
  domain: e(stepDomains),
  title: Type.String(),
  status: e(stepStatuses),
  stopReason: nullable(Type.String()),
  dueOn: nullable(IsoDate),
  startedOn: nullable(IsoDate),
  doneOn: nullable(IsoDate),
  responsibleOrganisation: nullable(OrgRef),
  notes: nullable(Type.String()),
  followUp: Type.Boolean(),
  version: Type.Integer(),
});
export type Step = Static<typeof Step>;

export const NewStep = Type.Object(
  {
    domain: e(stepDomains),
    title: Text(200),
    dueOn: Type.Optional(nullable(IsoDate)),
    responsibleOrganisationId: Type.Optional(nullable(Uuid)),
    notes: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
    /** The step answers the end of the current legal status (quiets the status-ending alert). */
    followUp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewStep = Static<typeof NewStep>;

export const UpdateStep = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Text(200)),
    status: Type.Optional(e(stepStatuses)),
    stopReason: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
    dueOn: Type.Optional(nullable(IsoDate)),
    responsibleOrganisationId: Type.Optional(nullable(Uuid)),
    notes: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export type UpdateStep = Static<typeof UpdateStep>;

export const TemplateStep = Type.Object(
  {
    domain: e(stepDomains),
    title: Text(200),
    dueAfterDays: nullable(Type.Integer({ minimum: 0, maximum: 3650 })),
    /** Who in a household gets the step. */
    for: e(templateStepFor),
    followUp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const Template = Type.Object({
  id: Uuid,
  name: Type.String(),
  audience: e(templateAudiences),
  description: nullable(Type.String()),
  steps: Type.Array(TemplateStep),
  version: Type.Integer(),
});
export type Template = Static<typeof Template>;
export const NewTemplate = Type.Object(
  {
    name: Text(200),
    audience: e(templateAudiences),
    description: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    steps: Type.Array(TemplateStep, { maxItems: 60 }),
  },
  { additionalProperties: false },
);
export const UpdateTemplate = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Text(200)),
    audience: Type.Optional(e(templateAudiences)),
    description: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    steps: Type.Optional(Type.Array(TemplateStep, { maxItems: 60 })),
  },
  { additionalProperties: false },
);

export const Plan = Type.Object({ templateId: nullable(Uuid), goals: nullable(Type.String()), version: Type.Integer() });
export const UpdatePlan = Type.Object(
  {
    /** The version seen; omit when the person has no plan yet. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    goals: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export const ApplyTemplate = Type.Object({ templateId: Uuid }, { additionalProperties: false });

export const Consent = Type.Object({
  id: Uuid,
  purpose: e(consentPurposes),
  partnerOrganisation: nullable(OrgRef),
  givenOn: IsoDate,
  how: e(consentHows),
  withdrawnOn: nullable(IsoDate),
});
export type Consent = Static<typeof Consent>;
export const NewConsent = Type.Object(
  {
    purpose: e(consentPurposes),
    partnerOrganisationId: Type.Optional(nullable(Uuid)),
    givenOn: IsoDate,
    how: e(consentHows),
  },
  { additionalProperties: false },
);
export type NewConsent = Static<typeof NewConsent>;

export const Referral = Type.Object({
  id: Uuid,
  personId: Uuid,
  partnerOrganisation: OrgRef,
  status: e(referralStatuses),
  shares: Type.Array(e(referralShares)),
  stepId: nullable(Uuid),
  note: nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type Referral = Static<typeof Referral>;
export const NewReferral = Type.Object(
  {
    partnerOrganisationId: Uuid,
    shares: Type.Array(e(referralShares), { minItems: 1, maxItems: 6 }),
    stepId: Type.Optional(nullable(Uuid)),
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type NewReferral = Static<typeof NewReferral>;

/** What a partner sees of a referred person: only the fields the referral shares. */
export const ReferralView = Type.Object({
  id: Uuid,
  status: e(referralStatuses),
  shares: Type.Array(e(referralShares)),
  from: OrgRef,
  createdAt: Type.String(),
  version: Type.Integer(),
  person: Type.Object({
    givenName: Type.Optional(Type.String()),
    familyName: Type.Optional(Type.String()),
    phone: Type.Optional(nullable(Type.String())),
    email: Type.Optional(nullable(Type.String())),
    languages: Type.Optional(Type.Array(LanguageSkill)),
    birthYear: Type.Optional(Type.Integer()),
    legalStatus: Type.Optional(nullable(Type.Object({ typeCode: e(statusTypeCodes), endsOn: nullable(IsoDate) }))),
  }),
  step: Type.Optional(nullable(Type.Object({ domain: e(stepDomains), title: Type.String(), dueOn: nullable(IsoDate) }))),
  note: nullable(Type.String()),
});
export type ReferralView = Static<typeof ReferralView>;

export const Correction = Type.Object({
  field: Type.String(),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  reason: nullable(Type.String()),
  at: Type.String(),
});

export const PersonDetail = Type.Object({
  ...PersonSummary.properties,
  otherNames: nullable(Type.String()),
  identifiers: Type.Array(Identifier),
  phone: nullable(Type.String()),
  email: nullable(Type.String()),
  address: nullable(Type.String()),
  languages: Type.Array(LanguageSkill),
  preferredLocale: Type.String(),
  unaccompaniedMinor: Type.Boolean(),
  organisation: OrgRef,
  household: Type.Array(
    Type.Object({
      id: Uuid,
      givenName: Type.String(),
      familyName: Type.String(),
      identityPending: Type.Boolean(),
      arrival: nullable(NewArrival),
      householdRole: e(householdRoles),
      birthYear: Type.Integer(),
    }),
  ),
  statuses: Type.Array(LegalStatus),
  plan: nullable(Plan),
  steps: Type.Array(Step),
  consents: Type.Array(Consent),
  referrals: Type.Array(Referral),
  corrections: Type.Array(Correction),
  /** How the record was reached: ordinary reach, a data-subject request, or breaking the glass. */
  reachedBy: e(reachDoors),
  version: Type.Integer(),
});
export type PersonDetail = Static<typeof PersonDetail>;

export const CorrectPerson = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** Completing a new arrival's identity checks for duplicates first (409); set after checking it is another person. */
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
    reason: Type.Optional(nullable(Type.String({ maxLength: 500 }))),
    givenName: Type.Optional(Text(100)),
    familyName: Type.Optional(Text(100)),
    otherNames: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    birthDate: Type.Optional(BirthDate),
    sex: Type.Optional(e(sexes)),
    nationalities: Type.Optional(Type.Array(Country, { maxItems: 5 })),
    languages: Type.Optional(Type.Array(LanguageSkill, { maxItems: 10 })),
    preferredLocale: Type.Optional(Locale),
    identifiers: Type.Optional(Type.Array(Identifier, { maxItems: 10 })),
    phone: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
    email: Type.Optional(nullable(Type.String({ maxLength: 254 }))),
    address: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
);
export type CorrectPerson = Static<typeof CorrectPerson>;

export const ReadQuery = Type.Object(
  {
    purpose: Purpose,
    /** Break the glass: the reason for reading a person held by another organisation (logged, shown to the DPO). */
    breakGlass: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** A data-subject request (GDPR Art. 15–17, 20), e.g. by the DPO. */
    subjectRequest: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const WorklistItem = Type.Object({
  kind: e(worklistKinds),
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  identityPending: Type.Boolean(),
  arrival: nullable(NewArrival),
  stepId: nullable(Uuid),
  domain: nullable(e(stepDomains)),
  title: nullable(Type.String()),
  dueOn: nullable(IsoDate),
  statusType: nullable(e(statusTypeCodes)),
  endsOn: nullable(IsoDate),
  age: nullable(Type.Integer()),
});
export type WorklistItem = Static<typeof WorklistItem>;
export const Worklist = Type.Object({
  items: Type.Array(WorklistItem),
  counts: Type.Object({ status_ending: Type.Integer(), school_place: Type.Integer(), overdue_step: Type.Integer(), waiting_language: Type.Integer() }),
  total: Type.Integer(),
});
export type Worklist = Static<typeof Worklist>;

/** A count, or null when it is withheld as a small cell (see Aggregate.suppressedBelow). */
const Cell = nullable(Type.Integer());
export const Aggregate = Type.Object({
  scope: Type.Object({ territoryCode: Type.String(), organisations: Type.Integer() }),
  people: Cell,
  households: Cell,
  byStatus: Type.Record(Type.String(), Cell),
  byNationality: Type.Record(Type.String(), Cell),
  alerts: Type.Object({ status_ending: Cell, school_place: Cell, overdue_step: Cell, waiting_language: Cell }),
  /** Counts under this many people are withheld (null): scopes below NUTS 3 for readers without access to the people. Null when nothing is withheld. */
  suppressedBelow: nullable(Type.Integer()),
});
export type Aggregate = Static<typeof Aggregate>;

export const Transfer = Type.Object(
  { toOrganisationId: Uuid, reason: Type.Optional(nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
export const Erase = Type.Object({ reason: Text(500) }, { additionalProperties: false });
export const BreakGlassEvent = Type.Object({
  at: Type.String(),
  actorEmail: nullable(Type.String()),
  organisationId: nullable(Type.String()),
  personId: nullable(Type.String()),
  reason: nullable(Type.String()),
  outcome: Type.String(),
});
