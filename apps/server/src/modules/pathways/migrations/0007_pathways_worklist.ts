// Integration pathways (issue 17): the worklist stays fast when temporary protection ends for
// everyone at once. A person's own end date gets an ordered index of its own; the follow-up steps
// of an organisation are one small indexed set the status-ending alert subtracts (a hashed
// anti-join) instead of one probe per holder; so are the children with a school step done.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index legal_statuses_own_end on legal_statuses (organisation_id, valid_until) include (person_id, type_code) where current and valid_until is not null`.execute(db);
  // The holders of a status type that ends on the type's date, in person order (a page is the first rows).
  await sql`create index legal_statuses_type_end on legal_statuses (organisation_id, type_code, person_id) where current and valid_until is null`.execute(db);
  await sql`create index pathway_steps_school_done_org on pathway_steps (organisation_id) include (person_id) where domain = 'schooling_childcare' and status = 'done'`.execute(db);
  // The transition's cohort (issue 17): one pass per organisation over its statuses, its people and
  // the steps that count as evidence (employment, qualifications, documents, follow-up). Schooling
  // done is read from pathway_steps_school_done_org: were it here too, the planner would pick this
  // index for the worklist's school alert and read a whole city's evidence (measured: 10× slower).
  await sql`create index legal_statuses_org_all on legal_statuses (organisation_id) include (person_id, type_code, valid_from, decided_on, recorded_at, valid_until, current)`.execute(db);
  await sql`create index people_org_household on people (organisation_id) include (id, household_id, birth_date, birth_year, closed_at) where erased_at is null`.execute(db);
  await sql`create index pathway_steps_evidence on pathway_steps (organisation_id) include (person_id, domain, status, follow_up)
             where (status = 'done' and domain in ('employment_training','documents_legal'))
                or (domain = 'qualifications' and status in ('in_progress','done')) or (follow_up and status <> 'stopped')`.execute(db);
  await sql`create index pathway_steps_follow_up_org on pathway_steps (organisation_id) include (person_id) where follow_up and status <> 'stopped'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
