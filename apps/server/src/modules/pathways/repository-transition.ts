// SQL of integration pathways for the transition out of temporary protection (issue 17): the
// cohort of an organisation, counts for projections and progress, bulk steps. Read by the
// transition module through pathways' service (service-transition.ts); row-level security as in
// repository.ts (the caller passes the actor's transaction, or lifts it for counts).
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.ts';

// ---- the transition from temporary protection (issue 17), read by the transition module ---------
const durableStatuses = sql`('refugee','subsidiary_protection','national_humanitarian','other_permit')`;

export interface CohortRow {
  person_id: string; household_id: string | null; birth_date: string | null; birth_year: number;
  type_code: string; ends_on: string; current_type: string | null; left: boolean; first_from: string | null;
  employed: boolean; enrolled: boolean; documents: boolean; family_member: boolean; follow_up: number;
}

/**
 * Everyone of one organisation whose status of `type` ends between from and to (the latest end of
 * that type), with what the record holds for the transition: employment and enrolment (plan steps
 * done), documents (a legal step done), a household member with a durable status, the first
 * status's start (years of residence), the furthest follow-up step (0 none, 1 planned, 2 in
 * progress, 3 done), the current status (granted when another one followed), closed.
 * Every part is one pass over an organisation-keyed covering index joined by hashing: when the
 * whole city's temporary protection ends at once, the cohort is ten thousand people, and one
 * probe per person and table would cost seconds. Names are read for the page only (cohortNames).
 */
export async function cohortRows(trx: Tx, org: string, type: string, from: string, to: string): Promise<CohortRow[]> {
  // Hash aggregates over the organisation's rows beat sorting them (measured: about half the time).
  await sql`select set_config('enable_sort', 'off', true)`.execute(trx);
  const r = await sql<CohortRow>`
    with s as materialized (
      select x.person_id,
             min(coalesce(x.valid_from, x.decided_on, x.recorded_at::date)) as first_from,
             max(case when x.current then x.type_code end) as current_type,
             max(coalesce(x.valid_until, st.ends_on)) filter (where x.type_code = ${type}) as ends_on
        from legal_statuses x left join status_types st on st.code = x.type_code
       where x.organisation_id = ${org}
       group by x.person_id
    ), p as materialized (
      select p.id, p.household_id, p.birth_date, p.birth_year, p.closed_at from people p where p.organisation_id = ${org} and p.erased_at is null
    ), c as materialized (
      select s.*, p.household_id, p.birth_date, p.birth_year, p.closed_at from s join p on p.id = s.person_id
       where s.ends_on between ${from}::date and ${to}::date
    ), ev as (
      select e.person_id,
             bool_or(e.domain = 'employment_training' and e.status = 'done') as employed,
             bool_or(e.domain = 'qualifications') as enrolled,
             bool_or(e.domain = 'documents_legal' and e.status = 'done' and not e.follow_up) as documents,
             max(case when not e.follow_up then 0 when e.status = 'done' then 3 when e.status = 'in_progress' then 2 else 1 end) as follow_up
        from pathway_steps e
       where e.organisation_id = ${org} and (${evidenceStep('e')})
       group by e.person_id
    ), fam as (
      select distinct p.household_id from s join p on p.id = s.person_id where s.current_type in ${durableStatuses}
    )
    select c.person_id, c.household_id, c.birth_date::text as birth_date, c.birth_year, ${type}::text as type_code, c.ends_on::text as ends_on,
           c.current_type, c.closed_at is not null as left, c.first_from::text as first_from,
           coalesce(ev.employed, false) as employed,
           coalesce(ev.enrolled, false) or c.person_id in (select sc.person_id from pathway_steps sc where sc.organisation_id = ${org} and sc.domain = 'schooling_childcare' and sc.status = 'done') as enrolled, coalesce(ev.documents, false) as documents,
           (fam.household_id is not null) as family_member, coalesce(ev.follow_up, 0)::int as follow_up
      from c
      left join ev on ev.person_id = c.person_id
      left join fam on fam.household_id = c.household_id
     order by c.ends_on, c.household_id, c.person_id`.execute(trx);
  await sql`select set_config('enable_sort', 'on', true)`.execute(trx);
  return r.rows;
}

/** The steps that say something for the transition (the partial index pathway_steps_evidence holds exactly these). */
const evidenceStep = (a: string) => sql.raw(`(${a}.status = 'done' and ${a}.domain in ('employment_training','documents_legal'))
  or (${a}.domain = 'qualifications' and ${a}.status in ('in_progress','done')) or (${a}.follow_up and ${a}.status <> 'stopped')`);

/** Names of a page of people (the rest of the cohort is counted, not named). */
export async function cohortNames(trx: Tx, ids: string[]) {
  if (!ids.length) return new Map<string, { given_name: string; family_name: string }>();
  const r = await trx.selectFrom('person_identities').select(['person_id', 'given_name', 'family_name']).where('person_id', '=', sql<string>`any(${ids}::uuid[])`).execute();
  return new Map(r.map((x) => [x.person_id, x]));
}

/**
 * Statuses of `type` ending per month in the organisations (counts only; the caller lifts RLS). Two
 * indexed arms: personal end dates by range (legal_statuses_own_end), and the holders of the
 * type's own date, counted once when that date falls in the window (legal_statuses_type_end).
 */
