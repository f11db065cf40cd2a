// Duplicate reviews (issue 11): two records held by different organisations that may be the same
// person. The organisation that registered the second one is told nothing about the first (it is
// outside its reach); whoever's reach covers both (the national authority, right
// duplicates.review) decides. Only the platform reads or writes this table (platformLookup, after
// the service checked the right and the territory): the policy shows it to nobody else.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table duplicate_reviews (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      other_person_id uuid not null references people(id),
      opened_by uuid references users(id),
      opened_at timestamptz not null default now(),
      status text not null default 'open' check (status in ('open', 'same_person', 'different_people')),
      resolved_by uuid references users(id),
      resolved_at timestamptz,
      note text,
      version integer not null default 1,
      unique (person_id, other_person_id),
      check (person_id <> other_person_id)
    )`.execute(db);
  await sql`create index duplicate_reviews_other on duplicate_reviews (other_person_id)`.execute(db);
  await sql`create index duplicate_reviews_open on duplicate_reviews (opened_at) where status = 'open'`.execute(db);
  await sql`alter table duplicate_reviews enable row level security`.execute(db);
  await sql`alter table duplicate_reviews force row level security`.execute(db);
  await sql`create policy duplicate_reviews_platform on duplicate_reviews
    using (current_setting('localpact.system', true) = 'on') with check (current_setting('localpact.system', true) = 'on')`.execute(db);
  await sql`grant select, insert, update, delete on duplicate_reviews to localpact_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
