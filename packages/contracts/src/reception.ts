// Reception (issue 3): resource types, capacity declarations and their history, roll-ups up the
// territory tree, arrival notices (transfer requests), live events and the notification centre.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { TerritoryLevel } from './territories.ts';
import { noticeActions, noticeStates, procedures, resourceUnits, type NoticeStateCode, type ProcedureCode } from './lists/reception.ts';
import { sexes } from './lists/pathways.ts';

export const ResourceCode = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]{1,39}$' });
export const ResourceUnit = Type.Enum(resourceUnits);
export const Labels = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 120 }),
    fr: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    de: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    uk: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    ar: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false },
);

export const ResourceType = Type.Object({
  code: Type.String(),
  unit: ResourceUnit,
  labels: Type.Record(Type.String(), Type.String()),
  sortOrder: Type.Integer(),
});
export type ResourceType = Static<typeof ResourceType>;
export const CreateResourceType = Type.Object(
  { code: ResourceCode, unit: ResourceUnit, labels: Labels, sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })) },
  { additionalProperties: false },
);
export type CreateResourceType = Static<typeof CreateResourceType>;

/**
 * The most places of one resource a municipality may declare. One limit for the form, the PUT and
 * CSV uploads, so that whatever one accepts the others accept too.
 */
export const MAX_PLACES = 10_000_000;
const Count = Type.Integer({ minimum: 0, maximum: MAX_PLACES });

