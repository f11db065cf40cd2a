// The platform's tables: territories, organisations, accounts, sessions, the audit log, and the
// database role and row-level security that form the second wall around personal data.
import { sql, type Kysely } from 'kysely';

/** The application's database role. */
async function appRole(db: Kysely<unknown>): Promise<void> {
  // The role the application switches to (SET LOCAL ROLE) for every command that touches personal
  // data, so that row-level security applies even when the connecting user owns the tables.
  await sql`do $$ begin
      create role localpact_app nologin;
    exception when duplicate_object or unique_violation then null; end $$`.execute(db);
  await sql`do $$ begin
      execute format('grant localpact_app to %I', current_user);
    exception when others then null; end $$`.execute(db);
  await sql`grant usage on schema public to localpact_app`.execute(db);
}

/** Territories, countries and organisations. */
async function placesAndOrganisations(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table territories (
      code text primary key,
      level smallint not null check (level between 0 and 5),
      parent_code text references territories(code),
      country text,
      name text not null,
      search_name text not null,
      population bigint check (population >= 0),
      lon double precision,
      lat double precision,
      area_km2 double precision,
      path text not null,
      child_count integer not null default 0
    )`.execute(db);
  await sql`create index territories_parent_name on territories (parent_code, name collate "und-x-icu")`.execute(db);
  await sql`create index territories_parent_population on territories (parent_code, population desc nulls last)`.execute(db);
  await sql`create index territories_search on territories using gin (search_name gin_trgm_ops)`.execute(db);
  await sql`create index territories_search_prefix on territories (search_name text_pattern_ops)`.execute(db);
  await sql`create index territories_path on territories (path text_pattern_ops)`.execute(db);

  await sql`
    create table countries (
      code text primary key references territories(code),
      iso3 text not null,
      name text not null,
      population bigint not null,
      population_year integer not null,
      gdp_usd double precision not null,
      gdp_year integer not null
    )`.execute(db);

  await sql`
    create table organisations (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('eu_body','national_authority','regional_authority','municipality','ngo','employer','training_provider')),
      territory_code text not null references territories(code),
      parent_id uuid references organisations(id),
      email text,
      website text,
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index organisations_territory on organisations (territory_code)`.execute(db);
  await sql`create index organisations_name on organisations (name collate "und-x-icu")`.execute(db);
}

/** Users, sessions and failed sign-ins. */
async function accounts(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      role text not null check (role in ('platform_admin','eu_observer','national_coordinator','regional_coordinator','municipal_officer','case_worker','partner','dpo')),
      organisation_id uuid not null references organisations(id),
      password_hash text not null,
      active boolean not null default true,
      locale text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_sign_in_at timestamptz,
      version integer not null default 1
    )`.execute(db);
  await sql`create unique index users_email on users (lower(email))`.execute(db);
  await sql`create index users_organisation on users (organisation_id)`.execute(db);

  await sql`
    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table sign_in_failures (
      id bigserial primary key,
      email text not null,
      ip text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sign_in_failures_email on sign_in_failures (lower(email), at)`.execute(db);
  await sql`create index sign_in_failures_ip on sign_in_failures (ip, at)`.execute(db);
}

/** The audit log, append-only. */
async function auditLog(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default clock_timestamp(),
      actor_id uuid,
      actor_email text,
      organisation_id uuid,
      action text not null,
      record_type text,
      record_id text,
      purpose text,
      outcome text not null check (outcome in ('ok','denied','failed')),
      ip text,
      detail jsonb
    )`.execute(db);
  await sql`create index audit_log_at on audit_log (at desc)`.execute(db);
  await sql`create index audit_log_actor on audit_log (actor_id, at desc)`.execute(db);
  await sql`create index audit_log_record on audit_log (record_type, record_id)`.execute(db);
  await sql`create index audit_log_action on audit_log (action, at desc)`.execute(db);
  // Append-only, whoever connects: no update, delete or truncate reaches the log.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
}

/** What the application's role may do, and row-level security. */
async function grantsAndRowLevelSecurity(db: Kysely<unknown>): Promise<void> {
  await sql`grant select on territories, countries to localpact_app`.execute(db);
  await sql`grant select, insert, update on organisations to localpact_app`.execute(db);
  await sql`grant select, insert, update, delete on users, sessions, sign_in_failures to localpact_app`.execute(db);
  await sql`grant select, insert on audit_log to localpact_app`.execute(db);
  await sql`grant usage on all sequences in schema public to localpact_app`.execute(db);

  // Row-level security: the second wall. The access gate in the application is the first.
  // localpact.actor_* are set per transaction by withActor(); 'system' marks the few internal
  // commands that run before anyone is known (sign-in, session lookup).
  await sql`alter table users enable row level security`.execute(db);
  await sql`alter table users force row level security`.execute(db);
  await sql`
    create policy users_reach on users using (
      current_setting('localpact.system', true) = 'on'
      or current_setting('localpact.actor_role', true) = 'platform_admin'
      or id::text = current_setting('localpact.actor_id', true)
      or organisation_id::text = current_setting('localpact.actor_org', true)
    )`.execute(db);
  await sql`alter table sessions enable row level security`.execute(db);
  await sql`alter table sessions force row level security`.execute(db);
  await sql`
    create policy sessions_reach on sessions using (
      current_setting('localpact.system', true) = 'on'
      or user_id::text = current_setting('localpact.actor_id', true)
      or current_setting('localpact.actor_role', true) = 'platform_admin'
    )`.execute(db);
  await sql`alter table audit_log enable row level security`.execute(db);
  await sql`alter table audit_log force row level security`.execute(db);
  await sql`create policy audit_log_write on audit_log for insert with check (true)`.execute(db);
  await sql`
    create policy audit_log_read on audit_log for select using (
      current_setting('localpact.system', true) = 'on'
      or current_setting('localpact.actor_role', true) in ('dpo', 'platform_admin')
    )`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await appRole(db);
  await placesAndOrganisations(db);
  await accounts(db);
  await auditLog(db);
  await grantsAndRowLevelSecurity(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
