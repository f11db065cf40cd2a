// Kysely's view of the skills tables (migration 0008_skills); merged into platform's Database.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/schema.ts';

export interface IscoGroupTable { code: string; level: number; label_en: string; label_fr: string }
export interface EscoOccupationTable { id: string; isco: string; code: string; label_en: string; label_fr: string }
export interface EscoSkillTable { id: string; type: string; reuse: string; label_en: string }
export interface EscoLabelTable { kind: string; concept_id: string; lang: string; preferred: boolean; label: string; search_key: string }
export interface EscoOccupationSkillTable { occupation_id: string; skill_id: string; essential: boolean }

export interface SkillProfileTable {
  person_id: string;
  organisation_id: string;
  driving_licences: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface SkillProfileEducationTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  position: number;
  isced_level: number;
  isced_field: string | null;
  country: string | null;
  title: string | null;
  completed_year: number | null;
  documents: string;
}
export interface SkillProfileExperienceTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  position: number;
  occupation_id: string;
  years: ColumnType<string, number | string, number | string>;
  country: string | null;
}
export interface SkillProfileSkillTable { person_id: string; organisation_id: string; skill_id: string; shown: string }
export interface SkillProfileLanguageTable { person_id: string; organisation_id: string; code: string; level: string }

type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
export interface RecognitionBodyTable { id: string; country: string; kind: string; name: string; host: string; url: string; notes: string; sources: string }
export interface RecognitionCaseTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  body_id: string;
  qualification: string;
  origin_country: string | null;
  occupation_id: string | null;
  status: Generated<string>;
  started_on: ColumnType<string, string, string>;
  documents_due_on: DateCol;
  submitted_on: DateCol;
  decision_due_on: DateCol;
  decision: string | null;
  compensation: ColumnType<string[], string[] | undefined, string[]>;
  decided_on: DateCol;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface RecognitionDocumentTable { case_id: string; person_id: string; organisation_id: string; kind: string; submitted_on: DateCol }

export interface OfferTable {
  id: Generated<string>;
  organisation_id: string;
  kind: string;
  title: string;
  occupation_id: string | null;
  territory_code: string;
  hours_per_week: ColumnType<string | null, number | null | undefined, number | null>;
  starts_on: DateCol;
  closes_on: ColumnType<string, string, string>;
  language_code: string | null;
  language_level: string | null;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  version: Generated<number>;
}
export interface OfferSkillTable { offer_id: string; skill_id: string; essential: boolean }

declare module '../../platform/schema.ts' {
  interface Database {
    isco_groups: IscoGroupTable;
    esco_occupations: EscoOccupationTable;
    esco_skills: EscoSkillTable;
    esco_labels: EscoLabelTable;
    esco_occupation_skills: EscoOccupationSkillTable;
    skill_profiles: SkillProfileTable;
    skill_profile_education: SkillProfileEducationTable;
    skill_profile_experience: SkillProfileExperienceTable;
    skill_profile_skills: SkillProfileSkillTable;
    skill_profile_languages: SkillProfileLanguageTable;
    recognition_bodies: RecognitionBodyTable;
    recognition_cases: RecognitionCaseTable;
    recognition_documents: RecognitionDocumentTable;
    offers: OfferTable;
    offer_skills: OfferSkillTable;
  }
}
