// Placement: pending households (pseudonymous), regional labour demand used by the scores, and
// placement runs kept whole for record-keeping (EU AI Act, Annex III point 7: inputs, weights,
// solver figures, result, overrides with reasons, and the person who approved).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table placement_households (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      reference text not null check (length(reference) between 1 and 40),
      size integer not null check (size between 1 and 30),
      ages integer[] not null,
      unaccompanied_minor boolean not null default false,
      languages text[] not null default '{}',
      occupations text[] not null default '{}',
      ties text[] not null default '{}',
      preferences text[] not null default '{}',
      medical_care boolean not null default false,
      psychosocial_care boolean not null default false,
      step_free boolean not null default false,
      procedure text not null check (procedure in ('asylum','border_procedure','relocation','resettlement','temporary_protection')),
      status text not null default 'pending' check (status in ('pending','placed','withdrawn')),
      placed_organisation_id uuid references organisations(id),
      placed_run_id uuid,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (cardinality(ages) = size)
    )`.execute(db);
  await sql`create unique index placement_households_reference on placement_households (organisation_id, reference)`.execute(db);
  await sql`create index placement_households_pending on placement_households (organisation_id, status)`.execute(db);
  await sql`create index placement_households_placed on placement_households (placed_organisation_id) where status = 'placed'`.execute(db);

  // How much a region's labour market asks for an ISCO-08 group, 0–1 (e.g. from public employment
  // service shortage lists). Looked up from the municipality up its territory chain.
  await sql`
    create table regional_labour_demand (
      territory_code text not null references territories(code),
      isco text not null check (isco ~ '^[0-9]{1,4}$'),
      demand double precision not null check (demand between 0 and 1),
      source text,
      primary key (territory_code, isco)
    )`.execute(db);

  await sql`
    create table placement_runs (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      territory_code text not null references territories(code),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      status text not null default 'proposed' check (status in ('proposed','approved','discarded')),
      distribution_key text not null check (distribution_key in ('pact_reference','population','custom')),
      key_table jsonb,
      weights jsonb not null,
      instance jsonb not null,
      context jsonb not null,
      result jsonb not null,
      figures jsonb not null,
      overrides jsonb not null default '[]',
      approved_by uuid references users(id),
      approved_at timestamptz,
      previous_run_id uuid references placement_runs(id),
      version integer not null default 1
    )`.execute(db);
  await sql`create index placement_runs_org on placement_runs (organisation_id, created_at desc)`.execute(db);

  await sql`grant select, insert, update on placement_households, placement_runs to localpact_app`.execute(db);
  await sql`grant select, insert, update, delete on regional_labour_demand to localpact_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
