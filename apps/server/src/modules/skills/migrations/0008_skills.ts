// Skills and work (issue 14), first part: the ESCO v1.1.1 classification as reference data
// (occupations, skills, every label in each vendored language, occupation→skill links; loaded by
// onBoot from data/), and the skills profile of a person (personal data: row-level security).
//
// A profile belongs to a person of pathways (`people.id`); it holds no name. Its rows carry the
// owning organisation like every personal table, so row-level security and lists filter by index.
import { sql, type Kysely } from 'kysely';
import { protectPersonalTable } from '../../../platform/rls.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await escoTables(db);
  await profileTables(db);
  await recognitionTables(db);
  await offerTables(db);
}

async function escoTables(db: Kysely<unknown>): Promise<void> {
  // ---- reference: ISCO-08 and ESCO ------------------------------------------------------------
  await sql`create table isco_groups (code text primary key, level smallint not null, label_en text not null, label_fr text not null)`.execute(db);
  await sql`create table esco_occupations (
      id text primary key, isco text not null, code text not null, label_en text not null, label_fr text not null)`.execute(db);
  await sql`create index esco_occupations_isco on esco_occupations (isco text_pattern_ops)`.execute(db);
  await sql`create table esco_skills (
      id text primary key, type text not null check (type in ('skill','knowledge','other')), reuse text not null, label_en text not null)`.execute(db);
  // One row per label, the source of the search index (search-index.ts). search_key is lower
  // case, without accents or punctuation, with a leading space (' ' + each word starts after one).
  await sql`create table esco_labels (
      kind char(1) not null check (kind in ('o','s')),
      concept_id text not null,
      lang text not null,
      preferred boolean not null,
      label text not null,
      search_key text not null)`.execute(db);
  await sql`create index esco_labels_concept on esco_labels (concept_id, lang) where preferred`.execute(db);
  await sql`create table esco_occupation_skills (
      occupation_id text not null references esco_occupations(id),
      skill_id text not null references esco_skills(id),
      essential boolean not null,
      primary key (occupation_id, skill_id))`.execute(db);
  await sql`create index esco_occupation_skills_skill on esco_occupation_skills (skill_id)`.execute(db);
  await sql`grant select on isco_groups, esco_occupations, esco_skills, esco_labels, esco_occupation_skills to localpact_app`.execute(db);
}

async function profileTables(db: Kysely<unknown>): Promise<void> {
  // ---- personal: the skills profile -----------------------------------------------------------
  await sql`create table skill_profiles (
      person_id uuid primary key references people(id),
      organisation_id uuid not null references organisations(id),
      -- Driving licence categories (Directive 2006/126/EC): AM, A1, A2, A, B, BE, C1, C1E, C, CE, D1, D1E, D, DE.
      driving_licences text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1)`.execute(db);
  await sql`create index skill_profiles_org on skill_profiles (organisation_id)`.execute(db);
  await sql`create table skill_profile_education (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references skill_profiles(person_id) on delete cascade,
      organisation_id uuid not null,
      position smallint not null,
      isced_level smallint not null check (isced_level between 0 and 8),
      isced_field text check (isced_field ~ '^(0[0-9]|10)$'),
      country char(2),
      title text,
      completed_year smallint,
      documents text not null check (documents in ('held','partly_held','lost')))`.execute(db);
  await sql`create table skill_profile_experience (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references skill_profiles(person_id) on delete cascade,
      organisation_id uuid not null,
      position smallint not null,
      occupation_id text not null references esco_occupations(id),
      years numeric(4,1) not null check (years >= 0 and years <= 60),
      country char(2))`.execute(db);
  await sql`create index skill_profile_experience_occupation on skill_profile_experience (occupation_id)`.execute(db);
  await sql`create table skill_profile_skills (
      person_id uuid not null references skill_profiles(person_id) on delete cascade,
      organisation_id uuid not null,
      skill_id text not null references esco_skills(id),
      shown text not null check (shown in ('declared','assessed','certified')),
      primary key (person_id, skill_id))`.execute(db);
  await sql`create index skill_profile_skills_skill on skill_profile_skills (skill_id)`.execute(db);
  await sql`create table skill_profile_languages (
      person_id uuid not null references skill_profiles(person_id) on delete cascade,
      organisation_id uuid not null,
      code text not null,
      level text not null check (level in ('A1','A2','B1','B2','C1','C2','native')),
      primary key (person_id, code))`.execute(db);
  for (const t of ['skill_profiles', 'skill_profile_education', 'skill_profile_experience', 'skill_profile_skills', 'skill_profile_languages']) {
    await protectPersonalTable(db, t, 'person_id');
  }
}

