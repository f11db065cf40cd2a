// Skills and work (issue 14): ESCO search as you type, an occupation with its skills, and the
// skills profile of a person (education, experience as ESCO occupations, ESCO skills with how they
// were shown, languages with CEFR levels, driving licences).
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { IsoDate } from './dates.ts';
import { cefrLevels } from './lists/pathways.ts';
import {
  offerKinds,
  compensationMeasures,
  recognitionDecisions,
  recognitionDocumentKinds,
  recognitionKinds,
  recognitionStatuses,
  drivingLicences,
  educationDocuments,
  escoKinds,
  escoLanguages,
  iscedFields,
  skillEvidence,
} from './lists/skills.ts';

const e = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
/** An ESCO concept id: the last segment of its URI (http://data.europa.eu/esco/occupation/<id>). */
export const EscoId = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: 'ESCO concept id (last segment of the concept URI)',
});

export const EscoSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'Words of a preferred or alternative label in any vendored language (each word matches the start of a word), or an ISCO-08 / ESCO code',
    }),
    kind: Type.Optional(e(escoKinds)),
    lang: Type.Optional(e(escoLanguages)),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 15 }),
  },
  { additionalProperties: false },
);

export const EscoHit = Type.Object({
  kind: e(escoKinds),
  id: EscoId,
  /** The preferred label in the language asked for (English where there is none). */
  label: Type.String(),
  /** The label that matched, when it is not the one shown (an alternative label, another language). */
  matched: nullable(Type.String()),
  matchedLang: e(escoLanguages),
  isco: nullable(Type.String()),
  code: nullable(Type.String()),
  /** For skills: skill or knowledge. */
  skillType: nullable(Type.String()),
});
export type EscoHit = Static<typeof EscoHit>;

export const EscoSkillRef = Type.Object({ id: EscoId, label: Type.String(), skillType: Type.String(), essential: Type.Boolean() });
export const EscoOccupation = Type.Object({
  id: EscoId,
  label: Type.String(),
  isco: Type.String(),
  iscoLabel: nullable(Type.String()),
  code: Type.String(),
  essentialSkills: Type.Array(EscoSkillRef),
  optionalSkills: Type.Integer({ description: 'How many optional skills ESCO links to the occupation' }),
});
export type EscoOccupation = Static<typeof EscoOccupation>;

export const Education = Type.Object(
  {
    iscedLevel: Type.Integer({ minimum: 0, maximum: 8, description: 'ISCED 2011 level' }),
    iscedField: nullable(e(iscedFields)),
    country: nullable(Country),
    title: nullable(Type.String({ minLength: 1, maxLength: 200 })),
    completedYear: nullable(Type.Integer({ minimum: 1930, maximum: 2100 })),
    documents: e(educationDocuments),
  },
  { additionalProperties: false },
);

export const ExperienceInput = Type.Object(
  {
    occupationId: EscoId,
    years: Type.Number({ minimum: 0, maximum: 60, multipleOf: 0.5 }),
    country: nullable(Country),
  },
  { additionalProperties: false },
);
export const Experience = Type.Object({ occupationId: EscoId, label: Type.String(), isco: Type.String(), years: Type.Number(), country: nullable(Country) });

export const SkillInput = Type.Object({ skillId: EscoId, shown: e(skillEvidence) }, { additionalProperties: false });
export const ProfileSkill = Type.Object({ skillId: EscoId, label: Type.String(), skillType: Type.String(), shown: e(skillEvidence) });

export const ProfileLanguage = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 (or 639-3)' }),
    level: e(cefrLevels),
  },
  { additionalProperties: false },
);

