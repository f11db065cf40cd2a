// Integration pathways (issue 11): people who came through an arrival notice. They are created when
// the municipality marks the arrival, from what the notice carried (ages → birth years, sex when
// known, languages, legal status from the procedure, the household, unaccompanied minor), without
// names: placement is pseudonymous. `identity_pending` marks them until a case worker enters the
// identity; `person_arrivals` links each to its notice ("AN-…, person 2 of 4"). Row-level security
// as on every personal table; erasure deletes the link row (the household reference is a pseudonym
// another authority can resolve).
import { sql, type Kysely } from 'kysely';
import { protect } from './0003_pathways.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column identity_pending boolean not null default false`.execute(db);
  await sql`create index people_identity_pending on people (organisation_id) where identity_pending and erased_at is null`.execute(db);
  await sql`
    create table person_arrivals (
      person_id uuid primary key references people(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      notice_id uuid not null,
      notice_reference text not null,
      position integer not null check (position >= 1),
      persons integer not null check (persons >= position),
      household_reference text,
      arrived_on date not null
    )`.execute(db);
  // One person per place of a notice: marking an arrival twice cannot create people twice.
  await sql`create unique index person_arrivals_notice on person_arrivals (notice_id, position)`.execute(db);
  await sql`create index person_arrivals_org on person_arrivals (organisation_id)`.execute(db);
  await protect(db, 'person_arrivals', 'person_id');
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
