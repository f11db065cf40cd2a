// Duplicate reviews (issue 11): two records of different organisations that may be one person,
// for whoever's reach covers both (the national authority, right duplicates.review).
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { duplicateReviewOutcomes, duplicateReviewStatuses } from './lists/pathways.ts';
import { IsoDate } from './dates.ts';

const e = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const OrgRef = Type.Object({ id: Uuid, name: Type.String() });

/** One of the two records a duplicate review compares: what a reviewer needs to decide, no more. */
export const DuplicateReviewPerson = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: nullable(IsoDate),
  organisation: OrgRef,
  registeredAt: Type.String(),
});
export const DuplicateReview = Type.Object({
  id: Uuid,
  status: e(duplicateReviewStatuses),
  openedAt: Type.String(),
  /** The record just registered, and the one it may duplicate (held by another organisation). */
  people: Type.Array(DuplicateReviewPerson, { minItems: 2, maxItems: 2 }),
  resolvedAt: nullable(Type.String()),
  note: nullable(Type.String()),
  version: Type.Integer(),
});
export type DuplicateReview = Static<typeof DuplicateReview>;
export const DuplicateReviewQuery = Type.Object(
  {
    status: Type.Optional(e(duplicateReviewStatuses)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export const ResolveDuplicateReview = Type.Object(
  {
    outcome: e(duplicateReviewOutcomes),
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type ResolveDuplicateReview = Static<typeof ResolveDuplicateReview>;
