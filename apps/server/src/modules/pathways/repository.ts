// SQL for integration pathways. Every personal table has row-level security (migration 0003):
// callers pass the transaction opened by withActor(), and what it sees is what the policies allow.
// The platform's platformLookup (platform/rls.ts) lifts the policies for ONE statement that returns
// no personal data: the owner of a record (the gate needs it to decide, and to refuse), and counts
// for duplicates and aggregates; grantRows is how the gate widens them.
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import type { Owner } from '../../platform/access.ts';
import { grantRows, platformLookup } from '../../platform/rls.ts';
import { escapeLike, tablesOf } from '../../platform/sql.ts';
import type { ConsentTable, LegalStatusTable, PathwayStepTable, PathwayTemplateTable, PersonCorrectionTable, PersonIdentityTable, PersonTable, ReferralTable } from './schema.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its module's own, and those it joins
 * to read names and paths. */
const own = tablesOf<'person_arrivals' | 'status_types' | 'households' | 'people' | 'person_identities' | 'person_name_keys' | 'legal_statuses' | 'pathway_templates' | 'pathway_plans' | 'pathway_steps' | 'consents' | 'referrals' | 'person_corrections'
  | 'organisations' | 'territories'>();

export { platformLookup };
export const grant = grantRows;

export interface PersonOwner extends Owner { householdId: string | null; erased: boolean; organisationName: string }

export async function personOwner(trx: Tx, id: string): Promise<PersonOwner | undefined> {
  return platformLookup(trx, async () => {
    const r = await own(trx).selectFrom('people as p')
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
    const r = await own(trx).selectFrom('households as h')
      .innerJoin('organisations as o', 'o.id', 'h.organisation_id')
      .innerJoin('territories as t', 't.code', 'o.territory_code')
      .select(['h.organisation_id', 't.path', sql<string[]>`array(select p.id::text from people p where p.household_id = h.id order by p.birth_year, p.id)`.as('members')])
      .where('h.id', '=', id).executeTakeFirst();
    return r ? { organisationId: r.organisation_id, territoryPath: r.path, members: r.members } : undefined;
  });
}

export async function organisationOf(trx: Tx, id: string) {
  return own(trx).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.name', 'o.kind', 't.path']).where('o.id', '=', id).executeTakeFirst();
}

// ---- people ---------------------------------------------------------------------------------
/** Replaces a person's phonetic name keys (person_name_keys). */
export async function setNameKeys(trx: Tx, personId: string, org: string, nameKey: string) {
  await own(trx).deleteFrom('person_name_keys').where('person_id', '=', personId).execute();
  const keys = [...new Set(nameKey.split(' ').filter(Boolean))];
  if (keys.length) await own(trx).insertInto('person_name_keys').values(keys.map((key) => ({ person_id: personId, organisation_id: org, key }))).execute();
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
  return own(trx).selectFrom('people as p').innerJoin('person_identities as i', 'i.person_id', 'p.id');
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
  return own(trx).selectFrom('legal_statuses as ls').innerJoin('status_types as st', 'st.code', 'ls.type_code')
    .select(['ls.id', 'ls.type_code', 'ls.decided_on', 'ls.valid_from', 'ls.valid_until', 'ls.note', 'ls.current', 'ls.recorded_at',
      sql<string | null>`coalesce(ls.valid_until, st.ends_on)`.as('ends_on')])
    .where('ls.person_id', '=', personId).orderBy('ls.recorded_at', 'desc').orderBy('ls.id').execute();
}

export async function steps(trx: Tx, personId: string) {
  return own(trx).selectFrom('pathway_steps as s').leftJoin('organisations as o', 'o.id', 's.responsible_organisation_id')
    .select(['s.id', 's.domain', 's.title', 's.status', 's.stop_reason', 's.due_on', 's.started_on', 's.done_on', 's.responsible_organisation_id', 'o.name as responsible_name', 's.notes', 's.follow_up', 's.version'])
    .where('s.person_id', '=', personId).orderBy('s.position').orderBy('s.created_at').orderBy('s.id').execute();
}

