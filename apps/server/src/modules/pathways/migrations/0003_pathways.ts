// Integration pathways (issue 5): people and households, legal status with its history, the table
// of status types an administrator maintains, pathway templates, plans and steps, consents,
// referrals to partners, and the history of corrections.
//
// Data minimisation (ARCHITECTURE.md, wall 3): `person_identities` is the ONLY table holding
// direct identifiers (names, document numbers, contact). Everything else refers to the
// pseudonymous `people.id`. Erasure deletes the identity row and the free text, coarsens the date
// of birth to the year, and keeps the pseudonymous rows so statistics stay right.
//
// Every personal table carries its owning organisation (denormalised, so row-level security and
// lists filter with an index) and row-level security: the second wall behind the access gate.
// A row is visible when
//   - the platform itself acts (localpact.system = on: demo data, retention job), or
//   - it belongs to the actor's organisation (localpact.actor_org), or
//   - the gate granted this transaction access to the person or household (localpact.grant, a
//     comma-separated list of ids: break-the-glass and data-subject requests), or
//   - the actor is a partner and an active referral to its organisation covers the person.
import { sql, type Kysely } from 'kysely';

// The actor's settings are read once per statement (scalar sub-selects become init plans), not
// once per row: with a million people that is the difference between 20 ms and 2 s.
const ORG = `(select nullif(current_setting('localpact.actor_org', true), '')::uuid)`;
const SYSTEM = `(select current_setting('localpact.system', true) = 'on')`;
const GRANTED = `((select string_to_array(coalesce(current_setting('localpact.grant', true), ''), ','))::text[])`;
const PARTNER = `(select current_setting('localpact.actor_role', true) = 'partner')`;

const visible = (table: string, column: string) => {
  const personColumn = `${table}.${column}`;
  return sql.raw(`(
      organisation_id = ${ORG}
      or ${SYSTEM}
      or ${personColumn}::text = any(${GRANTED})
      or (${PARTNER} and exists (
            select 1 from referrals r
             where r.person_id = ${personColumn}
               and r.partner_organisation_id = ${ORG}
               and r.status in ('sent', 'accepted')))
    )`);
};

/** Row-level security of one personal table (exported for benchmarks that rebuild a database). */
export async function protect(db: Kysely<unknown>, table: string, personColumn: string) {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`create policy ${sql.raw(table + '_reach')} on ${sql.table(table)} using ${visible(table, personColumn)} with check ${sql.raw(`(
      organisation_id = ${ORG} or ${SYSTEM} or ${table}.${personColumn}::text = any(${GRANTED})
    )`)}`.execute(db);
  await sql`grant select, insert, update, delete on ${sql.table(table)} to localpact_app`.execute(db);
}

export async function protectReferrals(db: Kysely<unknown>) {
  await sql`alter table referrals enable row level security`.execute(db);
  await sql`alter table referrals force row level security`.execute(db);
  await sql`create policy referrals_reach on referrals using ${sql.raw(`(
      organisation_id = ${ORG} or partner_organisation_id = ${ORG} or ${SYSTEM} or person_id::text = any(${GRANTED})
    )`)}`.execute(db);
  await sql`grant select, insert, update, delete on referrals to localpact_app`.execute(db);
}

