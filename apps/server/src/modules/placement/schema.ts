// Kysely's view of the placement tables (migration 0004); merged into platform's Database.
import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp } from '../../platform/schema.ts';

export interface PlacementHouseholdTable {
  id: Generated<string>;
  organisation_id: string;
  reference: string;
  size: number;
  ages: number[];
  unaccompanied_minor: Generated<boolean>;
  languages: Generated<string[]>;
  occupations: Generated<string[]>;
  ties: Generated<string[]>;
  preferences: Generated<string[]>;
  medical_care: Generated<boolean>;
  psychosocial_care: Generated<boolean>;
  step_free: Generated<boolean>;
  procedure: string;
  status: Generated<string>;
  placed_organisation_id: string | null;
  placed_run_id: string | null;
  sexes: Generated<string[]>;
  notice_id: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RegionalLabourDemandTable {
  territory_code: string;
  isco: string;
  demand: number;
  source: string | null;
}

export interface PlacementRunTable {
  id: Generated<string>;
  organisation_id: string;
  territory_code: string;
  created_by: string;
  created_at: Timestamp;
  status: Generated<string>;
  distribution_key: string;
  key_table: unknown | null;
  weights: unknown;
  instance: unknown;
  context: unknown;
  result: unknown;
  figures: unknown;
  overrides: Generated<unknown>;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  previous_run_id: string | null;
  version: Generated<number>;
}

declare module '../../platform/schema.ts' {
  interface Database {
    placement_households: PlacementHouseholdTable;
    regional_labour_demand: RegionalLabourDemandTable;
    placement_runs: PlacementRunTable;
  }
}
