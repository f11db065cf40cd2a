// The transition from temporary protection to a durable status (issue 17).
// - transition_routes: per country, the national statuses a person under temporary protection can
//   move to, with conditions, competent authority, application deadline, legal basis and source.
//   Reference data an administrator maintains (like status_types); demo rows come from demo.ts.
// - transition_actions: one bulk command (a step added to every plan of a cohort) with its one
//   reason; transition_action_people: whom it touched and the step it added to each, so that it
//   can be undone per person (personal: row-level security like every personal table).
import { sql, type Kysely } from 'kysely';
import { protectPersonalTable } from '../../../platform/rls.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table transition_routes (
      id uuid primary key default gen_random_uuid(),
      country text not null check (country ~ '^[A-Z]{2}$'),
      -- The route's name by language ({"en": …, "de": …}); English is required.
      names jsonb not null check (names ? 'en'),
      target_status text not null references status_types(code),
      -- [{"kind": "employment"}, {"kind": "residence_years", "min": 5}, …]
      conditions jsonb not null default '[]',
      authority text not null,
      application_deadline date,
      legal_basis text not null,
      source text not null,
      rank integer not null default 100,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index transition_routes_country on transition_routes (country, rank)`.execute(db);
  await sql`grant select, insert, update on transition_routes to localpact_app`.execute(db);

  await sql`
    create table transition_actions (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      -- The cohort filter and the step as the officer confirmed them.
      cohort jsonb not null,
      step jsonb not null,
      reason text not null,
      affected integer not null,
      excluded integer not null,
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index transition_actions_org on transition_actions (organisation_id, created_at desc)`.execute(db);
  await sql`grant select, insert on transition_actions to localpact_app`.execute(db);

  await sql`
    create table transition_action_people (
      action_id uuid not null references transition_actions(id),
      person_id uuid not null references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      -- The step the action added (null once undone, or if the step was deleted).
      step_id uuid references pathway_steps(id) on delete set null,
      undone_at timestamptz,
      undone_by uuid,
      primary key (action_id, person_id)
    )`.execute(db);
  await sql`create index transition_action_people_person on transition_action_people (person_id)`.execute(db);
  await protectPersonalTable(db, 'transition_action_people', 'person_id');
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
