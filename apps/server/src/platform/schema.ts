// Kysely's view of the tables. Column types as the driver returns them (timestamps as Date).
// Platform tables are declared here; each module declares its own in modules/<name>/schema.ts and
// merges them into Database (TypeScript declaration merging), so this file never names a module.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_email: string | null;
  organisation_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  purpose: string | null;
  outcome: string;
  ip: string | null;
  detail: unknown | null;
  /** The entry's free text (audit_texts), kept apart so that erasure can delete it. */
  text_id: number | null;
  /** sha256(salt ‖ text): the row's commitment to its text, which outlives the text. */
  text_hash: string | null;
}

// ---- the audit log's free text and hash chain (platform migration 0006_audit_privacy)
export interface AuditTextTable {
  id: Generated<number>;
  person_id: string | null;
  household_id: string | null;
  salt: string;
  text: string;
}

export interface AuditChainTable {
  seq: Generated<number>;
  audit_id: number;
  hash: string;
  sealed_at: Generated<Timestamp>;
}

// ---- events and the notification centre (platform migration 0001_platform_events)
export interface EventTable {
  id: Generated<number>;
  at: Timestamp;
  type: string;
  actor_id: string | null;
  organisation_id: string;
  territory_path: string;
  other_organisation_id: string | null;
  other_territory_path: string | null;
  record_id: string | null;
  payload: ColumnType<unknown, string | undefined, string>;
}
export interface NotificationReadTable { user_id: string; event_id: number; read_at: Timestamp }
export interface NotificationCursorTable { user_id: string; read_up_to: number }

export interface Database {
  audit_log: AuditLogTable;
  audit_texts: AuditTextTable;
  audit_chain: AuditChainTable;
  events: EventTable;
  notification_reads: NotificationReadTable;
  notification_cursors: NotificationCursorTable;
}
