// SQL of the transition module: its own tables only (people are read through pathways' service).
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import './schema.ts';

/** Short statements over many rows: JIT compilation costs more than it saves. */
export async function withoutJit(trx: Tx) {
  await sql`set local jit = off`.execute(trx);
}

const routeColumns = ['id', 'country', 'names', 'target_status', 'conditions', 'authority', 'application_deadline', 'legal_basis', 'source', 'rank', 'version'] as const;
export type RouteRow = { id: string; country: string; names: Record<string, string>; target_status: string; conditions: Array<{ kind: string; min?: number; note?: string }>; authority: string; application_deadline: string | null; legal_basis: string; source: string; rank: number; version: number };

export async function routes(trx: Tx, country?: string): Promise<RouteRow[]> {
  let q = trx.selectFrom('transition_routes').select(routeColumns);
  if (country) q = q.where('country', '=', country);
  return q.orderBy('country').orderBy('rank').orderBy('id').execute() as Promise<RouteRow[]>;
}

export async function route(trx: Tx, id: string): Promise<RouteRow | undefined> {
  return trx.selectFrom('transition_routes').select(routeColumns).where('id', '=', id).executeTakeFirst() as Promise<RouteRow | undefined>;
}

export interface RouteValues { country: string; names: string; target_status: string; conditions: string; authority: string; application_deadline: string | null; legal_basis: string; source: string; rank: number }

export async function insertRoute(trx: Tx, v: RouteValues): Promise<string> {
  return (await trx.insertInto('transition_routes').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRoute(trx: Tx, id: string, version: number, set: Partial<RouteValues>): Promise<boolean> {
  const r = await trx.updateTable('transition_routes').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAction(trx: Tx, a: { organisationId: string; cohort: unknown; step: unknown; reason: string; affected: number; excluded: number; by: string }) {
  return (await trx.insertInto('transition_actions').values({
    organisation_id: a.organisationId, cohort: JSON.stringify(a.cohort), step: JSON.stringify(a.step), reason: a.reason, affected: a.affected, excluded: a.excluded, created_by: a.by,
  }).returning(['id', 'created_at']).executeTakeFirstOrThrow());
}

export async function insertActionPeople(trx: Tx, actionId: string, organisationId: string, rows: Array<{ person_id: string; id: string }>) {
  // In chunks: a statement carries at most 65,535 parameters.
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    await sql`insert into transition_action_people (action_id, person_id, organisation_id, step_id)
              select ${actionId}::uuid, x.person_id, ${organisationId}::uuid, x.step_id
                from unnest(${chunk.map((r) => r.person_id)}::uuid[], ${chunk.map((r) => r.id)}::uuid[]) as x(person_id, step_id)`.execute(trx);
  }
}

export async function actions(trx: Tx, organisationId: string, limit: number) {
  return trx.selectFrom('transition_actions as a').select(['a.id', 'a.created_at', 'a.reason', 'a.step', 'a.affected', 'a.excluded',
    sql<number>`(select count(*)::int from transition_action_people p where p.action_id = a.id and p.undone_at is not null)`.as('undone')])
    .where('a.organisation_id', '=', organisationId).orderBy('a.created_at', 'desc').orderBy('a.id').limit(limit).execute();
}

export async function action(trx: Tx, id: string, organisationId: string) {
  return trx.selectFrom('transition_actions as a').select(['a.id', 'a.created_at', 'a.reason', 'a.step', 'a.affected', 'a.excluded',
    sql<number>`(select count(*)::int from transition_action_people p where p.action_id = a.id and p.undone_at is not null)`.as('undone')])
    .where('a.id', '=', id).where('a.organisation_id', '=', organisationId).executeTakeFirst();
}

export async function actionPerson(trx: Tx, actionId: string, personId: string) {
  return trx.selectFrom('transition_action_people').select(['person_id', 'step_id', 'undone_at']).where('action_id', '=', actionId).where('person_id', '=', personId).executeTakeFirst();
}

export async function markUndone(trx: Tx, actionId: string, personId: string, by: string) {
  await trx.updateTable('transition_action_people').set({ undone_at: sql`now()`, undone_by: by, step_id: null }).where('action_id', '=', actionId).where('person_id', '=', personId).execute();
}