export async function consents(trx: Tx, personId: string) {
  return own(trx).selectFrom('consents as c').leftJoin('organisations as o', 'o.id', 'c.partner_organisation_id')
    .select(['c.id', 'c.purpose', 'c.partner_organisation_id', 'o.name as partner_name', 'c.given_on', 'c.how', 'c.withdrawn_on'])
    .where('c.person_id', '=', personId).orderBy('c.recorded_at').orderBy('c.id').execute();
}

export async function referrals(trx: Tx, where: { personId?: string; partnerId?: string; id?: string }) {
  let q = own(trx).selectFrom('referrals as r').innerJoin('organisations as o', 'o.id', 'r.partner_organisation_id')
    .innerJoin('organisations as f', 'f.id', 'r.organisation_id')
    .select(['r.id', 'r.person_id', 'r.organisation_id', 'f.name as from_name', 'r.partner_organisation_id', 'o.name as partner_name', 'r.status', 'r.shares', 'r.step_id', 'r.note', 'r.created_at', 'r.version', 'r.consent_id']);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  if (where.partnerId) q = q.where('r.partner_organisation_id', '=', where.partnerId);
  if (where.id) q = q.where('r.id', '=', where.id);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute();
}

export async function corrections(trx: Tx, personId: string) {
  return own(trx).selectFrom('person_corrections').select(['field', 'old_value', 'new_value', 'reason', 'at']).where('person_id', '=', personId).orderBy('id').execute();
}

/** Locks the person's row until the transaction ends: commands that must not interleave queue here. */
export async function lockPerson(trx: Tx, personId: string) {
  await own(trx).selectFrom('people').select('id').where('id', '=', personId).forUpdate().execute();
}

/** Creates the plan unless one exists (a concurrent first write): false when it did not. */
export async function insertPlanIfAbsent(trx: Tx, personId: string, org: string, goals: string | null): Promise<boolean> {
  const r = await own(trx).insertInto('pathway_plans').values({ person_id: personId, organisation_id: org, goals })
    .onConflict((oc) => oc.column('person_id').doNothing()).returning('person_id').executeTakeFirst();
  return !!r;
}

export async function activeConsentFor(trx: Tx, personId: string, purpose: string, partnerId: string | null) {
  let q = own(trx).selectFrom('consents').select('id').where('person_id', '=', personId).where('purpose', '=', purpose).where('withdrawn_on', 'is', null);
  q = partnerId ? q.where('partner_organisation_id', '=', partnerId) : q.where('partner_organisation_id', 'is', null);
  return q.executeTakeFirst();
}

export async function plan(trx: Tx, personId: string) {
  return own(trx).selectFrom('pathway_plans').select(['template_id', 'goals', 'version']).where('person_id', '=', personId).executeTakeFirst();
}

// ---- new arrivals ---------------------------------------------------------------------------
export async function insertArrival(trx: Tx, a: { personId: string; organisationId: string; noticeId: string; noticeReference: string; position: number; persons: number; householdReference: string | null; arrivedOn: string }) {
  // (notice, position) is unique: the same arrival cannot create its people twice.
  const r = await own(trx).insertInto('person_arrivals').values({
    person_id: a.personId, organisation_id: a.organisationId, notice_id: a.noticeId, notice_reference: a.noticeReference, position: a.position,
    persons: a.persons, household_reference: a.householdReference, arrived_on: a.arrivedOn,
  }).onConflict((oc) => oc.columns(['notice_id', 'position']).doNothing()).returning('person_id').executeTakeFirst();
  return !!r;
}

export async function arrivalsOfNotice(trx: Tx, noticeId: string) {
  return platformLookup(trx, () => own(trx).selectFrom('person_arrivals').select((eb) => eb.fn.countAll<number>().as('n')).where('notice_id', '=', noticeId).executeTakeFirstOrThrow());
}

export * from './repository-worklist.ts';