/** The status types and their common end dates (data, never code). */
async function statusTypes(db: Kysely<unknown>): Promise<void> {
  // ---- reference: the status types and their common end dates (data, never code) -------------
  await sql`
    create table status_types (
      code text primary key check (code in ('asylum_seeker','refugee','subsidiary_protection','temporary_protection','national_humanitarian','other_permit')),
      -- The date every status of this type ends unless the person's own decision says otherwise
      -- (temporary protection: set by Council implementing decisions, extended from time to time).
      ends_on date,
      legal_basis text,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  // Initial reference data, as of the Council's latest extension of temporary protection for
  // people displaced from Ukraine (to 4 March 2027). An administrator updates it through
  // PATCH /api/status-types/temporary_protection; no code reads a date from anywhere else.
  await sql`insert into status_types (code, ends_on, legal_basis) values
      ('asylum_seeker', null, 'Directive 2013/33/EU; Regulation (EU) 2024/1351'),
      ('refugee', null, 'Directive 2011/95/EU; Regulation (EU) 2024/1347'),
      ('subsidiary_protection', null, 'Regulation (EU) 2024/1347'),
      ('temporary_protection', '2027-03-04', 'Directive 2001/55/EC; Council Implementing Decision (EU) 2022/382 as extended'),
      ('national_humanitarian', null, 'National law'),
      ('other_permit', null, 'National law')`.execute(db);
  await sql`grant select, update on status_types to localpact_app`.execute(db);
}

/** Households, people and their identities (the one table with names). */
async function householdsAndPeople(db: Kysely<unknown>): Promise<void> {
  // ---- households and people ------------------------------------------------------------------
  await sql`
    create table households (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index households_org on households (organisation_id)`.execute(db);

  await sql`
    create table people (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      household_id uuid references households(id),
      household_role text not null default 'other' check (household_role in ('head','partner','child','other')),
      birth_date date,
      birth_year integer not null check (birth_year between 1900 and 2100),
      sex text not null check (sex in ('female','male','other','unknown')),
      nationalities text[] not null default '{}',
      languages jsonb not null default '[]',
      preferred_locale text not null default 'en',
      unaccompanied_minor boolean not null default false,
      closed_at timestamptz,
      erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  // Covering indexes: the worklist counts read them without touching the table (row-level
  // security needs organisation_id and the person id, so they are in every index it reads).
  await sql`create index people_org on people (organisation_id, birth_date) include (id, closed_at) where erased_at is null`.execute(db);
  await sql`create index people_birth_date on people (birth_date)`.execute(db);
  await sql`create index people_household on people (household_id)`.execute(db);
  await sql`create index people_closed on people (closed_at) where closed_at is not null and erased_at is null`.execute(db);
  // The few people of an organisation who are off every list (closed or erased): the worklist's anti-join.
  await sql`create index people_inactive on people (organisation_id) where erased_at is not null or closed_at is not null`.execute(db);

  await sql`
    create table person_identities (
      person_id uuid primary key references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      given_name text not null,
      family_name text not null,
      other_names text,
      identifiers jsonb not null default '[]',
      phone text,
      email text,
      address text,
      -- Sorted, space-joined phonetic keys of every name token, across scripts and spellings
      -- (Олександр, Oleksandr, Aleksandr and Alexander all give 'lksndr'): duplicate detection.
      name_key text not null,
      -- Lower-case, accent-free Latin forms of the names (and the original script): search.
      search_text text not null
    )`.execute(db);
  await sql`create index person_identities_name_key on person_identities (name_key)`.execute(db);
  await sql`create index person_identities_org on person_identities (organisation_id)`.execute(db);
  await sql`create index person_identities_search on person_identities using gin (search_text gin_trgm_ops)`.execute(db);
}

/** The phonetic name keys and the legal statuses with their history. */
async function statusesAndNameKeys(db: Kysely<unknown>): Promise<void> {
  // One row per phonetic key of a person's names: search by equality, which row-level security
  // lets an index answer (LIKE is not leakproof, so under RLS it cannot use the trigram index).
  // Derived from the names, so it is identifying too: erasure deletes it with the identity.
  await sql`
    create table person_name_keys (
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      key text not null,
      primary key (person_id, key)
    )`.execute(db);
  await sql`create index person_name_keys_org on person_name_keys (organisation_id, key) include (person_id)`.execute(db);

  await sql`
    create table legal_statuses (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      type_code text not null references status_types(code),
      decided_on date,
      valid_from date,
      -- The person's own end date; when null, the status type's ends_on applies.
      valid_until date,
      note text,
      -- The latest recorded status of the person; earlier ones are its history.
      current boolean not null default true,
      recorded_at timestamptz not null default now(),
      recorded_by uuid
    )`.execute(db);
  await sql`create index legal_statuses_person on legal_statuses (person_id, recorded_at)`.execute(db);
  await sql`create index legal_statuses_current on legal_statuses (organisation_id, type_code) include (person_id, valid_until) where current`.execute(db);
}

/** Pathway templates, plans and steps. */
async function plansAndSteps(db: Kysely<unknown>): Promise<void> {
  // ---- pathways -------------------------------------------------------------------------------
  await sql`
    create table pathway_templates (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      name text not null check (length(name) between 1 and 200),
      audience text not null check (audience in ('adult','family','unaccompanied_minor','any')),
      description text,
      steps jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index pathway_templates_org on pathway_templates (organisation_id)`.execute(db);
  await sql`grant select, insert, update on pathway_templates to localpact_app`.execute(db);

  await sql`
    create table pathway_plans (
      person_id uuid primary key references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      template_id uuid references pathway_templates(id),
      -- The person's own goals, in their words.
      goals text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index pathway_plans_org on pathway_plans (organisation_id)`.execute(db);

  await sql`
    create table pathway_steps (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      domain text not null check (domain in ('reception_housing','language','schooling_childcare','employment_training','qualifications','health_psychosocial','documents_legal')),
      title text not null,
      status text not null default 'planned' check (status in ('planned','in_progress','done','stopped')),
      stop_reason text,
      due_on date,
      started_on date,
      done_on date,
      responsible_organisation_id uuid references organisations(id),
      notes text,
      -- The step answers the end of the person's current legal status (a new permit, a durable
      -- status): while one is open or done, the status-ending alert stays quiet.
      follow_up boolean not null default false,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index pathway_steps_person on pathway_steps (person_id, position)`.execute(db);
  await sql`create index pathway_steps_open on pathway_steps (organisation_id, domain, status, due_on) include (person_id) where status in ('planned','in_progress')`.execute(db);
  await sql`create index pathway_steps_due on pathway_steps (organisation_id, due_on) include (person_id) where status in ('planned','in_progress')`.execute(db);
  await sql`create index pathway_steps_school_done on pathway_steps (person_id) include (organisation_id) where domain = 'schooling_childcare' and status = 'done'`.execute(db);
  await sql`create index pathway_steps_follow_up on pathway_steps (person_id) include (organisation_id) where follow_up and status <> 'stopped'`.execute(db);
}

/** Consents, referrals to partners and the history of corrections. */
async function consentsAndReferrals(db: Kysely<unknown>): Promise<void> {
  // ---- consent, referrals, moves, corrections -------------------------------------------------
  await sql`
    create table consents (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      purpose text not null check (purpose in ('share_with_partner','job_matching','contact','transfer')),
      -- For sharing with a partner and transfers: the named organisation the consent is for.
      partner_organisation_id uuid references organisations(id),
      given_on date not null,
      how text not null check (how in ('in_writing','orally_with_interpreter','orally','electronically')),
      withdrawn_on date,
      recorded_at timestamptz not null default now(),
      recorded_by uuid
    )`.execute(db);
  await sql`create index consents_person on consents (person_id)`.execute(db);

  await sql`
    create table referrals (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      partner_organisation_id uuid not null references organisations(id),
      consent_id uuid not null references consents(id),
      step_id uuid references pathway_steps(id) on delete set null,
      -- What the partner sees: any of 'name', 'contact', 'languages', 'birth_year', 'legal_status', 'step'.
      shares text[] not null,
      note text,
      status text not null default 'sent' check (status in ('sent','accepted','closed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index referrals_person on referrals (person_id)`.execute(db);
  await sql`create index referrals_partner on referrals (partner_organisation_id, status)`.execute(db);

  await sql`
    create table person_corrections (
      id bigserial primary key,
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      field text not null,
      old_value jsonb,
      new_value jsonb,
      reason text,
      at timestamptz not null default now(),
      by_user uuid
    )`.execute(db);
  await sql`create index person_corrections_person on person_corrections (person_id, at)`.execute(db);
}

/** Row-level security on every personal table (the second wall). */
async function rowLevelSecurity(db: Kysely<unknown>): Promise<void> {
  // Referrals first: the other policies look into it for partners.
  await protectReferrals(db);

  await protect(db, 'people', 'id');
  await protect(db, 'person_identities', 'person_id');
  await protect(db, 'person_name_keys', 'person_id');
  await protect(db, 'legal_statuses', 'person_id');
  await protect(db, 'pathway_plans', 'person_id');
  await protect(db, 'pathway_steps', 'person_id');
  await protect(db, 'consents', 'person_id');
  await protect(db, 'person_corrections', 'person_id');
  await protect(db, 'households', 'id');
  await sql`grant usage on all sequences in schema public to localpact_app`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await statusTypes(db);
  await householdsAndPeople(db);
  await statusesAndNameKeys(db);
  await plansAndSteps(db);
  await consentsAndReferrals(db);
  await rowLevelSecurity(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
