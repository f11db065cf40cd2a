// The platform's event log (live updates over SSE, replay by Last-Event-ID) and the notification
// centre's read marks. Two owners at most: a notice concerns the organisation that announced it
// and the one it is addressed to; the gate lets an actor see the event when either is in reach.
//
// Until this migration these tables were created by the reception migration 0002_reception. They
// are the platform's (events.ts, events-routes.ts), so the platform creates them now:
// - a fresh database runs this migration before 0002_reception (names sort '0001_platform' <
//   '0001_platform_events' < '0002_reception'), and 0002 no longer creates them;
// - a database migrated before this change has them already (created by 0002): every statement
//   here is `if not exists` or a grant, which does nothing more, so this migration applies there
//   as a no-op and both kinds of database end with the same tables, indexes and grants.
// Editing 0002 changes nothing for databases that ran it: migrations run once, by name.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table if not exists events (
      id bigserial primary key,
      at timestamptz not null default clock_timestamp(),
      type text not null,
      actor_id uuid,
      organisation_id uuid not null,
      territory_path text not null,
      other_organisation_id uuid,
      other_territory_path text,
      record_id text,
      payload jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index if not exists events_at on events (at)`.execute(db);
  await sql`create table if not exists notification_reads (
      user_id uuid not null references users(id) on delete cascade,
      event_id bigint not null references events(id) on delete cascade,
      read_at timestamptz not null default now(),
      primary key (user_id, event_id)
    )`.execute(db);
  await sql`create table if not exists notification_cursors (
      user_id uuid primary key references users(id) on delete cascade,
      read_up_to bigint not null
    )`.execute(db);
  await sql`grant select, insert on events to localpact_app`.execute(db);
  await sql`grant select, insert, delete on notification_reads, notification_cursors to localpact_app`.execute(db);
  await sql`grant update on notification_cursors to localpact_app`.execute(db);
  await sql`grant usage on all sequences in schema public to localpact_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
