// SQL for funding. No personal data here: participants are counted by the pathways service.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/context.ts';
import { tablesOf } from '../../platform/sql.ts';

type Q = Db | Tx;
/** Its own tables, and those it joins to read organisations' names and kinds, territory paths, and the EU member states. */
const own = tablesOf<'funding_indicators' | 'funding_instruments' | 'funding_calls' | 'funding_projects' | 'funding_project_partners' | 'funding_budget_lines'
  | 'funding_activities' | 'funding_milestones' | 'funding_expenditures' | 'funding_indicator_entries' | 'organisations' | 'territories' | 'countries'>();

// ---- reference data ---------------------------------------------------------------------------
export async function indicatorCount(db: Q) {
  return Number((await own(db).selectFrom('funding_indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
export async function upsertIndicators(db: Q, rows: Array<{ id: string; fund: string; objective: string | null; kind: string; parent: string | null; code: string | null; text: string; unit: string; breakdown: string | null }>) {
  await own(db).insertInto('funding_indicators').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    fund: eb.ref('excluded.fund'), objective: eb.ref('excluded.objective'), kind: eb.ref('excluded.kind'), parent: eb.ref('excluded.parent'),
    code: eb.ref('excluded.code'), text: eb.ref('excluded.text'), unit: eb.ref('excluded.unit'), breakdown: eb.ref('excluded.breakdown'),
  }))).execute();
}
export async function upsertInstruments(db: Q, rows: Array<{ code: string; fund: string; management: string; name: string; regulation: string; rules: string; source: string }>) {
  await own(db).insertInto('funding_instruments').values(rows).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
    fund: eb.ref('excluded.fund'), management: eb.ref('excluded.management'), name: eb.ref('excluded.name'), regulation: eb.ref('excluded.regulation'),
    rules: eb.ref('excluded.rules'), source: eb.ref('excluded.source'), updated_at: sql`now()`,
  }))).execute();
}
export const instruments = (db: Q) => own(db).selectFrom('funding_instruments').selectAll().orderBy('code').execute();
export const instrument = (db: Q, code: string) => own(db).selectFrom('funding_instruments').selectAll().where('code', '=', code).executeTakeFirst();
export const indicators = (db: Q, fund: string) => own(db).selectFrom('funding_indicators').selectAll().where('fund', '=', fund).execute();

// ---- organisations (the directory) ---------------------------------------------------------------
export async function organisations(db: Q, ids: readonly string[]) {
  if (!ids.length) return [];
  return own(db).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.name', 'o.kind', 't.path', 'o.territory_code']).where('o.id', 'in', [...ids]).execute();
}