export const CapacityDeclaration = Type.Object({
  organisationId: Uuid,
  resource: Type.String(),
  unit: ResourceUnit,
  total: Type.Integer(),
  occupied: Type.Integer(),
  reserved: Type.Integer(),
  free: Type.Integer(),
  /** 0 when nothing was ever declared for this resource. */
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type CapacityDeclaration = Static<typeof CapacityDeclaration>;

export const OrganisationCapacity = Type.Object({
  organisation: Type.Object({ id: Uuid, name: Type.String(), territoryCode: Type.String(), territoryName: Type.String() }),
  at: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(CapacityDeclaration),
});
export type OrganisationCapacity = Static<typeof OrganisationCapacity>;

export const UpdateCapacity = Type.Object(
  {
    total: Count,
    occupied: Count,
    reserved: Count,
    /** The version you saw (0 for a first declaration): a stale version answers 409 with the current values. */
    version: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type UpdateCapacity = Static<typeof UpdateCapacity>;

export const CapacityHistoryPoint = Type.Object({
  at: Type.String(),
  resource: Type.String(),
  total: Type.Integer(),
  occupied: Type.Integer(),
  reserved: Type.Integer(),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});
export type CapacityHistoryPoint = Static<typeof CapacityHistoryPoint>;

/** Step 1 of a CSV upload: the file, checked and compared with the current declarations; nothing is written. */
export const CapacityImport = Type.Object({ csv: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false });
/** Step 2: the same file and the versions the preview showed; applied only if no declaration changed since. */
export const CapacityImportConfirm = Type.Object(
  {
    csv: Type.String({ minLength: 1, maxLength: 200_000 }),
    versions: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 2_000_000_000 }), {
      description: 'resource → the declaration version the preview showed (0: none yet)',
    }),
  },
  { additionalProperties: false },
);
export type CapacityImportConfirm = Static<typeof CapacityImportConfirm>;

export const CapacityFigures = Type.Object({ total: Type.Integer(), occupied: Type.Integer(), reserved: Type.Integer() });
const FieldProblem = Type.Object({ path: Type.String(), message: Type.String() });
export const CapacityPreviewRow = Type.Object({
  line: Type.Integer(),
  resource: Type.String(),
  /** changed; unchanged (the file repeats the current values); invalid (see errors: nothing of the file is written). */
  status: Type.Enum(['changed', 'unchanged', 'invalid']),
  /** The declaration now (version 0 when none yet); null for a resource that does not exist. */
  before: Type.Union([Type.Object({ ...CapacityFigures.properties, version: Type.Integer() }), Type.Null()]),
  /** What the file says; null when a cell cannot be read. */
  after: Type.Union([CapacityFigures, Type.Null()]),
  /** Per cell, e.g. body.csv.line4.occupied with its reason. */
  errors: Type.Array(FieldProblem),
});
export type CapacityPreviewRow = Static<typeof CapacityPreviewRow>;
export const CapacityPreview = Type.Object({
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  rows: Type.Array(CapacityPreviewRow),
  /** Resources the file does not mention: they are left as they are. */
  untouched: Type.Array(Type.String()),
  changes: Type.Integer(),
  /** True when the file can be applied as previewed. */
  ok: Type.Boolean(),
  /** Errors of the file as a whole (header, no rows). */
  errors: Type.Array(FieldProblem),
  /** Send these back with the confirmation: a declaration changed since the preview answers 409. */
  versions: Type.Record(Type.String(), Type.Integer()),
});
export type CapacityPreview = Static<typeof CapacityPreview>;
export const CapacityImportResult = Type.Object({ ok: Type.Boolean(), written: Type.Integer(), unchanged: Type.Integer() });
export type CapacityImportResult = Static<typeof CapacityImportResult>;

export const RollupFigures = Type.Object({
  resource: Type.String(),
  unit: ResourceUnit,
  total: Type.Integer(),
  occupied: Type.Integer(),
  reserved: Type.Integer(),
  free: Type.Integer(),
  /** (occupied + reserved) / total in per cent, one decimal; null when total is 0. */
  occupancy: Type.Union([Type.Number(), Type.Null()]),
});
export type RollupFigures = Static<typeof RollupFigures>;

export const RollupChild = Type.Object({
  kind: Type.Enum(['territory', 'organisation']),
  code: Type.String(),
  name: Type.String(),
  level: TerritoryLevel,
  organisationId: Type.Union([Uuid, Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  resources: Type.Array(RollupFigures),
});
export type RollupChild = Static<typeof RollupChild>;

export const Rollup = Type.Object({
  territory: Type.Object({ code: Type.String(), name: Type.String(), level: TerritoryLevel, parentCode: Type.Union([Type.String(), Type.Null()]) }),
  /** The end of this day (UTC) when asked for a past date; null = now. */
  at: Type.Union([Type.String(), Type.Null()]),
  resources: Type.Array(RollupFigures),
  children: Type.Array(RollupChild),
});
export type Rollup = Static<typeof Rollup>;

export const MapPoint = Type.Object({
  code: Type.String(),
  name: Type.String(),
  organisationId: Type.Union([Uuid, Type.Null()]),
  lon: Type.Number(),
  lat: Type.Number(),
  total: Type.Integer(),
  free: Type.Integer(),
});
export type MapPoint = Static<typeof MapPoint>;

// ---- arrival notices
export type NoticeState = NoticeStateCode;
export const NoticeState = Type.Enum(noticeStates);
export const Procedure = Type.Enum(procedures);
export type Procedure = ProcedureCode;

const Small = Type.Integer({ minimum: 0, maximum: 10_000 });
export const Needs = Type.Object(
  {
    children0to5: Type.Optional(Small),
    children6to11: Type.Optional(Small),
    children12to17: Type.Optional(Small),
    unaccompaniedMinors: Type.Optional(Small),
    medical: Type.Optional(Small),
    accessibility: Type.Optional(Small),
    /** ISO 639-1 codes. */
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type Needs = Static<typeof Needs>;

const OrgRef = Type.Object({ id: Uuid, name: Type.String(), territoryCode: Type.String() });

/**
 * One household a notice announces (a placement approval sends them): pseudonymous — a reference,
 * ages, sex when known, languages — never names. The receiving municipality sees who is coming and
 * the people appear in its People list when they arrive.
 */
export const NoticeHousehold = Type.Object({
  reference: Type.String({ minLength: 1, maxLength: 40 }),
  ages: Type.Array(Type.Integer({ minimum: 0, maximum: 120 }), { minItems: 1, maxItems: 30 }),
  sexes: Type.Array(Type.Enum(sexes), { maxItems: 30 }),
  languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 10 }),
  unaccompaniedMinor: Type.Boolean(),
});
export type NoticeHousehold = Static<typeof NoticeHousehold>;

export const NoticeVersion = Type.Object({
  version: Type.Integer(),
  action: Type.String(),
  at: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  snapshot: Type.Record(Type.String(), Type.Unknown()),
});

export const ArrivalNotice = Type.Object({
  id: Uuid,
  reference: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  issuer: OrgRef,
  target: OrgRef,
  state: NoticeState,
  procedure: Procedure,
  expectedAt: Type.String(),
  deadlineAt: Type.String(),
  households: Type.Integer(),
  persons: Type.Integer(),
  needs: Needs,
  resource: Type.String(),
  acceptedPersons: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  escalatedAt: Type.Union([Type.String(), Type.Null()]),
  /** Who must act next ('target' answers / reports arrival, 'none' when finished) and by when. */
  nextActor: Type.Enum(['target', 'none']),
  nextBy: Type.Union([Type.String(), Type.Null()]),
  /** The transitions the caller may make now ('depart': persons who arrived with the notice have left). */
  actions: Type.Array(Type.Enum(noticeActions)),
  /**
   * The places this notice holds at its addressee now: reserved (from a placement approval, or
   * from acceptance, until arrival) and occupied (persons who arrived and have not left). An
   * officer's edit cannot take the declaration below what the notices hold.
   */
  held: Type.Object({ reserved: Type.Integer(), occupied: Type.Integer() }),
  /** An announced notice still unanswered at this instant expires and frees its places. */
  expiresAt: Type.String(),
  /** The households it announces, with whether each was accepted (detail view only). */
  householdDetails: Type.Optional(Type.Array(Type.Intersect([NoticeHousehold, Type.Object({ accepted: Type.Union([Type.Boolean(), Type.Null()]) })]))),
  /** The people created in the addressee's People list on arrival (detail view, for the addressee). */
  people: Type.Optional(Type.Array(Uuid)),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  versions: Type.Optional(Type.Array(NoticeVersion)),
});
export type ArrivalNotice = Static<typeof ArrivalNotice>;

export const CreateNotice = Type.Object(
  {
    targetOrganisationId: Uuid,
    procedure: Procedure,
    expectedAt: Type.String({ format: 'date-time' }),
    /** Deadline to answer: an instant, or a number of hours from now. */
    deadlineAt: Type.Optional(Type.String({ format: 'date-time' })),
    deadlineHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60 })),
    households: Type.Integer({ minimum: 1, maximum: 10_000 }),
    persons: Type.Integer({ minimum: 1, maximum: 10_000 }),
    needs: Type.Optional(Needs),
    resource: Type.Optional(ResourceCode),
    parentId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateNotice = Static<typeof CreateNotice>;

export const AmendNotice = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }),
    expectedAt: Type.Optional(Type.String({ format: 'date-time' })),
    deadlineAt: Type.Optional(Type.String({ format: 'date-time' })),
    households: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    persons: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    needs: Type.Optional(Needs),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AmendNotice = Static<typeof AmendNotice>;

export const AcceptNotice = Type.Object(
  {
    persons: Type.Integer({ minimum: 1, maximum: 10_000 }),
    /** For a notice that carries households: the references of the whole households accepted (their persons add up to persons). */
    households: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 10_000 })),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
  },
  { additionalProperties: false },
);
export const DepartNotice = Type.Object(
  {
    persons: Type.Integer({ minimum: 1, maximum: 10_000 }),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
  },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }), version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })) },
  { additionalProperties: false },
);
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 1000 })), version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })) },
  { additionalProperties: false },
);

// ---- events and notifications
export const LiveEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  type: Type.String(),
  recordId: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type LiveEvent = Static<typeof LiveEvent>;
export const Notification = Type.Intersect([LiveEvent, Type.Object({ read: Type.Boolean() })]);
export type Notification = LiveEvent & { read: boolean };
export const NotificationList = Type.Object({ items: Type.Array(Notification), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationList>;
export const MarkRead = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { maxItems: 500 })),
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
