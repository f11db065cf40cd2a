// Dialogue between levels (issue 16): consultations with questionnaires, official answers drafted
// by several staff and signed by one, live aggregates, issues raised from below, good practices.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { Instant } from './dates.ts';
import {
  answerVisibilities,
  consultationStatuses,
  issueStatuses,
  organisationKindsConsulted,
  practiceDomains,
  questionKinds,
  responseStatuses,
} from './lists/dialogue.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OrgRef = Type.Object({ id: Uuid, name: Type.String(), territoryCode: Type.String() });

/** A question shown only when an earlier question's answer includes `equals` (by position). */
export const ShowIf = Type.Object({ question: Type.Integer({ minimum: 0, maximum: 99 }), equals: Text(200) }, { additionalProperties: false });
export const QuestionInput = Type.Object(
  {
    kind: Type.Enum(questionKinds),
    prompt: Text(1000),
    required: Type.Optional(Type.Boolean()),
    /** Single/multiple choice and ranking: the options, 2 to 20. */
    options: Type.Optional(Type.Array(Text(200), { minItems: 2, maxItems: 20 })),
    /** Scale: the range (default 1 to 5). */
    scaleMin: Type.Optional(Type.Integer({ minimum: -10, maximum: 10 })),
    scaleMax: Type.Optional(Type.Integer({ minimum: -10, maximum: 10 })),
    showIf: Type.Optional(ShowIf),
  },
  { additionalProperties: false },
);
export type QuestionInput = Static<typeof QuestionInput>;

export const Question = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  kind: Type.Enum(questionKinds),
  prompt: Type.String(),
  required: Type.Boolean(),
  options: Type.Array(Type.String()),
  scaleMin: Type.Union([Type.Integer(), Type.Null()]),
  scaleMax: Type.Union([Type.Integer(), Type.Null()]),
  showIf: Type.Union([Type.Object({ question: Type.Integer(), equals: Type.String() }), Type.Null()]),
});
export type Question = Static<typeof Question>;

