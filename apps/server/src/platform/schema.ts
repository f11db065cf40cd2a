// Kysely's view of the tables. Column types as the driver returns them (timestamps as Date).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TerritoryTable {
  code: string;
  /** 0 EU, 1 country, 2–4 NUTS 1–3, 5 LAU (municipality). */
  level: number;
  parent_code: string | null;
  country: string | null;
  name: string;
  /** Lower-case, accent-free, punctuation-free form of the name (and its Latin transliteration). */
  search_name: string;
  population: number | null;
  lon: number | null;
  lat: number | null;
  area_km2: number | null;
  /** Codes from the root, '/'-joined and '/'-terminated: ancestry is a prefix test. */
  path: string;
  child_count: Generated<number>;
}

export interface CountryTable {
  code: string;
  iso3: string;
  name: string;
  population: number;
  population_year: number;
  gdp_usd: number;
  gdp_year: number;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: string;
  territory_code: string;
  parent_id: string | null;
  email: string | null;
  website: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string;
  password_hash: string;
  active: Generated<boolean>;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_sign_in_at: NullableTimestamp;
  version: Generated<number>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
}

export interface SignInThrottleTable {
  key_hash: string;
  kind: 'account' | 'account_address' | 'address' | 'device';
  failures: Generated<number>;
  next_at: Timestamp;
  last_at: Timestamp;
}

export interface SignInDeviceTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
}

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
}

// ---- reception (migration 0002)
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
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}
export interface ArrivalNoticeVersionTable {
  notice_id: string;
  version: number;
  action: string;
  at: Timestamp;
  actor_id: string | null;
  snapshot: ColumnType<Record<string, unknown>, string, string>;
}

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

export interface Database extends PathwaysDatabase {
  territories: TerritoryTable;
  countries: CountryTable;
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_throttle: SignInThrottleTable;
  sign_in_devices: SignInDeviceTable;
  audit_log: AuditLogTable;
  events: EventTable;
  notification_reads: NotificationReadTable;
  notification_cursors: NotificationCursorTable;
  resource_types: ResourceTypeTable;
  capacity_declarations: CapacityDeclarationTable;
  capacity_history: CapacityHistoryTable;
  capacity_daily: CapacityDailyTable;
  arrival_notices: ArrivalNoticeTable;
  arrival_notice_versions: ArrivalNoticeVersionTable;
  placement_households: PlacementHouseholdTable;
  regional_labour_demand: RegionalLabourDemandTable;
  placement_runs: PlacementRunTable;
}

// ---- integration pathways (migration 0003) -------------------------------------------------------
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

export interface StatusTypeTable {
  code: string;
  ends_on: DateCol;
  legal_basis: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface HouseholdTable {
  id: Generated<string>;
  organisation_id: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface PersonTable {
  id: Generated<string>;
  organisation_id: string;
  household_id: string | null;
  household_role: Generated<string>;
  birth_date: DateCol;
  birth_year: number;
  sex: string;
  nationalities: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<Array<{ code: string; level: string | null }>, string | undefined, string>;
  preferred_locale: Generated<string>;
  unaccompanied_minor: Generated<boolean>;
  closed_at: NullableTimestamp;
  erased_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PersonIdentityTable {
  person_id: string;
  organisation_id: string;
  given_name: string;
  family_name: string;
  other_names: string | null;
  identifiers: ColumnType<Array<{ type: string; value: string }>, string | undefined, string>;
  phone: string | null;
  email: string | null;
  address: string | null;
  name_key: string;
  search_text: string;
}

export interface PersonNameKeyTable {
  person_id: string;
  organisation_id: string;
  key: string;
}

export interface LegalStatusTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  type_code: string;
  decided_on: DateCol;
  valid_from: DateCol;
  valid_until: DateCol;
  note: string | null;
  current: Generated<boolean>;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface PathwayTemplateTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  audience: string;
  description: string | null;
  steps: ColumnType<Array<{ domain: string; title: string; dueAfterDays: number | null; for: string; followUp?: boolean }>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PathwayPlanTable {
  person_id: string;
  organisation_id: string;
  template_id: string | null;
  goals: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PathwayStepTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  domain: string;
  title: string;
  status: Generated<string>;
  stop_reason: string | null;
  due_on: DateCol;
  started_on: DateCol;
  done_on: DateCol;
  responsible_organisation_id: string | null;
  notes: string | null;
  follow_up: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ConsentTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  purpose: string;
  partner_organisation_id: string | null;
  given_on: ColumnType<string, string, string>;
  how: string;
  withdrawn_on: DateCol;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface ReferralTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  partner_organisation_id: string;
  consent_id: string;
  step_id: string | null;
  shares: string[];
  note: string | null;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PersonCorrectionTable {
  id: Generated<number>;
  person_id: string;
  organisation_id: string;
  field: string;
  old_value: ColumnType<unknown, string | null, string | null>;
  new_value: ColumnType<unknown, string | null, string | null>;
  reason: string | null;
  at: Timestamp;
  by_user: string | null;
}

export interface PathwaysDatabase {
  status_types: StatusTypeTable;
  households: HouseholdTable;
  people: PersonTable;
  person_identities: PersonIdentityTable;
  person_name_keys: PersonNameKeyTable;
  legal_statuses: LegalStatusTable;
  pathway_templates: PathwayTemplateTable;
  pathway_plans: PathwayPlanTable;
  pathway_steps: PathwayStepTable;
  consents: ConsentTable;
  referrals: ReferralTable;
  person_corrections: PersonCorrectionTable;
}
