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

export interface SignInFailureTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  at: Timestamp;
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

export interface Database extends PathwaysDatabase {
  territories: TerritoryTable;
  countries: CountryTable;
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  audit_log: AuditLogTable;
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