async function recognitionTables(db: Kysely<unknown>): Promise<void> {
  // ---- recognition of qualifications, followed step by step ------------------------------------
  // Reference: per EU country the ENIC-NARIC centre (academic) and the regulated-professions route
  // (professional) where one is known; loaded by onBoot from data/recognition-bodies.tsv.
  await sql`create table recognition_bodies (
      id text primary key,
      country char(2) not null,
      kind text not null check (kind in ('academic','professional')),
      name text not null, host text not null, url text not null, notes text not null, sources text not null)`.execute(db);
  await sql`grant select on recognition_bodies to localpact_app`.execute(db);
  // A case: one qualification of one person before one body. Its steps are dated: documents due,
  // submitted, decision due, decided (full, partial with compensation measures, or refused).
  await sql`create table recognition_cases (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      organisation_id uuid not null references organisations(id),
      body_id text not null references recognition_bodies(id),
      qualification text not null,
      origin_country char(2),
      occupation_id text references esco_occupations(id),
      status text not null default 'preparing' check (status in ('preparing','submitted','decided','withdrawn')),
      started_on date not null,
      documents_due_on date,
      submitted_on date,
      decision_due_on date,
      decision text check (decision in ('full','partial','refused')),
      compensation text[] not null default '{}',
      decided_on date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((status = 'decided') = (decision is not null)))`.execute(db);
  await sql`create index recognition_cases_person on recognition_cases (person_id)`.execute(db);
  await sql`create index recognition_cases_open on recognition_cases (organisation_id, status) where status in ('preparing','submitted')`.execute(db);
  await sql`create table recognition_documents (
      case_id uuid not null references recognition_cases(id) on delete cascade,
      person_id uuid not null,
      organisation_id uuid not null,
      kind text not null,
      submitted_on date,
      primary key (case_id, kind))`.execute(db);
  await protectPersonalTable(db, 'recognition_cases', 'person_id');
  await protectPersonalTable(db, 'recognition_documents', 'person_id');
}

async function offerTables(db: Kysely<unknown>): Promise<void> {
  // ---- offers: jobs, training and language places, published by employers, public employment
  // services and partners (not personal data: an organisation publishes them) -----------------
  await sql`create table offers (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      kind text not null check (kind in ('job','training','language_course')),
      title text not null,
      occupation_id text references esco_occupations(id),
      territory_code text not null references territories(code),
      hours_per_week numeric(4,1) check (hours_per_week > 0 and hours_per_week <= 60),
      starts_on date,
      closes_on date not null,
      language_code text,
      language_level text check (language_level in ('A1','A2','B1','B2','C1','C2','native')),
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1)`.execute(db);
  await sql`create index offers_open on offers (closes_on) where closed_at is null`.execute(db);
  await sql`create index offers_org on offers (organisation_id)`.execute(db);
  await sql`create table offer_skills (
      offer_id uuid not null references offers(id) on delete cascade,
      skill_id text not null references esco_skills(id),
      essential boolean not null,
      primary key (offer_id, skill_id))`.execute(db);
  await sql`create index offer_skills_skill on offer_skills (skill_id)`.execute(db);
  await sql`grant select, insert, update, delete on offers, offer_skills to localpact_app`.execute(db);
}
