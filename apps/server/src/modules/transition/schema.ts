// The transition module's tables, merged into the platform's Database type.
import type { ColumnType, Generated } from 'kysely';

export interface TransitionRouteTable {
  id: Generated<string>;
  country: string;
  names: ColumnType<Record<string, string>, string, string>;
  target_status: string;
  conditions: ColumnType<Array<{ kind: string; min?: number; note?: string }>, string, string>;
  authority: string;
  application_deadline: ColumnType<string | null, string | null, string | null>;
  legal_basis: string;
  source: string;
  rank: number;
  updated_at: ColumnType<Date, never, unknown>;
  version: ColumnType<number, never, unknown>;
}

export interface TransitionActionTable {
  id: Generated<string>;
  organisation_id: string;
  cohort: ColumnType<Record<string, unknown>, string, never>;
  step: ColumnType<Record<string, unknown>, string, never>;
  reason: string;
  affected: number;
  excluded: number;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface TransitionActionPersonTable {
  action_id: string;
  person_id: string;
  organisation_id: string;
  step_id: string | null;
  undone_at: ColumnType<Date | null, never, unknown>;
  undone_by: string | null;
}

declare module '../../platform/schema.ts' {
  interface Database {
    transition_routes: TransitionRouteTable;
    transition_actions: TransitionActionTable;
    transition_action_people: TransitionActionPersonTable;
  }
}