export const UpdateSkillProfile = Type.Object(
  {
    /** The version you read; 0 to create the profile. A stale version answers 409. */
    version: Type.Integer({ minimum: 0 }),
    education: Type.Array(Education, { maxItems: 20 }),
    experience: Type.Array(ExperienceInput, { maxItems: 30 }),
    skills: Type.Array(SkillInput, { maxItems: 300 }),
    languages: Type.Array(ProfileLanguage, { maxItems: 20 }),
    drivingLicences: Type.Array(e(drivingLicences), { maxItems: 14, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type UpdateSkillProfile = Static<typeof UpdateSkillProfile>;

export const SkillProfile = Type.Object({
  personId: Uuid,
  /** 0 while the person has no profile yet. */
  version: Type.Integer(),
  updatedAt: nullable(Type.String()),
  education: Type.Array(Education),
  experience: Type.Array(Experience),
  skills: Type.Array(ProfileSkill),
  languages: Type.Array(ProfileLanguage),
  drivingLicences: Type.Array(e(drivingLicences)),
  /** Whether the person's consent for job matching is in force (pathways' consent purpose job_matching). */
  matchingConsent: Type.Boolean(),
});
export type SkillProfile = Static<typeof SkillProfile>;

// ---- recognition of qualifications -------------------------------------------------------------
export const RecognitionBody = Type.Object({
  id: Type.String(),
  country: Type.String(),
  kind: e(recognitionKinds),
  name: Type.String({ description: 'The body, or for regulated professions the route as the source describes it' }),
  host: Type.String(),
  url: Type.String(),
  notes: Type.String(),
});
export type RecognitionBody = Static<typeof RecognitionBody>;

export const RecognitionDocument = Type.Object({ kind: e(recognitionDocumentKinds), submittedOn: nullable(IsoDate) }, { additionalProperties: false });

export const NewRecognition = Type.Object(
  {
    bodyId: Type.String({ minLength: 4, maxLength: 20 }),
    qualification: Type.String({ minLength: 1, maxLength: 200, description: 'The qualification as the person names it' }),
    originCountry: nullable(Country),
    occupationId: nullable(EscoId),
    startedOn: IsoDate,
    documentsDueOn: nullable(IsoDate),
    documentsNeeded: Type.Array(e(recognitionDocumentKinds), { maxItems: 7, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type NewRecognition = Static<typeof NewRecognition>;

export const UpdateRecognition = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    documents: Type.Optional(Type.Array(RecognitionDocument, { maxItems: 7 })),
    documentsDueOn: Type.Optional(nullable(IsoDate)),
    submittedOn: Type.Optional(nullable(IsoDate)),
    decisionDueOn: Type.Optional(nullable(IsoDate)),
    decision: Type.Optional(nullable(e(recognitionDecisions))),
    compensation: Type.Optional(Type.Array(e(compensationMeasures), { maxItems: 4, uniqueItems: true })),
    decidedOn: Type.Optional(nullable(IsoDate)),
    withdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateRecognition = Static<typeof UpdateRecognition>;

export const Recognition = Type.Object({
  id: Uuid,
  personId: Uuid,
  body: RecognitionBody,
  qualification: Type.String(),
  originCountry: nullable(Type.String()),
  occupation: nullable(Type.Object({ id: EscoId, label: Type.String() })),
  status: e(recognitionStatuses),
  startedOn: IsoDate,
  documentsDueOn: nullable(IsoDate),
  submittedOn: nullable(IsoDate),
  decisionDueOn: nullable(IsoDate),
  decision: nullable(e(recognitionDecisions)),
  compensation: Type.Array(e(compensationMeasures)),
  decidedOn: nullable(IsoDate),
  documents: Type.Array(RecognitionDocument),
  /** The step that is late, if any: documents not all submitted by their due date, or no decision by its due date. */
  overdue: nullable(Type.Enum(['documents', 'decision'] as const)),
  version: Type.Integer(),
});
export type Recognition = Static<typeof Recognition>;

// ---- offers and matching -------------------------------------------------------------------------
export const NewOffer = Type.Object(
  {
    kind: e(offerKinds),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    occupationId: nullable(EscoId),
    /** The municipality where the work or course takes place (LAU code, e.g. SE_0191 Sigtuna). */
    municipality: Type.String({ pattern: '^[A-Z]{2}_[0-9A-Za-z]{1,12}$' }),
    hoursPerWeek: nullable(Type.Number({ minimum: 1, maximum: 60 })),
    startsOn: nullable(IsoDate),
    closesOn: IsoDate,
    language: nullable(Type.Object({ code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: e(cefrLevels) }, { additionalProperties: false })),
    essentialSkills: Type.Array(EscoId, { maxItems: 50, uniqueItems: true }),
    optionalSkills: Type.Array(EscoId, { maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type NewOffer = Static<typeof NewOffer>;

export const Offer = Type.Object({
  id: Uuid,
  kind: e(offerKinds),
  title: Type.String(),
  publisher: Type.Object({ id: Uuid, name: Type.String() }),
  occupation: nullable(Type.Object({ id: EscoId, label: Type.String(), isco: Type.String() })),
  municipality: Type.Object({ code: Type.String(), name: Type.String() }),
  hoursPerWeek: nullable(Type.Number()),
  startsOn: nullable(IsoDate),
  closesOn: IsoDate,
  language: nullable(Type.Object({ code: Type.String(), level: e(cefrLevels) })),
  essentialSkills: Type.Array(Type.Object({ id: EscoId, label: Type.String() })),
  optionalSkills: Type.Array(Type.Object({ id: EscoId, label: Type.String() })),
  open: Type.Boolean(),
});
export type Offer = Static<typeof Offer>;

const SkillLabel = Type.Object({ id: EscoId, label: Type.String() });
export const MatchReasons = Type.Object({
  occupation: nullable(
    Type.Object({
      label: Type.String(),
      years: Type.Number(),
      sameGroup: Type.Boolean({ description: 'Experience in the same ISCO-08 unit group rather than the occupation itself' }),
    }),
  ),
  skillsMatched: Type.Array(SkillLabel),
  skillsMissing: Type.Array(
    Type.Object({
      id: EscoId,
      label: Type.String(),
      essential: Type.Boolean(),
      /** Open training offers nearby that teach it. */
      closedBy: Type.Array(Type.Object({ offerId: Uuid, title: Type.String(), municipality: Type.String() })),
    }),
  ),
  language: nullable(Type.Object({ code: Type.String(), needed: Type.String(), has: nullable(Type.String()), ok: Type.Boolean() })),
  distanceKm: nullable(Type.Number()),
});
export const OfferMatch = Type.Object({ offer: Offer, score: Type.Number({ minimum: 0, maximum: 1 }), reasons: MatchReasons });
export type OfferMatch = Static<typeof OfferMatch>;
export const CandidateMatch = Type.Object({
  /** Pseudonymous until the case worker refers the person: the id opens the case file only for those who hold it. */
  personId: Uuid,
  score: Type.Number({ minimum: 0, maximum: 1 }),
  reasons: MatchReasons,
});
export type CandidateMatch = Static<typeof CandidateMatch>;
