// Kysely's view of the funding tables (migration 0009); merged into platform's Database.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/schema.ts';

type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Num = ColumnType<number, number, number>;

export interface FundingIndicatorTable { id: string; fund: string; objective: string | null; kind: string; parent: string | null; code: string | null; text: string; unit: string; breakdown: string | null }
export interface FundingInstrumentTable { code: string; fund: string; management: string; name: string; regulation: string; rules: ColumnType<Record<string, unknown>, string, string>; source: string; updated_at: Timestamp }
export interface FundingCallTable {
  id: Generated<string>; organisation_id: string; instrument_code: string; reference: string; title: string; description: string | null;
  opens_on: DateCol; deadline: DateCol; budget_eur: Num; max_grant_eur: ColumnType<number | null, number | null | undefined, number | null>;
  cofinancing_percent: ColumnType<number | null, number | null | undefined, number | null>;
  applicant_routes: string[]; eligible_kinds: string[]; territory_code: string; activity_kinds: string[]; source_url: string | null;
  created_at: Timestamp; version: Generated<number>;
}
export interface FundingProjectTable {
  id: Generated<string>; organisation_id: string; call_id: string | null; instrument_code: string; programme: string | null; title: string; acronym: string | null;
  status: Generated<string>; starts_on: DateCol; ends_on: DateCol; cofinancing_percent: Num; national_cofinancing_eur: ColumnType<number, number | undefined, number>;
  flat_rate: Generated<string>; created_at: Timestamp; updated_at: Timestamp; version: Generated<number>;
}
export interface FundingPartnerTable { project_id: string; organisation_id: string; role: string }
export interface FundingBudgetLineTable { project_id: string; year: number; category: string; amount_eur: Num }
export interface FundingActivityTable { id: Generated<string>; project_id: string; kind: string; domains: string[]; delivered_by: string[]; from_date: DateCol; to_date: DateCol; language_code: string | null; position: Generated<number> }
export interface FundingMilestoneTable { id: Generated<string>; project_id: string; title: string; due_on: DateCol; owner_organisation_id: string; deliverable: string | null; done_on: NullableDate }
export interface FundingExpenditureTable { id: Generated<string>; project_id: string; year: number; category: string; amount_eur: Num; document_ref: string; declared_on: DateCol; created_at: Timestamp }
export interface FundingIndicatorEntryTable { project_id: string; indicator_id: string; value: number; entered_at: Timestamp }

declare module '../../platform/schema.ts' {
  interface Database {
    funding_indicators: FundingIndicatorTable;
    funding_instruments: FundingInstrumentTable;
    funding_calls: FundingCallTable;
    funding_projects: FundingProjectTable;
    funding_project_partners: FundingPartnerTable;
    funding_budget_lines: FundingBudgetLineTable;
    funding_activities: FundingActivityTable;
    funding_milestones: FundingMilestoneTable;
    funding_expenditures: FundingExpenditureTable;
    funding_indicator_entries: FundingIndicatorEntryTable;
  }
}