export async function endingByMonth(trx: Tx, orgs: string[], type: string, from: string, to: string) {
  if (!orgs.length) return [];
  const r = await sql<{ month: string; n: number }>`
    select month, sum(n)::int as n from (
      select to_char(ls.valid_until, 'YYYY-MM') as month, count(*) as n
        from legal_statuses ls
       where ls.organisation_id in (${sql.join(orgs)}) and ls.current and ls.valid_until is not null
         and ls.valid_until between ${from}::date and ${to}::date and ls.type_code = ${type}
       group by 1
      union all
      select to_char(st.ends_on, 'YYYY-MM') as month, (select count(*) from legal_statuses ls
               where ls.organisation_id in (${sql.join(orgs)}) and ls.type_code = st.code and ls.current and ls.valid_until is null) as n
        from status_types st
       where st.code = ${type} and st.ends_on between ${from}::date and ${to}::date
    ) x group by 1 order by 1`.execute(trx);
  return r.rows;
}

/**
 * Where each organisation's cohort stands (counts only; the caller lifts RLS): granted (a later
 * status than the ending one), left (closed or erased), applied (a follow-up step in progress or
 * done), pending (one planned), no route yet (none of these).
 */
export async function transitionStateCounts(trx: Tx, orgs: string[], type: string, from: string, to: string) {
  if (!orgs.length) return [];
  const r = await sql<{ organisation_id: string; state: string; granted_as: string | null; n: number }>`
    with c as (
      select distinct on (ls.person_id) ls.person_id, ls.organisation_id, ls.current
        from legal_statuses ls join status_types st on st.code = ls.type_code
       where ls.organisation_id in (${sql.join(orgs)}) and ls.type_code = ${type}
         and coalesce(ls.valid_until, st.ends_on) between ${from}::date and ${to}::date
       order by ls.person_id, ls.recorded_at desc, ls.id
    )
    select c.organisation_id, x.state, x.granted_as, count(*)::int as n
      from c join people p on p.id = c.person_id
      left join lateral (select y.type_code from legal_statuses y where y.person_id = c.person_id and y.current and not c.current limit 1) g on true
      left join lateral (select max(case when s.status = 'planned' then 1 else 2 end) as f from pathway_steps s
                          where s.person_id = c.person_id and s.follow_up and s.status <> 'stopped') fu on true
      cross join lateral (select case when g.type_code is not null then 'granted'
                                      when p.closed_at is not null or p.erased_at is not null then 'left'
                                      when fu.f = 2 then 'applied' when fu.f = 1 then 'pending' else 'no_route' end as state,
                                 g.type_code as granted_as) x
     group by 1, 2, 3`.execute(trx);
  return r.rows;
}

/** Which of these people already have a step with this title that is not stopped. */
export async function peopleWithStep(trx: Tx, personIds: string[], title: string): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const r = await trx.selectFrom('pathway_steps').select('person_id').distinct()
    .where('person_id', '=', sql<string>`any(${personIds}::uuid[])`).where('title', '=', title).where('status', '<>', 'stopped').execute();
  return new Set(r.map((x) => x.person_id));
}

/** The same step appended to each plan in one statement; returns each person's new step. */
export async function insertStepForEach(trx: Tx, personIds: string[], step: { domain: string; title: string; dueOn: string | null; responsibleOrganisationId: string | null; followUp: boolean }) {
  if (!personIds.length) return [];
  const r = await sql<{ person_id: string; id: string }>`
    insert into pathway_steps (person_id, organisation_id, domain, title, due_on, responsible_organisation_id, follow_up, position)
    select p.id, p.organisation_id, ${step.domain}, ${step.title}, ${step.dueOn}::date, ${step.responsibleOrganisationId}::uuid, ${step.followUp},
           coalesce((select max(s.position) from pathway_steps s where s.person_id = p.id), -1) + 1
      from people p where p.id = any(${personIds}::uuid[])
    returning person_id, id`.execute(trx);
  return r.rows;
}

/** Deletes one step if it is still as it was created (version 1); returns whether it did. */
export async function deleteUnchangedStep(trx: Tx, personId: string, stepId: string): Promise<'deleted' | 'changed' | 'gone'> {
  const s = await trx.selectFrom('pathway_steps').select(['version']).where('id', '=', stepId).where('person_id', '=', personId).executeTakeFirst();
  if (!s) return 'gone';
  if (s.version !== 1) return 'changed';
  // Referrals that point at the step keep their history without it (on delete set null).
  await trx.deleteFrom('pathway_steps').where('id', '=', stepId).where('version', '=', 1).execute();
  return 'deleted';
}

/** Municipalities in a territory (by path prefix), or one organisation. */
export async function municipalitiesIn(trx: Tx, scope: { path?: string; organisationId?: string }) {
  let q = trx.selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code').select(['o.id', 'o.name']).where('o.kind', '=', 'municipality');
  if (scope.organisationId) q = q.where('o.id', '=', scope.organisationId);
  else q = q.where('t.path', 'like', scope.path!.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  return q.orderBy('o.name').orderBy('o.id').execute();
}
