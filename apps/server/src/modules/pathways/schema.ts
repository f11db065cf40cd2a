// Kysely's view of the integration-pathway tables (migration 0003); merged into platform's Database.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, NullableTimestamp } from '../../platform/schema.ts';

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
  identity_pending: Generated<boolean>;
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

export interface PersonArrivalTable {
  person_id: string;
  organisation_id: string;
  notice_id: string;
  notice_reference: string;
  position: number;
  persons: number;
  household_reference: string | null;
  arrived_on: ColumnType<string, string, string>;
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

// migration 0006_pathways_duplicate_reviews
export interface DuplicateReviewTable {
  id: Generated<string>;
  person_id: string;
  other_person_id: string;
  opened_by: string | null;
  opened_at: Timestamp;
  status: Generated<string>;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  note: string | null;
  version: Generated<number>;
}

declare module '../../platform/schema.ts' {
  interface Database {
    person_arrivals: PersonArrivalTable;
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
    duplicate_reviews: DuplicateReviewTable;
  }
}
