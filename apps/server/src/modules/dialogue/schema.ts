// Kysely's view of the dialogue tables (migration 0010_dialogue); merged into platform's Database.
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/schema.ts';

export interface ConsultationTable {
  id: Generated<string>;
  organisation_id: string;
  territory_path: string;
  title: string;
  purpose: string;
  deadline: Timestamp;
  target_territory: string;
  target_kinds: string[];
  weight_by_population: boolean;
  remind_days: number;
  status: Generated<string>;
  synthesis: string | null;
  feedback: string | null;
  published_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}
export interface ConsultationQuestionTable {
  id: Generated<string>;
  consultation_id: string;
  position: number;
  kind: string;
  prompt: string;
  required: boolean;
  options: string[];
  scale_min: number | null;
  scale_max: number | null;
  show_if_position: number | null;
  show_if_equals: string | null;
}
export interface ConsultationInvitationTable {
  consultation_id: string;
  organisation_id: string;
  population: ColumnType<string | number | null, number | null | undefined, number | null>;
  reminded_at: NullableTimestamp;
}
export interface ConsultationResponseTable {
  id: Generated<string>;
  consultation_id: string;
  organisation_id: string;
  status: Generated<string>;
  visibility: Generated<string>;
  late: Generated<boolean>;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}
export interface ConsultationAnswerTable {
  response_id: string;
  question_id: string;
  choice: string[] | null;
  number: number | null;
  text: string | null;
}
export interface ConsultationTallyTable {
  consultation_id: string;
  question_id: string;
  visibility: string;
  option: string;
  answers: number;
  population: ColumnType<string | number, number, number>;
  rank_sum: ColumnType<string | number, number, number>;
  num_sum: number;
  num_min: number | null;
  num_max: number | null;
  weighted_sum: number;
  weight: ColumnType<string | number, number, number>;
}
export interface RaisedIssueTable {
  id: Generated<string>;
  organisation_id: string;
  territory_path: string;
  addressed_to: string;
  title: string;
  body: string;
  status: Generated<string>;
  answer: string | null;
  answered_by: string | null;
  answered_at: NullableTimestamp;
  created_at: Timestamp;
}
export interface RaisedIssueSupporterTable { issue_id: string; organisation_id: string; supported_at: Timestamp }
export interface GoodPracticeTable {
  id: string;
  language: string;
  title: string;
  place: string;
  country: string;
  territory_code: string | null;
  domains: string[];
  years: string;
  target_group: string;
  entry: ColumnType<unknown, string, string>;
  search_text: string;
  named_in_cemr: boolean;
}

declare module '../../platform/schema.ts' {
  interface Database {
    consultations: ConsultationTable;
    consultation_questions: ConsultationQuestionTable;
    consultation_invitations: ConsultationInvitationTable;
    consultation_responses: ConsultationResponseTable;
    consultation_answers: ConsultationAnswerTable;
    consultation_tallies: ConsultationTallyTable;
    raised_issues: RaisedIssueTable;
    raised_issue_supporters: RaisedIssueSupporterTable;
    good_practices: GoodPracticeTable;
  }
}
