// SQL of the placement module.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { platformLookup } from '../../platform/rls.ts';
import { tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its module's own, and those it joins
 * to read names and paths. */
const own = tablesOf<'placement_households' | 'regional_labour_demand' | 'placement_runs'
  | 'organisations' | 'territories' | 'countries' | 'users'>();

export async function insertHousehold(trx: Tx, h: {
  organisationId: string; reference: string; ages: number[]; sexes: string[]; unaccompaniedMinor: boolean; languages: string[]; occupations: string[];
  ties: string[]; preferences: string[]; medicalCare: boolean; psychosocialCare: boolean; stepFree: boolean; procedure: string;
}) {
  const r = await own(trx).insertInto('placement_households').values({
    organisation_id: h.organisationId, reference: h.reference, size: h.ages.length, ages: h.ages, sexes: h.sexes, unaccompanied_minor: h.unaccompaniedMinor,
    languages: h.languages, occupations: h.occupations, ties: h.ties, preferences: h.preferences, medical_care: h.medicalCare,
    psychosocial_care: h.psychosocialCare, step_free: h.stepFree, procedure: h.procedure,
  }).onConflict((oc) => oc.columns(['organisation_id', 'reference']).doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}

const householdColumns = ['h.id', 'h.organisation_id', 'h.reference', 'h.size', 'h.ages', 'h.sexes', 'h.notice_id', 'h.unaccompanied_minor', 'h.languages', 'h.occupations', 'h.ties', 'h.preferences', 'h.medical_care', 'h.psychosocial_care', 'h.step_free', 'h.procedure', 'h.status', 'h.placed_organisation_id', 'h.version', 't.path as owner_path', 'po.name as placed_name'] as const;

export function householdsInReach(trx: Tx, reach: Expression<SqlBool>) {
  return own(trx).selectFrom('placement_households as h')
    .innerJoin('organisations as o', 'o.id', 'h.organisation_id')
    .innerJoin('territories as t', 't.code', 'o.territory_code')
    .leftJoin('organisations as po', 'po.id', 'h.placed_organisation_id')
    .where(reach)
    .select(householdColumns);
}
export type HouseholdRow = Awaited<ReturnType<ReturnType<typeof householdsInReach>['execute']>>[number];

/** Municipalities (organisations of kind municipality) within a territory, with what the key and the map need. */
export async function municipalitiesWithin(trx: Tx, path: string) {
  return own(trx).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .where('o.kind', '=', 'municipality')
    .where('t.path', 'like', path.replace(/[\\%_]/g, (c) => '\\' + c) + '%')
    .select(['o.id', 'o.name', 'o.territory_code', 't.path', 't.population', 't.country', 't.lon', 't.lat'])
    .orderBy('t.path').execute();
}

export async function countries(trx: Tx) {
  return own(trx).selectFrom('countries').select(['code', 'population', 'gdp_usd']).execute();
}

export async function labourDemand(trx: Tx, territoryCodes: string[]) {
  if (territoryCodes.length === 0) return [];
  return own(trx).selectFrom('regional_labour_demand').select(['territory_code', 'isco', 'demand']).where('territory_code', 'in', territoryCodes).execute();
}

/** Placed households whose arrival notice is known, for the check that their notice still brings them. */
export async function placedWithNotice(trx: Tx, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return own(trx).selectFrom('placement_households').select(['id', 'reference', 'notice_id'])
    .where('organisation_id', 'in', organisationIds).where('status', '=', 'placed').where('notice_id', 'is not', null).execute();
}

/** Back to the pending list: the notice that announced them will not bring them. */
export async function unplace(trx: Tx, ids: string[]) {
  if (!ids.length) return 0;
  const r = await own(trx).updateTable('placement_households')
    .set((eb) => ({ status: 'pending', placed_run_id: null, placed_organisation_id: null, notice_id: null, version: eb('version', '+', 1) }))
    .where('id', 'in', ids).where('status', '=', 'placed').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setNotice(trx: Tx, ids: string[], noticeId: string) {
  if (!ids.length) return;
  await own(trx).updateTable('placement_households').set({ notice_id: noticeId }).where('id', 'in', ids).execute();
}

export async function insertRun(trx: Tx, run: {
  organisationId: string; territoryCode: string; createdBy: string; distributionKey: string; keyTable: unknown; weights: unknown;
  instance: unknown; context: unknown; result: unknown; figures: unknown; previousRunId: string | null;
}) {
  const r = await own(trx).insertInto('placement_runs').values({
    organisation_id: run.organisationId, territory_code: run.territoryCode, created_by: run.createdBy, distribution_key: run.distributionKey,
    key_table: run.keyTable === undefined ? null : JSON.stringify(run.keyTable), weights: JSON.stringify(run.weights), instance: JSON.stringify(run.instance),
    context: JSON.stringify(run.context), result: JSON.stringify(run.result), figures: JSON.stringify(run.figures), previous_run_id: run.previousRunId,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A run with the names of who created and approved it. The names are read with row-level security
 * on users lifted: a coordinator reaches runs of other organisations in their territory (the gate
 * decides), whose staff the users table would hide, and the run then went missing (404).
 */
export async function findRun(trx: Tx, id: string, forUpdate = false) {
  return platformLookup(trx, () => findRunRow(trx, id, forUpdate));
}

async function findRunRow(trx: Tx, id: string, forUpdate: boolean) {
  let q = own(trx).selectFrom('placement_runs as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .innerJoin('territories as rt', 'rt.code', 'r.territory_code')
    .leftJoin('users as cu', 'cu.id', 'r.created_by').leftJoin('users as au', 'au.id', 'r.approved_by')
    .select(['r.id', 'r.organisation_id', 'o.name as organisation_name', 'r.territory_code', 'rt.name as territory_name', 'r.created_at', 'r.status', 'r.distribution_key', 'r.key_table', 'r.weights', 'r.instance',
      'r.context', 'r.result', 'r.figures', 'r.overrides', 'r.approved_at', 'r.previous_run_id', 'r.version', 't.path as owner_path', 'cu.display_name as created_by_name', 'au.display_name as approved_by_name'])
    .where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export async function listRuns(trx: Tx, reach: Expression<SqlBool>, limit: number, offset: number) {
  return own(trx).selectFrom('placement_runs as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .innerJoin('territories as rt', 'rt.code', 'r.territory_code')
    .where(reach)
    // Which households each run assigns, and the overrides: the count after the people's changes.
    .select(['r.id', 'r.status', 'r.territory_code', 'rt.name as territory_name', 'r.created_at', 'r.figures', 'r.distribution_key', 'r.organisation_id', 'o.name as organisation_name', 'r.overrides',
      sql<string[]>`jsonb_path_query_array(r.result, '$.assignments[*].household')`.as('assigned_ids')])
    .orderBy('r.created_at', 'desc').limit(limit).offset(offset).execute();
}

export async function findHouseholdByReference(trx: Tx, organisationId: string, reference: string) {
  return own(trx).selectFrom('placement_households').select('id').where('organisation_id', '=', organisationId).where('reference', '=', reference).executeTakeFirst();
}

/** Places pending households in one municipality; returns how many were still pending. */
export async function placeHouseholds(trx: Tx, ids: string[], runId: string, organisationId: string): Promise<number> {
  const rows = await own(trx).updateTable('placement_households')
    .set((eb) => ({ status: 'placed', placed_run_id: runId, placed_organisation_id: organisationId, version: eb('version', '+', 1) }))
    .where('id', 'in', ids).where('status', '=', 'pending').returning('id').execute();
  return rows.length;
}

export async function updateRun(trx: Tx, id: string, set: { overrides?: unknown; status?: 'approved' | 'discarded'; approvedBy?: string }, nextVersion: number) {
  await own(trx).updateTable('placement_runs').set({
    ...(set.overrides !== undefined ? { overrides: JSON.stringify(set.overrides) } : {}),
    ...(set.status ? { status: set.status } : {}),
    ...(set.approvedBy ? { approved_by: set.approvedBy, approved_at: new Date() } : {}),
    version: nextVersion,
  }).where('id', '=', id).execute();
}

/** An empty run owned by `organisationId` (the gate's property test reaches it from every role). */
export async function insertTestRun(trx: Tx, organisationId: string, createdBy: string): Promise<string> {
  const empty = JSON.stringify({});
  const r = await own(trx).insertInto('placement_runs').values({
    organisation_id: organisationId, territory_code: 'EU', created_by: createdBy, distribution_key: 'population',
    weights: empty, instance: JSON.stringify({ resources: [], municipalities: [], households: [] }), context: JSON.stringify({ municipalities: [], households: [] }),
    result: JSON.stringify({ assignments: [], unassigned: [], explanations: [] }), figures: empty,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
