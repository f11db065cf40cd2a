// SQL of the worklist (issues 5 and 17): one indexed query per alert kind, on a given day.
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { arrivalOf } from './repository.ts';

// ---- worklist -------------------------------------------------------------------------------
type WorkRow = { kind: string; person_id: string; step_id: string | null; domain: string | null; title: string | null; due_on: string | null; status_type: string | null; ends_on: string | null; age: number | null; urgency: string | null };

/**
 * What needs action in one organisation, one query per kind so each can use its index and stop
 * at the page it needs. School age and the alert horizon are parameters: they differ by country
 * and policy (defaults in service.ts). Erased people and closed cases are never on it.
 */
/** The few people of an organisation who are off every list (closed case, erased): an anti-join set. */
const inactive = (org: string) => sql`select p.id from people p where p.organisation_id = ${org} and (p.erased_at is not null or p.closed_at is not null)`;

/**
 * The worklist as it stands on `day` (today, or a day the case worker plans for). Statuses ending
 * are two indexed arms: a person's own end date (ordered index on valid_until), and the date of
 * the status type (temporary protection: one date for everyone, so when it comes within the window
 * every holder is due at once). Closed or erased people and those with a follow-up step are
 * excluded by hashed anti-joins over small per-organisation sets, not by one probe per holder.
 */
export function worklistParts(org: string, horizonDays: number, schoolAge: [number, number], day: string, limit?: number) {
  const d = sql`${day}::date`;
  const followedUp = sql`select s.person_id from pathway_steps s where s.organisation_id = ${org} and s.follow_up and s.status <> 'stopped'`;
  const schooled = sql`select s.person_id from pathway_steps s where s.organisation_id = ${org} and s.domain = 'schooling_childcare' and s.status = 'done'`;
  return {
    status_ending: sql<WorkRow>`
      select 'status_ending' as kind, ls.person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             ls.type_code as status_type, ls.valid_until as ends_on, null::int as age, ls.valid_until as urgency
        from legal_statuses ls
       where ls.organisation_id = ${org} and ls.current and ls.valid_until is not null and ls.valid_until <= ${d} + ${horizonDays}::int
         and ls.person_id not in (${inactive(org)}) and ls.person_id not in (${followedUp})
      union all
      -- Per status type whose date falls in the window (a handful of rows), its holders in
      -- person order from an ordered index: a page stops after \`limit\` of them.
      select 'status_ending' as kind, x.person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             st.code as status_type, st.ends_on, null::int as age, st.ends_on as urgency
        from status_types st
        cross join lateral (
          select ls.person_id from legal_statuses ls
           where ls.organisation_id = ${org} and ls.type_code = st.code and ls.current and ls.valid_until is null
             and ls.person_id not in (${inactive(org)}) and ls.person_id not in (${followedUp})
           order by ls.person_id ${limit === undefined ? sql`` : sql`limit ${limit}`}) x
       where st.ends_on <= ${d} + ${horizonDays}::int`,
    // Two arms (date of birth known; only the birth year, for new arrivals), each an index-only
    // scan, minus the organisation's children with a school step done (one hashed set).
    school_place: sql<WorkRow>`
      select 'school_place' as kind, p.id as person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             null as status_type, null::date as ends_on, extract(year from age(${d}, p.birth_date))::int as age, ${d} as urgency
        from people p
       where p.organisation_id = ${org} and p.erased_at is null and p.closed_at is null
         and p.birth_date > (${d} - make_interval(years => ${schoolAge[1] + 1}))::date
         and p.birth_date <= (${d} - make_interval(years => ${schoolAge[0]}))::date
         and p.id not in (${schooled})
      union all
      -- new arrivals are known by their age only (birth year) until the case worker enters the date
      select 'school_place' as kind, p.id as person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             null as status_type, null::date as ends_on, extract(year from ${d})::int - p.birth_year as age, ${d} as urgency
        from people p
       where p.organisation_id = ${org} and p.erased_at is null and p.closed_at is null and p.birth_date is null
         and p.birth_year between extract(year from ${d})::int - ${schoolAge[1]} and extract(year from ${d})::int - ${schoolAge[0]}
         and p.id not in (${schooled})`,
    overdue_step: sql<WorkRow>`
      select 'overdue_step' as kind, s.person_id, s.id as step_id, s.domain, s.title, s.due_on,
             null as status_type, null::date as ends_on, null::int as age, s.due_on as urgency
        from pathway_steps s
       where s.organisation_id = ${org} and s.status in ('planned','in_progress') and s.due_on < ${d}
         and s.person_id not in (${inactive(org)})`,
    waiting_language: sql<WorkRow>`
      select 'waiting_language' as kind, s.person_id, s.id as step_id, s.domain, s.title, s.due_on,
             null as status_type, null::date as ends_on, null::int as age, s.due_on as urgency
        from pathway_steps s
       where s.organisation_id = ${org} and s.domain = 'language' and s.status = 'planned'
         and s.person_id not in (${inactive(org)})`,
  };
}

export async function worklistCounts(trx: Tx, org: string, horizonDays: number, schoolAge: [number, number], day: string): Promise<Record<string, number>> {
  const parts = worklistParts(org, horizonDays, schoolAge, day);
  const r = await sql<Record<string, number>>`select
      (select count(*)::int from (${parts.status_ending}) a) as status_ending,
      (select count(*)::int from (${parts.school_place}) b) as school_place,
      (select count(*)::int from (${parts.overdue_step}) c) as overdue_step,
      (select count(*)::int from (${parts.waiting_language}) d) as waiting_language`.execute(trx);
  return r.rows[0];
}

export async function worklist(trx: Tx, org: string, horizonDays: number, schoolAge: [number, number], kind: string | undefined, limit: number, offset: number, day: string) {
  const k = offset + limit;
  const parts = worklistParts(org, horizonDays, schoolAge, day, k);
  const chosen = kind ? [parts[kind as keyof typeof parts]] : Object.values(parts);
  // Each kind gives its own first (offset + limit) rows in order; the page is cut from their merge.
  const merged = sql.join(chosen.map((part) => sql`(select * from (${part}) x order by urgency nulls last, person_id, step_id limit ${k})`), sql` union all `);
  const [page, counts] = await Promise.all([
    sql<WorkRow & { given_name: string; family_name: string; identity_pending: boolean; arrival: Record<string, unknown> | null }>`
      select w.*, i.given_name, i.family_name, p.identity_pending, ${arrivalOf()} as arrival
        from (select * from (${merged}) m order by urgency nulls last, kind, person_id, step_id limit ${limit} offset ${offset}) w
        join person_identities i on i.person_id = w.person_id
        join people p on p.id = w.person_id
       order by w.urgency nulls last, w.kind, w.person_id, w.step_id`.execute(trx),
    worklistCounts(trx, org, horizonDays, schoolAge, day),
  ]);
  return { rows: page.rows, counts };
}

