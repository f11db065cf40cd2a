// Reception (issue 11): the places a notice holds, expiry, and the households a notice announces.
//
// - held_reserved / held_occupied: what each notice holds at its addressee now. A placement approval
//   reserves at announcement; acceptance sets the reservation to the persons accepted (never twice);
//   arrival turns it into occupied places; decline, withdrawal and expiry free it; a departure frees
//   occupied places. An officer's edit of a declaration cannot go below what the notices hold.
// - 'expired': an announced notice still unanswered at the later of its deadline and its expected
//   arrival (the overdue sweep sets it and frees the places).
// - arrival_notice_households: the pseudonymous households a notice announces (reference, ages, sex
//   when known, languages, unaccompanied minor), whether each was accepted; on arrival they become
//   people in the municipality's People list (pathways).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table arrival_notices drop constraint arrival_notices_state_check`.execute(db);
  await sql`alter table arrival_notices add constraint arrival_notices_state_check
    check (state in ('announced','accepted','partially_accepted','declined','withdrawn','arrived','expired'))`.execute(db);
  await sql`alter table arrival_notices add column held_reserved integer not null default 0 check (held_reserved >= 0)`.execute(db);
  await sql`alter table arrival_notices add column held_occupied integer not null default 0 check (held_occupied >= 0)`.execute(db);
  // Accepted notices already hold their reservation. Arrivals before this migration are not tracked
  // (whether those persons are still there is unknown): their places stay the officer's to count.
  await sql`update arrival_notices n set held_reserved = n.accepted_persons
    from organisations o
    where o.id = n.target_organisation_id and o.kind = 'municipality' and n.state in ('accepted','partially_accepted') and coalesce(n.accepted_persons, 0) > 0`.execute(db);
  await sql`create index arrival_notices_held on arrival_notices (target_organisation_id, resource_code) include (held_reserved, held_occupied)
    where held_reserved > 0 or held_occupied > 0`.execute(db);
  await sql`create index arrival_notices_expiry on arrival_notices (greatest(deadline_at, expected_at)) where state = 'announced'`.execute(db);
  await sql`
    create table arrival_notice_households (
      notice_id uuid not null references arrival_notices(id),
      position integer not null check (position >= 1),
      reference text not null check (length(reference) between 1 and 40),
      ages integer[] not null check (cardinality(ages) between 1 and 30),
      sexes text[] not null default '{}',
      languages text[] not null default '{}',
      unaccompanied_minor boolean not null default false,
      -- null until the notice is answered; false for a household left out of a partial acceptance
      accepted boolean,
      primary key (notice_id, position)
    )`.execute(db);
  await sql`grant select, insert, update on arrival_notice_households to localpact_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
