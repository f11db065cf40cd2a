// EU funding (issue 15): the common indicators and the funds (reference data, loaded at start from
// data/), calls, projects with partners, budget, activities that count, milestones, expenditure and
// entered (survey) indicator values. No personal data: participants stay in the pathway tables;
// this module keeps only which kinds of steps count and receives counts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await referenceTables(db);
  await callsAndProjects(db);
  await projectParts(db);
  await grants(db);
}

/** The common indicators and the funds, loaded from data/ at start. */
async function referenceTables(db: Kysely<unknown>) {
  await sql`
    create table funding_indicators (
      id text primary key,
      fund text not null,
      objective text,
      kind text not null,
      parent text,
      code text,
      text text not null,
      unit text not null,
      breakdown text
    )`.execute(db);
  await sql`
    create table funding_instruments (
      code text primary key,
      fund text not null check (fund in ('amif','amif_thematic_facility','esf_plus','erdf','national','nrpp_2028')),
      management text not null check (management in ('shared','direct','national')),
      name text not null,
      regulation text not null,
      rules jsonb not null,
      source text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

async function callsAndProjects(db: Kysely<unknown>) {
  await sql`
    create table funding_calls (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      instrument_code text not null references funding_instruments(code),
      reference text not null unique,
      title text not null,
      description text,
      opens_on date not null,
      deadline date not null,
      budget_eur numeric(14,2) not null check (budget_eur >= 0),
      max_grant_eur numeric(14,2),
      cofinancing_percent numeric(5,2),
      applicant_routes text[] not null,
      eligible_kinds text[] not null,
      territory_code text not null references territories(code),
      activity_kinds text[] not null default '{}',
      source_url text,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (deadline >= opens_on)
    )`.execute(db);
  await sql`create index funding_calls_deadline on funding_calls (deadline)`.execute(db);
  await sql`
    create table funding_projects (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      call_id uuid references funding_calls(id),
      instrument_code text not null references funding_instruments(code),
      programme text,
      title text not null,
      acronym text,
      status text not null default 'draft' check (status in ('draft','submitted','granted','running','closed')),
      starts_on date not null,
      ends_on date not null,
      cofinancing_percent numeric(5,2) not null check (cofinancing_percent between 0 and 100),
      national_cofinancing_eur numeric(14,2) not null default 0,
      flat_rate text not null default 'none' check (flat_rate in ('none','indirect_7_direct','indirect_15_staff','staff_20_other_direct')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index funding_projects_org on funding_projects (organisation_id)`.execute(db);
}

/** Partners, budget lines, the activities that count, milestones, expenditure, entered indicator values. */
async function projectParts(db: Kysely<unknown>) {
  await sql`
    create table funding_project_partners (
      project_id uuid not null references funding_projects(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      role text not null check (role in ('partner','associated')),
      primary key (project_id, organisation_id)
    )`.execute(db);
  await sql`create index funding_project_partners_org on funding_project_partners (organisation_id)`.execute(db);
  await sql`
    create table funding_budget_lines (
      project_id uuid not null references funding_projects(id) on delete cascade,
      year integer not null,
      category text not null,
      amount_eur numeric(14,2) not null check (amount_eur >= 0),
      primary key (project_id, year, category)
    )`.execute(db);
  await sql`
    create table funding_activities (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references funding_projects(id) on delete cascade,
      kind text not null,
      domains text[] not null,
      delivered_by uuid[] not null,
      from_date date not null,
      to_date date not null,
      language_code text,
      position integer not null default 0,
      check (to_date >= from_date)
    )`.execute(db);
  await sql`create index funding_activities_project on funding_activities (project_id)`.execute(db);
  await sql`
    create table funding_milestones (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references funding_projects(id) on delete cascade,
      title text not null,
      due_on date not null,
      owner_organisation_id uuid not null references organisations(id),
      deliverable text,
      done_on date
    )`.execute(db);
  await sql`create index funding_milestones_project on funding_milestones (project_id)`.execute(db);
  await sql`
    create table funding_expenditures (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references funding_projects(id) on delete cascade,
      year integer not null,
      category text not null,
      amount_eur numeric(14,2) not null check (amount_eur >= 0),
      document_ref text not null,
      declared_on date not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index funding_expenditures_project on funding_expenditures (project_id)`.execute(db);
  await sql`
    create table funding_indicator_entries (
      project_id uuid not null references funding_projects(id) on delete cascade,
      indicator_id text not null references funding_indicators(id),
      value integer not null check (value >= 0),
      entered_at timestamptz not null default now(),
      primary key (project_id, indicator_id)
    )`.execute(db);
}

async function grants(db: Kysely<unknown>) {
  await sql`grant select on funding_indicators, funding_instruments to localpact_app`.execute(db);
  await sql`grant select, insert, update on funding_calls, funding_projects to localpact_app`.execute(db);
  await sql`grant select, insert, update, delete on funding_project_partners, funding_budget_lines, funding_activities, funding_milestones, funding_expenditures, funding_indicator_entries to localpact_app`.execute(db);
}