export const OpenConsultation = Type.Object(
  {
    title: Text(200),
    purpose: Text(5000),
    deadline: Instant,
    /** Invite every organisation of these kinds within this territory (a NUTS 2 region: all its municipalities). */
    territoryCode: Type.String({ minLength: 2, maxLength: 20 }),
    kinds: Type.Array(Type.Enum(organisationKindsConsulted), { minItems: 1, maxItems: 4, uniqueItems: true }),
    /** Aggregates also weighted by the population of each respondent's territory. */
    weightByPopulation: Type.Optional(Type.Boolean()),
    /** Reminders go to invitees without a submitted answer this many days before the deadline. */
    remindDaysBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    questions: Type.Array(QuestionInput, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type OpenConsultation = Static<typeof OpenConsultation>;

export const ConsultationSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: Type.Enum(consultationStatuses),
  deadline: Type.String(),
  consultingBody: OrgRef,
  invited: Type.Integer(),
  submitted: Type.Integer(),
  /** The caller's organisation's answer, when invited. */
  myResponse: Type.Union([Type.Enum(responseStatuses), Type.Null()]),
  /** The caller's organisation opened it. */
  mine: Type.Boolean(),
});
export type ConsultationSummary = Static<typeof ConsultationSummary>;

export const Consultation = Type.Object({
  ...ConsultationSummary.properties,
  purpose: Type.String(),
  territory: Type.Object({ code: Type.String(), name: Type.String() }),
  kinds: Type.Array(Type.String()),
  weightByPopulation: Type.Boolean(),
  remindDaysBefore: Type.Integer(),
  questions: Type.Array(Question),
  synthesis: Type.Union([Type.String(), Type.Null()]),
  feedback: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type Consultation = Static<typeof Consultation>;

/** One answer: `choice` for choice and ranking questions (a ranking in order), `number` for scales and numbers, `text` for free text. */
export const AnswerValue = Type.Object(
  {
    questionId: Uuid,
    choice: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
    number: Type.Optional(Type.Number({ minimum: -1e12, maximum: 1e12 })),
    text: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type AnswerValue = Static<typeof AnswerValue>;

export const SaveResponse = Type.Object(
  {
    /** The version you saw (0 when no draft exists yet): a stale one answers 409. */
    version: Type.Integer({ minimum: 0 }),
    visibility: Type.Optional(Type.Enum(answerVisibilities)),
    /** Answers to set; an answer with no value clears that question. */
    answers: Type.Array(AnswerValue, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type SaveResponse = Static<typeof SaveResponse>;
export const SubmitResponse = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const ConsultationResponse = Type.Object({
  consultationId: Uuid,
  organisation: OrgRef,
  status: Type.Enum(responseStatuses),
  visibility: Type.Enum(answerVisibilities),
  version: Type.Integer(),
  late: Type.Boolean(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Array(
    Type.Object({
      questionId: Uuid,
      choice: Type.Union([Type.Array(Type.String()), Type.Null()]),
      number: Type.Union([Type.Number(), Type.Null()]),
      text: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type ConsultationResponse = Static<typeof ConsultationResponse>;

const OptionFigure = Type.Object({
  option: Type.String(),
  count: Type.Integer(),
  /** Sum of the respondents' population (weighted consultations). */
  population: Type.Union([Type.Number(), Type.Null()]),
  /** Ranking: mean position (1 = first). */
  meanRank: Type.Union([Type.Number(), Type.Null()]),
});
export const QuestionResult = Type.Object({
  questionId: Uuid,
  kind: Type.Enum(questionKinds),
  prompt: Type.String(),
  answered: Type.Integer(),
  options: Type.Array(OptionFigure),
  number: Type.Union([
    // median: scales only (their distribution is kept); null for free numbers
    Type.Object({
      mean: Type.Number(),
      min: Type.Number(),
      max: Type.Number(),
      median: Type.Union([Type.Number(), Type.Null()]),
      weightedMean: Type.Union([Type.Number(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  texts: Type.Array(Type.Object({ organisation: Type.String(), text: Type.String() })),
  /** The caller's organisation's own answer, beside the aggregate. */
  mine: Type.Union([
    Type.Object({
      choice: Type.Union([Type.Array(Type.String()), Type.Null()]),
      number: Type.Union([Type.Number(), Type.Null()]),
      text: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type QuestionResult = Static<typeof QuestionResult>;
export const ConsultationResults = Type.Object({
  consultationId: Uuid,
  /** Which answers these figures count, for this caller: all submitted, or those their organisations let the caller see. */
  basis: Type.Enum(['all_submitted', 'visible_to_participants', 'public']),
  invited: Type.Integer(),
  submitted: Type.Integer(),
  counted: Type.Integer(),
  late: Type.Integer(),
  questions: Type.Array(QuestionResult),
});
export type ConsultationResults = Static<typeof ConsultationResults>;
export const ConsultationRespondents = Type.Object({
  items: Type.Array(
    Type.Object({
      organisation: OrgRef,
      late: Type.Boolean(),
      submittedAt: Type.String(),
      population: Type.Union([Type.Number(), Type.Null()]),
      lon: Type.Union([Type.Number(), Type.Null()]),
      lat: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});
export type ConsultationRespondents = Static<typeof ConsultationRespondents>;
export const PublishConsultation = Type.Object(
  { version: Type.Integer({ minimum: 1 }), synthesis: Text(20000), feedback: Text(20000) },
  { additionalProperties: false },
);
export type PublishConsultation = Static<typeof PublishConsultation>;

// ---- issues raised from below
export const RaiseIssue = Type.Object({ addressedTo: Uuid, title: Text(200), body: Text(5000) }, { additionalProperties: false });
export type RaiseIssue = Static<typeof RaiseIssue>;
export const AnswerIssue = Type.Object({ answer: Text(10000) }, { additionalProperties: false });
export const Issue = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String(),
  status: Type.Enum(issueStatuses),
  raisedBy: OrgRef,
  addressedTo: OrgRef,
  supporters: Type.Array(OrgRef),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  /** Days open (until answered, or until now). */
  daysWaiting: Type.Number(),
});
export type Issue = Static<typeof Issue>;

// ---- the good-practice library
export const PracticeSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  place: Type.String(),
  country: Type.String(),
  language: Type.String(),
  years: Type.String(),
  targetGroup: Type.String(),
  domains: Type.Array(Type.Enum(practiceDomains)),
  namedInCemr: Type.Boolean(),
  /** Population of the place, where the directory knows it (size of municipality). */
  population: Type.Union([Type.Number(), Type.Null()]),
});
export type PracticeSummary = Static<typeof PracticeSummary>;
export const Practice = Type.Object({
  ...PracticeSummary.properties,
  whatItDoes: Type.Array(Type.String()),
  results: Type.Array(Type.Object({ figure: Type.String(), asOf: Type.String(), source: Type.String() })),
  funding: Type.String(),
  contact: Type.String(),
  sources: Type.Array(Type.String()),
  notes: Type.String(),
});
export type Practice = Static<typeof Practice>;
export const PracticeQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    domain: Type.Optional(Type.Enum(practiceDomains)),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  },
  { additionalProperties: false },
);
