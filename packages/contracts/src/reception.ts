// Reception (issue 3): resource types, capacity declarations and their history, roll-ups up the
// territory tree, arrival notices (transfer requests), live events and the notification centre.
import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { TerritoryLevel } from './territories.ts';

export const ResourceCode = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]{1,39}$' });
export const ResourceUnit = Type.Enum(['beds', 'places', 'seats', 'slots']);
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

const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });

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

export const CapacityImport = Type.Object({ csv: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false });
export const CapacityImportResult = Type.Object({
  ok: Type.Boolean(),
  written: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), column: Type.Union([Type.String(), Type.Null()]), message: Type.String() })),
});
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
export const noticeStates = ['announced', 'accepted', 'partially_accepted', 'declined', 'withdrawn', 'arrived'] as const;
export type NoticeState = (typeof noticeStates)[number];
export const NoticeState = Type.Enum(noticeStates);
export const procedures = ['asylum', 'border_procedure', 'relocation', 'resettlement', 'temporary_protection'] as const;
export const Procedure = Type.Enum(procedures);
export type Procedure = (typeof procedures)[number];

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
  /** The transitions the caller may make now. */
  actions: Type.Array(Type.Enum(['accept', 'decline', 'withdraw', 'amend', 'arrived'])),
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
  { persons: Type.Integer({ minimum: 1, maximum: 10_000 }), version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })) },
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
