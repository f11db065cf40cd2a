// SQL for integration pathways. Every personal table has row-level security (migration 0003):
// callers pass the transaction opened by withActor(), and what it sees is what the policies allow.
// The platform's platformLookup (platform/rls.ts) lifts the policies for ONE statement that returns
// no personal data: the owner of a record (the gate needs it to decide, and to refuse), and counts
// for duplicates and aggregates; grantRows is how the gate widens them.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import type { Owner } from '../../platform/access.ts';
import { grantRows, platformLookup } from '../../platform/rls.ts';

export { platformLookup };
export const grant = grantRows;

export interface PersonOwner extends Owner { householdId: string | null; erased: boolean; organisationName: string }

export async function personOwner(trx: Tx, id: string): Promise<PersonOwner | undefined> {
  return platformLookup(trx, async () => {
    const r = await trx.selectFrom('people as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .innerJoin('territories as t', 't.code', 'o.territory_code')
      .select(['p.organisation_id', 'o.name', 't.path', 'p.household_id', 'p.erased_at',
        sql<string[]>`array(select r.partner_organisation_id::text from referrals r where r.person_id = p.id and r.status in ('sent','accepted'))`.as('shared')])
      .where('p.id', '=', id).executeTakeFirst();
    return r ? { organisationId: r.organisation_id, territoryPath: r.path, sharedWith: r.shared, householdId: r.household_id, erased: !!r.erased_at, organisationName: r.name } : undefined;
  });
}

export async function householdOwner(trx: Tx, id: string): Promise<(Owner & { members: string[] }) | undefined> {
  return platformLookup(trx, async () => {
    const r = await trx.selectFrom('households as h')
      .innerJoin('organisations as o', 'o.id', 'h.organisation_id')
      .innerJoin('territories as t', 't.code', 'o.territory_code')
      .select(['h.organisation_id', 't.path', sql<string[]>`array(select p.id::text from people p where p.household_id = h.id order by p.birth_year, p.id)`.as('members')])
      .where('h.id', '=', id).executeTakeFirst();
    return r ? { organisationId: r.organisation_id, territoryPath: r.path, members: r.members } : undefined;
  });
}

export async function organisationOf(trx: Tx, id: string) {
  return trx.selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.name', 'o.kind', 't.path']).where('o.id', '=', id).executeTakeFirst();
}

// ---- people ---------------------------------------------------------------------------------
/** Replaces a person's phonetic name keys (person_name_keys). */
export async function setNameKeys(trx: Tx, personId: string, org: string, nameKey: string) {
  await trx.deleteFrom('person_name_keys').where('person_id', '=', personId).execute();
  const keys = [...new Set(nameKey.split(' ').filter(Boolean))];
  if (keys.length) await trx.insertInto('person_name_keys').values(keys.map((key) => ({ person_id: personId, organisation_id: org, key }))).execute();
}

export const currentStatus = sql<{ typeCode: string; endsOn: string | null } | null>`(
  select json_build_object('typeCode', ls.type_code, 'endsOn', coalesce(ls.valid_until, st.ends_on))
    from legal_statuses ls join status_types st on st.code = ls.type_code
   where ls.person_id = p.id and ls.current limit 1)`;

/** A person's arrival through a notice ("AN-…, person 2 of 4"), or null. */
export const arrivalOf = (alias = 'p') => sql<{ noticeId: string; reference: string; position: number; of: number; householdReference: string | null; arrivedOn: string } | null>`(
  select json_build_object('noticeId', a.notice_id, 'reference', a.notice_reference, 'position', a.position, 'of', a.persons,
                           'householdReference', a.household_reference, 'arrivedOn', a.arrived_on)
    from person_arrivals a where a.person_id = ${sql.ref(alias + '.id')})`;

export function peopleQuery(trx: Tx) {
  return trx.selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id');
}

export const summaryColumns = [
  'p.id', 'i.given_name', 'i.family_name', 'p.birth_date', 'p.birth_year', 'p.sex', 'p.nationalities', 'p.household_id',
  'p.household_role', 'p.closed_at', 'p.identity_pending',
] as const;

export async function listPeople(trx: Tx, reach: Expression<SqlBool>, identityReach: Expression<SqlBool>, f: { q?: string; householdId?: string; limit: number; offset: number }, qForms: string[], qKey: string | null, tokenKeys: string[][] | null = null, keyReach: Expression<SqlBool> | null = null) {
  // The same reach on both tables (an identity always has its person's organisation): the planner
  // can then read the organisation's identities directly instead of one lookup per person.
  let q = peopleQuery(trx).where(reach).where(identityReach).where('p.erased_at', 'is', null);
  if (f.householdId) q = q.where('p.household_id', '=', f.householdId);
  if (tokenKeys && keyReach) {
    // Whole words: every word of the query has one of its keys among the person's keys (any
    // spelling or script), answered by the (organisation_id, key) index.
    for (const keys of tokenKeys) {
      q = q.where(sql<SqlBool>`p.id in (select k.person_id from person_name_keys k where ${keyReach} and k.key = any(${keys}::text[]))`);
    }
  } else if (qForms.length) {
    // One trigram index serves every arm: the forms as typed and romanised, and the phonetic key.
    const patterns = [...qForms, ...(qKey ? [qKey] : [])].map((form) => '%' + form.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
    q = q.where((eb) => eb.or(patterns.map((p) => eb('i.search_text', 'like', p))));
  }
  // One pass: the page and the total (a window count) from the same scan.
  // New arrivals whose identity is still to be entered come first (they are the case workers' next task).
  const items = await q.select([...summaryColumns, currentStatus.as('status'), arrivalOf().as('arrival'), sql<number>`count(*) over ()`.as('total')])
    .orderBy('p.identity_pending', 'desc')
    .orderBy(sql`i.family_name collate "und-x-icu"`).orderBy(sql`i.given_name collate "und-x-icu"`)
    .orderBy(sql`(select a.notice_reference || to_char(a.position, 'FM000000') from person_arrivals a where a.person_id = p.id)`).orderBy('p.id').limit(f.limit).offset(f.offset).execute();
  const total = items.length ? Number(items[0].total) : f.offset === 0 ? 0 : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { items, total };
}

/**
 * Candidates for duplicate detection: same date of birth (index on birth_date), or the same name
 * key (index on name_key) and birth year. Two indexed queries: an OR across the two tables would
 * scan every person.
 */
export async function duplicateCandidates(trx: Tx, birthDate: string, birthYear: number, key: string, org: string | null) {
  const base = () => {
    let q = trx.selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id')
      .select(['p.id', 'p.organisation_id', 'i.given_name', 'i.family_name', 'p.birth_date', 'i.name_key'])
      .where('p.erased_at', 'is', null);
    if (org) q = q.where('p.organisation_id', '=', org);
    else q = q.where('p.organisation_id', '<>', sql<string>`nullif(current_setting('localpact.actor_org', true), '')::uuid`);
    return q;
  };
  const [byDate, byName] = await Promise.all([
    base().where('p.birth_date', '=', birthDate).limit(500).execute(),
    base().where('i.name_key', '=', key).where('p.birth_year', '=', birthYear).limit(500).execute(),
  ]);
  const seen = new Set(byDate.map((r) => r.id));
  return [...byDate, ...byName.filter((r) => !seen.has(r.id))];
}

export async function personRow(trx: Tx, id: string) {
  return peopleQuery(trx).innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([...summaryColumns, 'p.organisation_id', 'o.name as organisation_name', 'i.other_names', 'i.identifiers', 'i.phone', 'i.email', 'i.address',
      'p.languages', 'p.preferred_locale', 'p.unaccompanied_minor', 'p.version', 'p.erased_at', currentStatus.as('status'), arrivalOf().as('arrival')])
    .where('p.id', '=', id).executeTakeFirst();
}

export async function householdMembers(trx: Tx, householdId: string) {
  return peopleQuery(trx).select(['p.id', 'i.given_name', 'i.family_name', 'p.household_role', 'p.birth_year', 'p.identity_pending', arrivalOf().as('arrival')])
    .where('p.household_id', '=', householdId).where('p.erased_at', 'is', null).orderBy('p.birth_year').orderBy('p.id').execute();
}

export async function statuses(trx: Tx, personId: string) {
  return trx.selectFrom('legal_statuses as ls').innerJoin('status_types as st', 'st.code', 'ls.type_code')
    .select(['ls.id', 'ls.type_code', 'ls.decided_on', 'ls.valid_from', 'ls.valid_until', 'ls.note', 'ls.current', 'ls.recorded_at',
      sql<string | null>`coalesce(ls.valid_until, st.ends_on)`.as('ends_on')])
    .where('ls.person_id', '=', personId).orderBy('ls.recorded_at', 'desc').orderBy('ls.id').execute();
}

export async function steps(trx: Tx, personId: string) {
  return trx.selectFrom('pathway_steps as s').leftJoin('organisations as o', 'o.id', 's.responsible_organisation_id')
    .select(['s.id', 's.domain', 's.title', 's.status', 's.stop_reason', 's.due_on', 's.started_on', 's.done_on', 's.responsible_organisation_id', 'o.name as responsible_name', 's.notes', 's.follow_up', 's.version'])
    .where('s.person_id', '=', personId).orderBy('s.position').orderBy('s.created_at').orderBy('s.id').execute();
}

export async function consents(trx: Tx, personId: string) {
  return trx.selectFrom('consents as c').leftJoin('organisations as o', 'o.id', 'c.partner_organisation_id')
    .select(['c.id', 'c.purpose', 'c.partner_organisation_id', 'o.name as partner_name', 'c.given_on', 'c.how', 'c.withdrawn_on'])
    .where('c.person_id', '=', personId).orderBy('c.recorded_at').orderBy('c.id').execute();
}

export async function referrals(trx: Tx, where: { personId?: string; partnerId?: string; id?: string }) {
  let q = trx.selectFrom('referrals as r').innerJoin('organisations as o', 'o.id', 'r.partner_organisation_id')
    .innerJoin('organisations as f', 'f.id', 'r.organisation_id')
    .select(['r.id', 'r.person_id', 'r.organisation_id', 'f.name as from_name', 'r.partner_organisation_id', 'o.name as partner_name', 'r.status', 'r.shares', 'r.step_id', 'r.note', 'r.created_at', 'r.version', 'r.consent_id']);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  if (where.partnerId) q = q.where('r.partner_organisation_id', '=', where.partnerId);
  if (where.id) q = q.where('r.id', '=', where.id);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute();
}

export async function corrections(trx: Tx, personId: string) {
  return trx.selectFrom('person_corrections').select(['field', 'old_value', 'new_value', 'reason', 'at']).where('person_id', '=', personId).orderBy('id').execute();
}

/** Locks the person's row until the transaction ends: commands that must not interleave queue here. */
export async function lockPerson(trx: Tx, personId: string) {
  await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().execute();
}

/** Creates the plan unless one exists (a concurrent first write): false when it did not. */
export async function insertPlanIfAbsent(trx: Tx, personId: string, org: string, goals: string | null): Promise<boolean> {
  const r = await trx.insertInto('pathway_plans').values({ person_id: personId, organisation_id: org, goals })
    .onConflict((oc) => oc.column('person_id').doNothing()).returning('person_id').executeTakeFirst();
  return !!r;
}

export async function activeConsentFor(trx: Tx, personId: string, purpose: string, partnerId: string | null) {
  let q = trx.selectFrom('consents').select('id').where('person_id', '=', personId).where('purpose', '=', purpose).where('withdrawn_on', 'is', null);
  q = partnerId ? q.where('partner_organisation_id', '=', partnerId) : q.where('partner_organisation_id', 'is', null);
  return q.executeTakeFirst();
}

export async function plan(trx: Tx, personId: string) {
  return trx.selectFrom('pathway_plans').select(['template_id', 'goals', 'version']).where('person_id', '=', personId).executeTakeFirst();
}

// ---- new arrivals ---------------------------------------------------------------------------
export async function insertArrival(trx: Tx, a: { personId: string; organisationId: string; noticeId: string; noticeReference: string; position: number; persons: number; householdReference: string | null; arrivedOn: string }) {
  // (notice, position) is unique: the same arrival cannot create its people twice.
  const r = await trx.insertInto('person_arrivals').values({
    person_id: a.personId, organisation_id: a.organisationId, notice_id: a.noticeId, notice_reference: a.noticeReference, position: a.position,
    persons: a.persons, household_reference: a.householdReference, arrived_on: a.arrivedOn,
  }).onConflict((oc) => oc.columns(['notice_id', 'position']).doNothing()).returning('person_id').executeTakeFirst();
  return !!r;
}

export async function arrivalsOfNotice(trx: Tx, noticeId: string) {
  return platformLookup(trx, () => trx.selectFrom('person_arrivals').select((eb) => eb.fn.countAll<number>().as('n')).where('notice_id', '=', noticeId).executeTakeFirstOrThrow());
}

// ---- worklist -------------------------------------------------------------------------------
type WorkRow = { kind: string; person_id: string; step_id: string | null; domain: string | null; title: string | null; due_on: string | null; status_type: string | null; ends_on: string | null; age: number | null; urgency: string | null };

/**
 * What needs action in one organisation, one query per kind so each can use its index and stop
 * at the page it needs. School age and the alert horizon are parameters: they differ by country
 * and policy (defaults in service.ts). Erased people and closed cases are never on it.
 */
/** The few people of an organisation who are off every list (closed case, erased): an anti-join set. */
const inactive = (org: string) => sql`select p.id from people p where p.organisation_id = ${org} and (p.erased_at is not null or p.closed_at is not null)`;

export function worklistParts(org: string, horizonDays: number, schoolAge: [number, number]) {
  return {
    status_ending: sql<WorkRow>`
      select 'status_ending' as kind, p.id as person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             ls.type_code as status_type, coalesce(ls.valid_until, st.ends_on) as ends_on, null::int as age, coalesce(ls.valid_until, st.ends_on) as urgency
        from legal_statuses ls
        join status_types st on st.code = ls.type_code
        join people p on p.id = ls.person_id
       where ls.organisation_id = ${org} and ls.current and p.erased_at is null and p.closed_at is null
         and coalesce(ls.valid_until, st.ends_on) <= current_date + ${horizonDays}::int
         and not exists (select 1 from pathway_steps s where s.person_id = p.id and s.follow_up and s.status <> 'stopped')`,
    school_place: sql<WorkRow>`
      select 'school_place' as kind, p.id as person_id, null::uuid as step_id, null as domain, null as title, null::date as due_on,
             null as status_type, null::date as ends_on, coalesce(extract(year from age(current_date, p.birth_date))::int, extract(year from current_date)::int - p.birth_year) as age, current_date as urgency
        from people p
       where p.organisation_id = ${org} and p.erased_at is null and p.closed_at is null
         and ((p.birth_date > (current_date - make_interval(years => ${schoolAge[1] + 1}))::date
               and p.birth_date <= (current_date - make_interval(years => ${schoolAge[0]}))::date)
              -- new arrivals are known by their age only (birth year) until the case worker enters the date
              or (p.birth_date is null and p.birth_year between extract(year from current_date)::int - ${schoolAge[1]} and extract(year from current_date)::int - ${schoolAge[0]}))
         and not exists (select 1 from pathway_steps s where s.person_id = p.id and s.domain = 'schooling_childcare' and s.status = 'done')`,
    overdue_step: sql<WorkRow>`
      select 'overdue_step' as kind, s.person_id, s.id as step_id, s.domain, s.title, s.due_on,
             null as status_type, null::date as ends_on, null::int as age, s.due_on as urgency
        from pathway_steps s
       where s.organisation_id = ${org} and s.status in ('planned','in_progress') and s.due_on < current_date
         and s.person_id not in (${inactive(org)})`,
    waiting_language: sql<WorkRow>`
      select 'waiting_language' as kind, s.person_id, s.id as step_id, s.domain, s.title, s.due_on,
             null as status_type, null::date as ends_on, null::int as age, s.due_on as urgency
        from pathway_steps s
       where s.organisation_id = ${org} and s.domain = 'language' and s.status = 'planned'
         and s.person_id not in (${inactive(org)})`,
  };
}

export async function worklistCounts(trx: Tx, org: string, horizonDays: number, schoolAge: [number, number]): Promise<Record<string, number>> {
  const parts = worklistParts(org, horizonDays, schoolAge);
  const r = await sql<Record<string, number>>`select
      (select count(*)::int from (${parts.status_ending}) a) as status_ending,
      (select count(*)::int from (${parts.school_place}) b) as school_place,
      (select count(*)::int from (${parts.overdue_step}) c) as overdue_step,
      (select count(*)::int from (${parts.waiting_language}) d) as waiting_language`.execute(trx);
  return r.rows[0];
}

export async function worklist(trx: Tx, org: string, horizonDays: number, schoolAge: [number, number], kind: string | undefined, limit: number, offset: number) {
  const parts = worklistParts(org, horizonDays, schoolAge);
  const chosen = kind ? [parts[kind as keyof typeof parts]] : Object.values(parts);
  // Each kind gives its own first (offset + limit) rows in order; the page is cut from their merge.
  const k = offset + limit;
  const merged = sql.join(chosen.map((part) => sql`(select * from (${part}) x order by urgency nulls last, person_id, step_id limit ${k})`), sql` union all `);
  const [page, counts] = await Promise.all([
    sql<WorkRow & { given_name: string; family_name: string; identity_pending: boolean; arrival: Record<string, unknown> | null }>`
      select w.*, i.given_name, i.family_name, p.identity_pending, ${arrivalOf()} as arrival
        from (select * from (${merged}) m order by urgency nulls last, kind, person_id, step_id limit ${limit} offset ${offset}) w
        join person_identities i on i.person_id = w.person_id
        join people p on p.id = w.person_id
       order by w.urgency nulls last, w.kind, w.person_id, w.step_id`.execute(trx),
    worklistCounts(trx, org, horizonDays, schoolAge),
  ]);
  return { rows: page.rows, counts };
}

/** A template with its owner's territory path, for the gate. */
export async function templateWithOwner(trx: Tx, id: string) {
  return trx.selectFrom('pathway_templates as pt').innerJoin('organisations as o', 'o.id', 'pt.organisation_id').innerJoin('territories as tt', 'tt.code', 'o.territory_code')
    .select(['pt.id', 'pt.name', 'pt.audience', 'pt.description', 'pt.steps', 'pt.version', 'pt.organisation_id', 'tt.path']).where('pt.id', '=', id).executeTakeFirst();
}

/** A household of `count` people owned by `organisationId` (the gate's property test reaches them). */
export async function insertTestPeople(trx: Tx, organisationId: string, count: number): Promise<{ household: string; people: string[] }> {
  const household = (await trx.insertInto('households').values({ organisation_id: organisationId }).returning('id').executeTakeFirstOrThrow()).id;
  const people = await trx.insertInto('people').values(Array.from({ length: count }, (_, i) => ({
    organisation_id: organisationId, household_id: household, household_role: i === 0 ? 'head' : 'other', birth_year: 1990, sex: 'unknown',
  }))).returning('id').execute();
  return { household, people: people.map((p) => p.id) };
}

/** A template owned by `organisationId` (the gate's property test reaches it). */
export async function insertTestTemplate(trx: Tx, organisationId: string): Promise<string> {
  return (await trx.insertInto('pathway_templates').values({ organisation_id: organisationId, name: 'Gate test', audience: 'any', steps: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
}

// ---- activities that count (for funding indicators; the funding module calls the service) -------
export interface ActivitySelector { domains: readonly string[]; deliveredBy: readonly string[]; from: string; to: string; languageCode: string | null }

/**
 * One row per person who took part (a step started, not planned only) in a step of a selector's
 * domains, delivered by one of its organisations (its responsible organisation, or else the one
 * holding the plan), running at some time in its period: which selectors (a bit mask), the first
 * start, and the start of the first finished course of a selector with a language.
 */
function activityHits(holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string) {
  // One row per selector, domain and deliverer: the steps meet them in a hash join on (domain, deliverer).
  const pairs = selectors.flatMap((s, i) => s.domains.flatMap((d) => s.deliveredBy.map((o) => sql`(${i}::int, ${d}::text, ${o}::uuid, ${s.from}::date, ${s.to}::date, ${s.languageCode}::text)`)));
  return sql`sel (i, domain, delivered, f, t, lang) as (values ${sql.join(pairs)}),
    hits as (
      select st.person_id, bit_or(1 << sel.i) as mask, min(st.started_on) as entry,
             min(st.started_on) filter (where sel.lang is not null and st.status = 'done' and st.done_on <= ${asOf}::date) as left_from,
             max(sel.lang) filter (where sel.lang is not null and st.status = 'done' and st.done_on <= ${asOf}::date) as lang
        from pathway_steps st
        join sel on st.domain = sel.domain and coalesce(st.responsible_organisation_id, st.organisation_id) = sel.delivered
       where st.organisation_id in (${sql.join(holders)})
         and st.started_on is not null
         and st.status in ('in_progress', 'done', 'stopped')
         and st.started_on <= least(sel.t, ${asOf}::date)
         and coalesce(st.done_on, 'infinity'::date) >= sel.f
       group by st.person_id)`;
}

// The CEFR rank (1 = A1 … 6 = C2, 7 = native, 0 = none) of a language in a languages value.
const rankIn = (languages: RawBuilder<unknown>, lang: RawBuilder<unknown>) => sql`coalesce((
    select case l->>'level' when 'A1' then 1 when 'A2' then 2 when 'B1' then 3 when 'B2' then 4 when 'C1' then 5 when 'C2' then 6 when 'native' then 7 else 0 end
      from jsonb_array_elements(case jsonb_typeof(${languages}) when 'array' then ${languages} else '[]'::jsonb end) l
     where l->>'code' = ${lang} limit 1), 0)`;

export interface ActivityCell { mask: number; sex: string; band: string; improved: boolean; thirdCountry: boolean; n: number }

/**
 * Counts only: participants grouped by which selectors they took part in (a bit mask), sex, age
 * band on entry (entry year minus birth year, which erasure keeps), whether their CEFR level in
 * the course language rose between the start of a finished course and the as-of date, and
 * whether none of their nationalities is an EU one. Run as the platform (no row leaves but counts).
 */
export async function activityCells(trx: Tx, holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, euCountries: readonly string[]): Promise<ActivityCell[]> {
  if (!holders.length || !selectors.length) return [];
  // Tens of thousands of people grouped twice: sorts and hashes in memory, for this transaction only.
  await sql`select set_config('work_mem', '64MB', true)`.execute(trx);
  const r = await platformLookup(trx, () => activityCellsQuery(holders, selectors, asOf, euCountries).execute(trx));
  return r.rows.map((x) => ({ mask: Number(x.mask), sex: x.sex, band: x.band, improved: x.improved, thirdCountry: x.third, n: Number(x.n) }));
}

/** The statement of activityCells (exported for the benchmark's query plan). */
export function activityCellsQuery(holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, euCountries: readonly string[]) {
  // A person's level at a moment is the old value of the first correction of their languages made
  // after it, else today's value; looked up only for those who finished a course.
  return sql<{ mask: number; sex: string; band: string; improved: boolean; third: boolean; n: number }>`
    with ${activityHits(holders, selectors, asOf)}
    select h.mask, p.sex,
           case when a < 18 then 'under_18' when a <= 29 then '18_29' when a <= 54 then '30_54' when a <= 60 then '55_60' else 'over_60' end as band,
           case when h.left_from is null then false
                else ${rankIn(sql`coalesce(lv.at_end, p.languages)`, sql.ref('h.lang'))} > ${rankIn(sql`coalesce(lv.at_start, p.languages)`, sql.ref('h.lang'))} end as improved,
           (cardinality(p.nationalities) > 0 and not (p.nationalities && ${sql.val(euCountries)}::text[])) as third,
           count(*)::int as n
      from hits h join people p on p.id = h.person_id
      left join lateral (
        select (array_agg(c.old_value order by c.at, c.id) filter (where c.at >= h.left_from::timestamptz))[1] as at_start,
               (array_agg(c.old_value order by c.at, c.id) filter (where c.at >= (${asOf}::date + 1)::timestamptz))[1] as at_end
          from person_corrections c
         where h.left_from is not null and c.person_id = h.person_id and c.field = 'languages') lv on true
      cross join lateral (select extract(year from h.entry)::int - p.birth_year as a) age
     group by 1, 2, 3, 4, 5`;
}

/** The participants themselves, as row-level security lets the actor see them (never the erased). */
export async function activityPeople(trx: Tx, holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, reach: Expression<SqlBool>) {
  if (!holders.length || !selectors.length) return [];
  const r = await sql<{ id: string; given_name: string; family_name: string; mask: number }>`
    with ${activityHits(holders, selectors, asOf)}
    select p.id, i.given_name, i.family_name, h.mask::int as mask
      from hits h
      join people p on p.id = h.person_id and p.erased_at is null
      join person_identities i on i.person_id = p.id
      join organisations o on o.id = p.organisation_id
      join territories t on t.code = o.territory_code
     where ${reach}
     order by i.family_name, i.given_name, p.id
     limit 5000`.execute(trx);
  return r.rows.map((x) => ({ id: x.id, givenName: x.given_name, familyName: x.family_name, mask: Number(x.mask) }));
}