// ---- calls ------------------------------------------------------------------------------------
const callColumns = [
  'c.id', 'c.instrument_code', 'i.fund', 'c.reference', 'c.title', 'c.description', 'c.opens_on', 'c.deadline', 'c.budget_eur', 'c.max_grant_eur',
  'c.cofinancing_percent', 'c.applicant_routes', 'c.eligible_kinds', 'c.territory_code', 'c.activity_kinds', 'c.source_url', 'c.version',
  'o.id as publisher_id', 'o.name as publisher_name', 'o.kind as publisher_kind', 'tc.path as territory_path',
] as const;
function callQuery(db: Q) {
  return own(db).selectFrom('funding_calls as c').innerJoin('funding_instruments as i', 'i.code', 'c.instrument_code')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id').innerJoin('territories as tc', 'tc.code', 'c.territory_code');
}
export type CallRow = Awaited<ReturnType<typeof call>> & object;
export const call = (db: Q, id: string) => callQuery(db).select(callColumns).where('c.id', '=', id).executeTakeFirst();
export async function calls(db: Q, f: { fund?: string }) {
  let q = callQuery(db).select(callColumns);
  if (f.fund) q = q.where('i.fund', '=', f.fund);
  return q.orderBy('c.deadline').orderBy('c.reference').limit(500).execute();
}
export async function insertCall(db: Q, v: { organisation_id: string; instrument_code: string; reference: string; title: string; description: string | null; opens_on: string; deadline: string; budget_eur: number; max_grant_eur: number | null; cofinancing_percent: number | null; applicant_routes: string[]; eligible_kinds: string[]; territory_code: string; activity_kinds: string[]; source_url: string | null }) {
  return (await own(db).insertInto('funding_calls').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
export async function referenceTaken(db: Q, reference: string) {
  return !!(await own(db).selectFrom('funding_calls').select('id').where('reference', '=', reference).executeTakeFirst());
}
export async function territoryPath(db: Q, code: string) {
  return (await own(db).selectFrom('territories').select('path').where('code', '=', code).executeTakeFirst())?.path;
}
/** The activity kinds an organisation's own projects already run (what it "already does"). */
export async function activityKindsOf(db: Q, organisationId: string) {
  const r = await own(db).selectFrom('funding_activities as a').innerJoin('funding_projects as p', 'p.id', 'a.project_id')
    .select('a.kind').distinct().where('p.organisation_id', '=', organisationId).execute();
  return r.map((x) => x.kind);
}

// ---- projects -----------------------------------------------------------------------------------
/** The owner of a project and, when the acting organisation is one of its partners, that partner. */
export async function projectOwner(trx: Tx, id: string, forUpdate: boolean) {
  if (forUpdate) await sql`select 1 from funding_projects where id = ${id} for update`.execute(trx);
  return own(trx).selectFrom('funding_projects as p').innerJoin('organisations as o', 'o.id', 'p.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .leftJoin('funding_project_partners as pp', (j) => j.onRef('pp.project_id', '=', 'p.id').on(sql<boolean>`pp.organisation_id = nullif(current_setting('localpact.actor_org', true), '')::uuid`))
    .leftJoin('organisations as po', 'po.id', 'pp.organisation_id').leftJoin('territories as pt', 'pt.code', 'po.territory_code')
    .select(['p.id', 'p.organisation_id', 't.path', 'p.status', 'p.version', 'po.id as partner_id', 'pt.path as partner_path'])
    .where('p.id', '=', id).executeTakeFirst();
}

const summaryColumns = ['p.id', 'p.title', 'p.acronym', 'p.instrument_code', 'i.fund', 'p.status', 'p.starts_on', 'p.ends_on', 'p.organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind', 'p.cofinancing_percent'] as const;
export async function listProjects(trx: Tx, reach: Expression<SqlBool>, actorOrg: string) {
  return own(trx).selectFrom('funding_projects as p').innerJoin('funding_instruments as i', 'i.code', 'p.instrument_code')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(summaryColumns).select('p.flat_rate')
    .where((eb) => eb.or([reach, eb.exists(eb.selectFrom('funding_project_partners as pp').select('pp.project_id').whereRef('pp.project_id', '=', 'p.id').where('pp.organisation_id', '=', actorOrg))]))
    .orderBy('p.starts_on', 'desc').orderBy('p.title').limit(500).execute();
}
export const projectSummary = (trx: Tx, id: string) => own(trx).selectFrom('funding_projects as p').innerJoin('funding_instruments as i', 'i.code', 'p.instrument_code')
  .innerJoin('organisations as o', 'o.id', 'p.organisation_id').select(summaryColumns)
  .select(['p.call_id', 'p.programme', 'p.national_cofinancing_eur', 'p.flat_rate', 'p.version']).where('p.id', '=', id).executeTakeFirst();
export const partners = (trx: Tx, id: string) => own(trx).selectFrom('funding_project_partners as pp').innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
  .select(['o.id', 'o.name', 'o.kind', 'pp.role']).where('pp.project_id', '=', id).orderBy('o.name').execute();
export const budget = async (trx: Tx, ids: readonly string[]) => !ids.length ? [] : own(trx).selectFrom('funding_budget_lines').selectAll().where('project_id', 'in', [...ids]).orderBy('year').orderBy('category').execute();
export const activities = (trx: Tx, id: string) => own(trx).selectFrom('funding_activities').selectAll().where('project_id', '=', id).orderBy('position').execute();
export const milestones = (trx: Tx, id: string) => own(trx).selectFrom('funding_milestones as m').innerJoin('organisations as o', 'o.id', 'm.owner_organisation_id')
  .select(['m.id', 'm.title', 'm.due_on', 'm.deliverable', 'm.done_on', 'o.id as owner_id', 'o.name as owner_name', 'o.kind as owner_kind']).where('m.project_id', '=', id).orderBy('m.due_on').execute();
export const expenditures = (trx: Tx, id: string) => own(trx).selectFrom('funding_expenditures').selectAll().where('project_id', '=', id).orderBy('declared_on').orderBy('created_at').execute();
export const entries = (trx: Tx, id: string) => own(trx).selectFrom('funding_indicator_entries').select(['indicator_id', 'value']).where('project_id', '=', id).execute();

export async function insertProject(trx: Tx, v: { organisation_id: string; call_id: string | null; instrument_code: string; programme: string | null; title: string; acronym: string | null; starts_on: string; ends_on: string; cofinancing_percent: number; national_cofinancing_eur: number; flat_rate: string }) {
  return (await own(trx).insertInto('funding_projects').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateProject(trx: Tx, id: string, version: number, set: Record<string, unknown>) {
  const r = await own(trx).updateTable('funding_projects').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function replacePartners(trx: Tx, id: string, rows: Array<{ organisationId: string; role: string }>) {
  await own(trx).deleteFrom('funding_project_partners').where('project_id', '=', id).execute();
  if (rows.length) await own(trx).insertInto('funding_project_partners').values(rows.map((r) => ({ project_id: id, organisation_id: r.organisationId, role: r.role }))).execute();
}
export async function replaceBudget(trx: Tx, id: string, rows: Array<{ year: number; category: string; amountEur: number }>) {
  await own(trx).deleteFrom('funding_budget_lines').where('project_id', '=', id).execute();
  if (rows.length) await own(trx).insertInto('funding_budget_lines').values(rows.map((r) => ({ project_id: id, year: r.year, category: r.category, amount_eur: r.amountEur }))).execute();
}
export async function replaceActivities(trx: Tx, id: string, rows: Array<{ kind: string; domains: string[]; deliveredBy: string[]; from: string; to: string; languageCode?: string | null }>) {
  await own(trx).deleteFrom('funding_activities').where('project_id', '=', id).execute();
  if (rows.length) await own(trx).insertInto('funding_activities').values(rows.map((r, i) => ({ project_id: id, kind: r.kind, domains: r.domains, delivered_by: r.deliveredBy, from_date: r.from, to_date: r.to, language_code: r.languageCode ?? null, position: i }))).execute();
}
export async function insertMilestone(trx: Tx, v: { project_id: string; title: string; due_on: string; owner_organisation_id: string; deliverable: string | null; done_on: string | null }) {
  await own(trx).insertInto('funding_milestones').values(v).execute();
}
export async function insertExpenditure(trx: Tx, v: { project_id: string; year: number; category: string; amount_eur: number; document_ref: string; declared_on: string }) {
  await own(trx).insertInto('funding_expenditures').values(v).execute();
}
export async function upsertEntry(trx: Tx, projectId: string, indicatorId: string, value: number) {
  await own(trx).insertInto('funding_indicator_entries').values({ project_id: projectId, indicator_id: indicatorId, value })
    .onConflict((oc) => oc.columns(['project_id', 'indicator_id']).doUpdateSet({ value, entered_at: sql`now()` })).execute();
}
/** The demo's running project (demo data skips the life cycle). */
export async function setStatus(trx: Tx, id: string, status: string) {
  await own(trx).updateTable('funding_projects').set({ status }).where('id', '=', id).execute();
}
export async function bump(trx: Tx, id: string) {
  await own(trx).updateTable('funding_projects').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** For the gate's property test: a project owned by the organisation, without partners. */
export async function insertTestProject(trx: Tx, organisationId: string): Promise<string> {
  return insertProject(trx, { organisation_id: organisationId, call_id: null, instrument_code: 'amif', programme: null, title: 'Gate test project', acronym: null, starts_on: '2026-01-01', ends_on: '2027-12-31', cofinancing_percent: 75, national_cofinancing_eur: 0, flat_rate: 'none' });
}
export async function insertTestCall(trx: Tx, organisationId: string): Promise<string> {
  return insertCall(trx, { organisation_id: organisationId, instrument_code: 'amif', reference: `GATE-${Math.random().toString(36).slice(2)}`, title: 'Gate test call', description: null, opens_on: '2026-01-01', deadline: '2026-12-31', budget_eur: 1, max_grant_eur: null, cofinancing_percent: null, applicant_routes: ['lrg_direct'], eligible_kinds: ['municipality'], territory_code: 'EU', activity_kinds: [], source_url: null });
}

/** The EU member states as ISO 3166 codes (the NUTS code of Greece is EL), for "third-country national". */
export async function euCountries(db: Q) {
  const r = await own(db).selectFrom('countries').select('code').execute();
  return r.map((c) => (c.code === 'EL' ? 'GR' : c.code));
}

export async function hasCalls(db: Q) {
  return !!(await own(db).selectFrom('funding_calls').select('id').limit(1).executeTakeFirst());
}