/** A template with its owner's territory path, for the gate. */
export async function templateWithOwner(trx: Tx, id: string) {
  return own(trx).selectFrom('pathway_templates as pt').innerJoin('organisations as o', 'o.id', 'pt.organisation_id').innerJoin('territories as tt', 'tt.code', 'o.territory_code')
    .select(['pt.id', 'pt.name', 'pt.audience', 'pt.description', 'pt.steps', 'pt.version', 'pt.organisation_id', 'tt.path']).where('pt.id', '=', id).executeTakeFirst();
}

/** A household of `count` people owned by `organisationId` (the gate's property test reaches them). */
export async function insertTestPeople(trx: Tx, organisationId: string, count: number): Promise<{ household: string; people: string[] }> {
  const household = (await own(trx).insertInto('households').values({ organisation_id: organisationId }).returning('id').executeTakeFirstOrThrow()).id;
  const people = await own(trx).insertInto('people').values(Array.from({ length: count }, (_, i) => ({
    organisation_id: organisationId, household_id: household, household_role: i === 0 ? 'head' : 'other', birth_year: 1990, sex: 'unknown',
  }))).returning('id').execute();
  return { household, people: people.map((p) => p.id) };
}

/** A template owned by `organisationId` (the gate's property test reaches it). */
export async function insertTestTemplate(trx: Tx, organisationId: string): Promise<string> {
  return (await own(trx).insertInto('pathway_templates').values({ organisation_id: organisationId, name: 'Gate test', audience: 'any', steps: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
}

// ---- status types ----------------------------------------------------------------------------
const statusTypeColumns = ['code', 'ends_on', 'legal_basis', 'version'] as const;

export async function statusTypes(trx: Tx) {
  return own(trx).selectFrom('status_types').select(statusTypeColumns).orderBy('code').execute();
}

export async function statusType(trx: Tx, code: string) {
  return own(trx).selectFrom('status_types').select(statusTypeColumns).where('code', '=', code).executeTakeFirst();
}

/** Sets when a status type ends, if it is still at `version`: false when someone changed it first. */
export async function updateStatusTypeEnd(trx: Tx, code: string, version: number, endsOn: string | null): Promise<boolean> {
  const r = await own(trx).updateTable('status_types').set({ ends_on: endsOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('code', '=', code).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- registration ----------------------------------------------------------------------------
/** Short indexed queries over row-level-security filters: JIT compilation would cost more than it saves. */
export async function withoutJit(trx: Tx) {
  await sql`set local jit = off`.execute(trx);
}

/** Worklist and cohort: no JIT, and memory for hashed anti-joins over a large city's sets. */
export async function worklistSettings(trx: Tx) {
  await withoutJit(trx);
  await sql`set local work_mem = '64MB'`.execute(trx);
}

/** Owner and state of some people (the caller lifts row-level security to see those out of reach). */
export async function peopleStates(trx: Tx, ids: string[]) {
  return trx.selectFrom('people').select(['id', 'organisation_id', 'closed_at', 'erased_at']).where('id', '=', sql<string>`any(${ids}::uuid[])`).execute();
}

export async function organisationNames(trx: Tx, ids: string[]) {
  return ids.length ? own(trx).selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute() : [];
}

export async function insertHousehold(trx: Tx, organisationId: string): Promise<string> {
  return (await own(trx).insertInto('households').values({ organisation_id: organisationId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertPerson(trx: Tx, values: Insertable<PersonTable>): Promise<string> {
  return (await own(trx).insertInto('people').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertIdentity(trx: Tx, values: Insertable<PersonIdentityTable>) {
  await own(trx).insertInto('person_identities').values(values).execute();
}

/** A new legal status; with `replacesCurrent`, the person's current one stops being current. */
export async function insertLegalStatus(trx: Tx, values: Insertable<LegalStatusTable>, replacesCurrent = false): Promise<string> {
  if (replacesCurrent) await own(trx).updateTable('legal_statuses').set({ current: false }).where('person_id', '=', values.person_id).where('current', '=', true).execute();
  return (await own(trx).insertInto('legal_statuses').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Up to 200 living people whose names contain one of the forms, anywhere (a data-subject request). */
export async function subjectRequestCandidates(trx: Tx, forms: string[]) {
  return platformLookup(trx, () => own(trx).selectFrom('person_identities as i').innerJoin('people as p', 'p.id', 'i.person_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['p.id', 'p.organisation_id', 't.path'])
    .where('p.erased_at', 'is', null)
    .where((eb) => eb.or(forms.map((form) => eb('i.search_text', 'like', '%' + escapeLike(form) + '%'))))
    .limit(200).execute());
}

export async function peopleSummaries(trx: Tx, ids: string[]) {
  return peopleQuery(trx).select([...summaryColumns, currentStatus.as('status')]).where('p.id', 'in', ids).orderBy('i.family_name').orderBy('p.id').execute();
}

// ---- corrections -----------------------------------------------------------------------------
export async function updateIdentity(trx: Tx, personId: string, set: Updateable<PersonIdentityTable>) {
  await own(trx).updateTable('person_identities').set(set).where('person_id', '=', personId).execute();
}

/** Writes the person if still at `version` (and moves the version on): false when someone changed it first. */
export async function updatePerson(trx: Tx, personId: string, version: number, set: Updateable<PersonTable>): Promise<boolean> {
  const r = await own(trx).updateTable('people').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', personId).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertCorrections(trx: Tx, rows: Insertable<PersonCorrectionTable>[]) {
  for (const row of rows) await own(trx).insertInto('person_corrections').values(row).execute();
}

// ---- templates -------------------------------------------------------------------------------
const templateColumns = ['id', 'name', 'audience', 'description', 'steps', 'version', 'organisation_id'] as const;

/** The templates whose owner passes `reach` (a predicate on pt.organisation_id and t.path). */
export async function templates(trx: Tx, reach: Expression<SqlBool>) {
  return own(trx).selectFrom('pathway_templates as pt').innerJoin('organisations as o', 'o.id', 'pt.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['pt.id', 'pt.name', 'pt.audience', 'pt.description', 'pt.steps', 'pt.version'])
    .where(reach).orderBy('pt.name').execute();
}

export async function insertTemplate(trx: Tx, values: Insertable<PathwayTemplateTable>) {
  return own(trx).insertInto('pathway_templates').values(values).returning(templateColumns).executeTakeFirstOrThrow();
}

/** The template after the change, or undefined when it is no longer at `version`. */
export async function updateTemplate(trx: Tx, id: string, version: number, set: Updateable<PathwayTemplateTable>) {
  return own(trx).updateTable('pathway_templates').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).where('version', '=', version).returning(templateColumns).executeTakeFirst();
}

// ---- plans and steps -------------------------------------------------------------------------
/** The person's plan now follows `templateId` (created when they had none). */
export async function assignTemplate(trx: Tx, personId: string, organisationId: string, templateId: string) {
  await own(trx).insertInto('pathway_plans').values({ person_id: personId, organisation_id: organisationId, template_id: templateId })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ template_id: templateId, updated_at: sql`now()`, version: sql`pathway_plans.version + 1` })).execute();
}

/** Where the person's next step goes (after the last one). */
export async function nextStepPosition(trx: Tx, personId: string): Promise<number> {
  const max = await own(trx).selectFrom('pathway_steps').select((eb) => eb.fn.max('position').as('m')).where('person_id', '=', personId).executeTakeFirst();
  return Number(max?.m ?? -1) + 1;
}

export async function insertSteps(trx: Tx, rows: Insertable<PathwayStepTable>[]): Promise<string[]> {
  if (!rows.length) return [];
  return (await own(trx).insertInto('pathway_steps').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function birthOf(trx: Tx, personId: string) {
  return own(trx).selectFrom('people').select(['birth_year', 'birth_date']).where('id', '=', personId).executeTakeFirstOrThrow();
}

/** The household's members not erased, with what their age is computed from. */
export async function liveMembers(trx: Tx, householdId: string) {
  return own(trx).selectFrom('people').select(['id', 'birth_year', 'birth_date']).where('household_id', '=', householdId).where('erased_at', 'is', null).execute();
}

export async function updatePlanGoals(trx: Tx, personId: string, version: number, goals: string | null) {
  await own(trx).updateTable('pathway_plans').set({ goals, version: sql`version + 1`, updated_at: sql`now()` }).where('person_id', '=', personId).where('version', '=', version).execute();
}

/** Who a step belongs to, for the gate (steps are visible only where their person is). */
export async function stepOwner(trx: Tx, stepId: string) {
  return platformLookup(trx, () => own(trx).selectFrom('pathway_steps').select(['person_id', 'version', 'status']).where('id', '=', stepId).executeTakeFirst());
}

export async function updateStep(trx: Tx, stepId: string, version: number, set: Updateable<PathwayStepTable>): Promise<boolean> {
  const r = await own(trx).updateTable('pathway_steps').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', stepId).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function stepOfPerson(trx: Tx, stepId: string, personId: string) {
  return own(trx).selectFrom('pathway_steps').select('id').where('id', '=', stepId).where('person_id', '=', personId).executeTakeFirst();
}

export async function stepSummary(trx: Tx, stepId: string) {
  return own(trx).selectFrom('pathway_steps').select(['domain', 'title', 'due_on']).where('id', '=', stepId).executeTakeFirst();
}

// ---- aggregates ------------------------------------------------------------------------------
export async function territory(trx: Tx, code: string) {
  return own(trx).selectFrom('territories').select(['code', 'path']).where('code', '=', code).executeTakeFirst();
}

/** One organisation, or every organisation in the territory whose path starts with `pathPrefix`. */
export async function organisationsIn(trx: Tx, scope: { organisationId: string } | { pathPrefix: string }): Promise<string[]> {
  const where = 'organisationId' in scope ? sql<boolean>`o.id = ${scope.organisationId}` : sql<boolean>`t.path like ${escapeLike(scope.pathPrefix) + '%'}`;
  return (await own(trx).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code').select('o.id').where(where).execute()).map((o) => o.id);
}

/** People and households, current statuses and nationalities counted over the organisations (no names). */
export async function counts(trx: Tx, orgs: string[]) {
  const people = await own(trx).selectFrom('people').select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(distinct household_id)`.as('h')]).where('organisation_id', 'in', orgs).executeTakeFirstOrThrow();
  const byStatus = await own(trx).selectFrom('legal_statuses').select(['type_code', (eb) => eb.fn.countAll<number>().as('n')]).where('organisation_id', 'in', orgs).where('current', '=', true).groupBy('type_code').execute();
  const byNat = await sql<{ c: string; n: number }>`select c, count(*)::int as n from people, unnest(nationalities) as c where organisation_id in (${sql.join(orgs)}) group by c order by n desc`.execute(trx);
  return { people: Number(people.n), households: Number(people.h), byStatus: Object.fromEntries(byStatus.map((r) => [r.type_code, Number(r.n)])), byNationality: Object.fromEntries(byNat.rows.map((r) => [r.c, r.n])) };
}

// ---- consents and referrals ------------------------------------------------------------------
export async function insertConsent(trx: Tx, values: Insertable<ConsentTable>): Promise<string> {
  return (await own(trx).insertInto('consents').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Whose consent it is, for the gate. */
export async function consentOwner(trx: Tx, consentId: string) {
  return platformLookup(trx, () => own(trx).selectFrom('consents').select(['person_id', 'withdrawn_on']).where('id', '=', consentId).executeTakeFirst());
}

/** Ends the consent and closes the referrals that rest on it; returns how many were closed. */
export async function withdrawConsent(trx: Tx, consentId: string, on: string): Promise<number> {
  await own(trx).updateTable('consents').set({ withdrawn_on: on }).where('id', '=', consentId).execute();
  const closed = await own(trx).updateTable('referrals').set({ status: 'closed', updated_at: sql`now()`, version: sql`version + 1` }).where('consent_id', '=', consentId).where('status', '<>', 'closed').executeTakeFirst();
  return Number(closed.numUpdatedRows);
}

/** The latest consent in force for the purpose, naming this partner. */
export async function latestConsentFor(trx: Tx, personId: string, purpose: string, partnerId: string) {
  return own(trx).selectFrom('consents').select('id').where('person_id', '=', personId).where('purpose', '=', purpose)
    .where('partner_organisation_id', '=', partnerId).where('withdrawn_on', 'is', null).orderBy('given_on', 'desc').executeTakeFirst();
}

export async function insertReferral(trx: Tx, values: Insertable<ReferralTable>): Promise<string> {
  return (await own(trx).insertInto('referrals').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setReferralStatus(trx: Tx, id: string, version: number, status: string): Promise<boolean> {
  const u = await own(trx).updateTable('referrals').set({ status, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

// ---- transfer, erasure, retention ------------------------------------------------------------
/** Every row of the household and its people passes to `to`; their open referrals close. */
export async function moveHousehold(trx: Tx, householdId: string, personIds: string[], to: string) {
  if (personIds.length) {
    for (const t of ['person_identities', 'person_name_keys', 'legal_statuses', 'pathway_plans', 'pathway_steps', 'consents', 'person_corrections', 'person_arrivals'] as const) {
      await own(trx).updateTable(t).set({ organisation_id: to }).where('person_id', 'in', personIds).execute();
    }
    await own(trx).updateTable('referrals').set({ status: 'closed', updated_at: sql`now()` }).where('person_id', 'in', personIds).where('status', '<>', 'closed').execute();
    await own(trx).updateTable('people').set({ organisation_id: to, version: sql`version + 1`, updated_at: sql`now()` }).where('id', 'in', personIds).execute();
  }
  await own(trx).updateTable('households').set({ organisation_id: to, version: sql`version + 1` }).where('id', '=', householdId).execute();
}

/** Anonymises people in place: see the header of migration 0003. */
export async function anonymise(trx: Tx, ids: string[]) {
  await own(trx).deleteFrom('person_identities').where('person_id', 'in', ids).execute();
  await own(trx).deleteFrom('person_name_keys').where('person_id', 'in', ids).execute();
  // The history of language levels stays, without its reason: CEFR improvement is a statistic
  // (funding indicators) and the levels name no one once the identity is gone.
  await own(trx).deleteFrom('person_corrections').where('person_id', 'in', ids).where('field', '<>', 'languages').execute();
  await own(trx).updateTable('person_corrections').set({ reason: null, by_user: null }).where('person_id', 'in', ids).execute();
  // The arrival link holds another authority's household reference (a pseudonym it can resolve).
  await own(trx).deleteFrom('person_arrivals').where('person_id', 'in', ids).execute();
  await own(trx).updateTable('people').set({ birth_date: null, erased_at: sql`now()`, closed_at: sql`coalesce(closed_at, now())`, version: sql`version + 1`, updated_at: sql`now()` }).where('id', 'in', ids).execute();
  await own(trx).updateTable('legal_statuses').set({ note: null }).where('person_id', 'in', ids).execute();
  await own(trx).updateTable('pathway_plans').set({ goals: null }).where('person_id', 'in', ids).execute();
  await own(trx).updateTable('pathway_steps').set({ notes: null, stop_reason: null, title: sql`domain` }).where('person_id', 'in', ids).execute();
  await own(trx).updateTable('referrals').set({ note: null, status: 'closed' }).where('person_id', 'in', ids).execute();
}

export async function setClosed(trx: Tx, personId: string, closed: boolean) {
  await own(trx).updateTable('people').set({ closed_at: closed ? sql`now()` : null, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', personId).execute();
}

/** People not yet erased whose case closed more than `days` days ago. */
export async function closedBefore(trx: Tx, days: number) {
  return own(trx).selectFrom('people').select('id').where('erased_at', 'is', null).where('closed_at', '<', sql<Date>`now() - make_interval(days => ${days})`).execute();
}

/** The names of people about to be erased (to find free text that names them). */
export async function identityNames(trx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return own(trx).selectFrom('person_identities').select(['given_name', 'family_name', 'other_names']).where('person_id', 'in', ids).execute();
}
