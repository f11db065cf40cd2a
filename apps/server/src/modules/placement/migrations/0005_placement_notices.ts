// Placement (issue 11): the sex of each member when known (carried to the arrival notice and the
// People list), and the arrival notice that announced a placed household, so that a household
// whose notice is declined, withdrawn or expires goes back to the pending list.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table placement_households add column sexes text[] not null default '{}'`.execute(db);
  await sql`alter table placement_households add column notice_id uuid`.execute(db);
  await sql`create index placement_households_notice on placement_households (notice_id) where notice_id is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
