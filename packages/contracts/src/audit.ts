import { Type, type Static } from 'typebox';
import { DayOrInstant } from './dates.ts';

export const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Union([Type.Object({ id: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  /** Who acted and for which organisation, by name (null for the platform itself or a removed account). */
  actorName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  organisationName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  action: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 254 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(DayOrInstant),
    to: Type.Optional(DayOrInstant),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
