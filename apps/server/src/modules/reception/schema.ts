// Kysely's view of the reception tables (migration 0002); merged into platform's Database.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, NullableTimestamp } from '../../platform/schema.ts';

export interface ResourceTypeTable {
  code: string;
  unit: string;
  labels: ColumnType<Record<string, string>, string, string>;
  sort_order: Generated<number>;
  created_at: Timestamp;
}

export interface CapacityDeclarationTable {
  organisation_id: string;
  resource_code: string;
  territory_path: string;
  group_path: string;
  total: number;
  occupied: number;
  reserved: number;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CapacityHistoryTable {
  id: Generated<number>;
  organisation_id: string;
  resource_code: string;
  territory_path: string;
  valid_from: Timestamp;
  total: number;
  occupied: number;
  reserved: number;
  changed_by: string | null;
  reason: string;
}

export interface CapacityDailyTable {
  group_path: string;
  resource_code: string;
  day: ColumnType<string, string, string>;
  total: number;
  occupied: number;
  reserved: number;
}

export interface ArrivalNoticeTable {
  id: Generated<string>;
  reference: string;
  parent_id: string | null;
  issuer_organisation_id: string;
  issuer_territory_path: string;
  target_organisation_id: string;
  target_territory_path: string;
  state: string;
  procedure: string;
  expected_at: Timestamp;
  deadline_at: Timestamp;
  households: number;
  persons: number;
  needs: ColumnType<Record<string, unknown>, string, string>;
  resource_code: string;
  accepted_persons: number | null;
  reason: string | null;
  note: string | null;
  escalated_at: NullableTimestamp;
  held_reserved: Generated<number>;
  held_occupied: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface ArrivalNoticeHouseholdTable {
  notice_id: string;
  position: number;
  reference: string;
  ages: number[];
  sexes: Generated<string[]>;
  languages: Generated<string[]>;
  unaccompanied_minor: Generated<boolean>;
  accepted: boolean | null;
}

export interface ArrivalNoticeVersionTable {
  notice_id: string;
  version: number;
  action: string;
  at: Timestamp;
  actor_id: string | null;
  snapshot: ColumnType<Record<string, unknown>, string, string>;
}

declare module '../../platform/schema.ts' {
  interface Database {
    resource_types: ResourceTypeTable;
    capacity_declarations: CapacityDeclarationTable;
    capacity_history: CapacityHistoryTable;
    capacity_daily: CapacityDailyTable;
    arrival_notices: ArrivalNoticeTable;
    arrival_notice_versions: ArrivalNoticeVersionTable;
    arrival_notice_households: ArrivalNoticeHouseholdTable;
  }
}
