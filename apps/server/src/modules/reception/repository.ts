// SQL for reception: resource types, capacity (current, history, daily roll-up) and arrival notices.
// Joins to territories and organisations are read-only look-ups of names and paths.
import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/context.ts';
import type { ArrivalNoticeTable } from './schema.ts';
import { tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its module's own, and those it joins
 * to read names and paths. */
const own = tablesOf<'resource_types' | 'capacity_declarations' | 'capacity_history' | 'capacity_daily' | 'arrival_notices' | 'arrival_notice_versions' | 'arrival_notice_households'
  | 'organisations' | 'territories' | 'users'>();

type Q = Db | Tx;

export const esc = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The roll-up unit of an organisation: its territory path cut after five segments (NUTS 3). */
export function groupPathOf(territoryPath: string): string {
  const parts = territoryPath.split('/').filter(Boolean);
  return parts.slice(0, 5).join('/') + '/';
}

// ---------------------------------------------------------------- resource types
export async function resourceTypes(db: Q) {
  return own(db).selectFrom('resource_types').select(['code', 'unit', 'labels', 'sort_order']).orderBy('sort_order').orderBy('code').execute();
}
export type ResourceTypeRow = Awaited<ReturnType<typeof resourceTypes>>[number];

export async function insertResourceType(db: Q, r: { code: string; unit: string; labels: Record<string, string>; sortOrder: number }) {
  const row = await own(db).insertInto('resource_types').values({ code: r.code, unit: r.unit, labels: JSON.stringify(r.labels), sort_order: r.sortOrder })
    .onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
  return !!row;
}

// ---------------------------------------------------------------- capacity
export async function declarationsOf(db: Q, organisationId: string) {
  return own(db).selectFrom('capacity_declarations').selectAll().where('organisation_id', '=', organisationId).execute();
}
export type DeclarationRow = Awaited<ReturnType<typeof declarationsOf>>[number];

export async function lockDeclaration(trx: Tx, organisationId: string, resource: string) {
  return own(trx).selectFrom('capacity_declarations').selectAll().where('organisation_id', '=', organisationId).where('resource_code', '=', resource).forUpdate().executeTakeFirst();
}

export async function findDeclaration(db: Q, organisationId: string, resource: string) {
  return own(db).selectFrom('capacity_declarations').selectAll().where('organisation_id', '=', organisationId).where('resource_code', '=', resource).executeTakeFirst();
}

export async function insertDeclaration(trx: Tx, d: { organisationId: string; resource: string; territoryPath: string; total: number; occupied: number; reserved: number; by: string | null }) {
  return own(trx).insertInto('capacity_declarations').values({
    organisation_id: d.organisationId, resource_code: d.resource, territory_path: d.territoryPath, group_path: groupPathOf(d.territoryPath),
    total: d.total, occupied: d.occupied, reserved: d.reserved, updated_by: d.by,
  }).onConflict((oc) => oc.columns(['organisation_id', 'resource_code']).doNothing()).returningAll().executeTakeFirst();
}

export async function updateDeclaration(trx: Tx, organisationId: string, resource: string, v: { total: number; occupied: number; reserved: number; by: string | null }) {
  return own(trx).updateTable('capacity_declarations').set({
    total: v.total, occupied: v.occupied, reserved: v.reserved, updated_by: v.by,
    version: sql`version + 1`, updated_at: sql`clock_timestamp()`,
  }).where('organisation_id', '=', organisationId).where('resource_code', '=', resource).returningAll().executeTakeFirstOrThrow();
}

/**
 * Moves places between free, reserved and occupied in one conditional statement: the row is
 * changed only if the result keeps 0 ≤ reserved, 0 ≤ occupied and occupied + reserved ≤ total,
 * so parallel reservations can never take more than there is.
 */
export async function adjustDeclaration(trx: Tx, organisationId: string, resource: string, dReserved: number, dOccupied: number, by: string | null) {
  return own(trx).updateTable('capacity_declarations').set({
    reserved: sql`reserved + ${dReserved}`, occupied: sql`occupied + ${dOccupied}`, updated_by: by,
    version: sql`version + 1`, updated_at: sql`clock_timestamp()`,
  }).where('organisation_id', '=', organisationId).where('resource_code', '=', resource)
    .where(sql<SqlBool>`reserved + ${dReserved} >= 0 and occupied + ${dOccupied} >= 0 and occupied + ${dOccupied} + reserved + ${dReserved} <= total`)
    .returningAll().executeTakeFirst();
}

export async function insertHistory(trx: Tx, d: DeclarationRow, by: string | null, reason: string) {
  await own(trx).insertInto('capacity_history').values({
    organisation_id: d.organisation_id, resource_code: d.resource_code, territory_path: d.territory_path,
    total: d.total, occupied: d.occupied, reserved: d.reserved, changed_by: by, reason,
  }).execute();
}

/** '/EU/DE/DE1/DE11/DE111/' → ['EU/', 'EU/DE/', 'EU/DE/DE1/', 'EU/DE/DE1/DE11/', 'EU/DE/DE1/DE11/DE111/']. */
export function prefixesOf(groupPath: string): string[] {
  const parts = groupPath.split('/').filter(Boolean);
  return parts.map((_, k) => parts.slice(0, k + 1).join('/') + '/');
}

/**
 * Adds a change to today's (UTC) rows of the daily roll-up: one row per ancestor of the group
 * (EU, country, NUTS 1, NUTS 2, NUTS 3), each starting from its last earlier day. Rows are taken
 * from the shortest prefix down, and multi-row commands write resources in a fixed order, so
 * concurrent writers queue instead of deadlocking.
 */
export async function addToDaily(trx: Tx, groupPath: string, resource: string, dt: number, dOcc: number, dRes: number) {
  if (dt === 0 && dOcc === 0 && dRes === 0) return;
  for (const prefix of prefixesOf(groupPath)) {
    await sql`
      insert into capacity_daily (group_path, resource_code, day, total, occupied, reserved)
      select ${prefix}, ${resource}, (clock_timestamp() at time zone 'UTC')::date,
             coalesce(p.total, 0) + ${dt}, coalesce(p.occupied, 0) + ${dOcc}, coalesce(p.reserved, 0) + ${dRes}
      from (select 1) one
      left join lateral (
        select total, occupied, reserved from capacity_daily
        where group_path = ${prefix} and resource_code = ${resource} and day < (clock_timestamp() at time zone 'UTC')::date
        order by day desc limit 1) p on true
      on conflict (group_path, resource_code, day) do update set
        total = capacity_daily.total + ${dt}, occupied = capacity_daily.occupied + ${dOcc}, reserved = capacity_daily.reserved + ${dRes}`.execute(trx);
  }
}

/** Rebuilds the whole daily roll-up, every prefix level, from the history (demo seed, bulk loads, repair). */
export async function rebuildDaily(trx: Q) {
  await sql`delete from capacity_daily`.execute(trx);
  await sql`
    insert into capacity_daily (group_path, resource_code, day, total, occupied, reserved)
    with changes as (
      select c.group_path, h.resource_code, (h.valid_from at time zone 'UTC')::date as day,
             h.total - coalesce(lag(h.total) over w, 0) as dt,
             h.occupied - coalesce(lag(h.occupied) over w, 0) as docc,
             h.reserved - coalesce(lag(h.reserved) over w, 0) as dres
      from capacity_history h
      join capacity_declarations c on c.organisation_id = h.organisation_id and c.resource_code = h.resource_code
      window w as (partition by h.organisation_id, h.resource_code order by h.valid_from, h.id)
    ), per_group_day as (
      select group_path, resource_code, day, sum(dt) as dt, sum(docc) as docc, sum(dres) as dres from changes group by 1, 2, 3
    ), per_prefix_day as (
      select array_to_string((string_to_array(rtrim(g.group_path, '/'), '/'))[1:k], '/') || '/' as prefix,
             g.resource_code, g.day, sum(g.dt) as dt, sum(g.docc) as docc, sum(g.dres) as dres
      from per_group_day g
      cross join lateral generate_series(1, array_length(string_to_array(rtrim(g.group_path, '/'), '/'), 1)) k
      group by 1, 2, 3
    )
    select prefix, resource_code, day, sum(dt) over w2, sum(docc) over w2, sum(dres) over w2
    from per_prefix_day
    window w2 as (partition by prefix, resource_code order by day)`.execute(trx);
}

export async function history(db: Q, organisationId: string, f: { resource?: string; from?: string; to?: string; limit: number }) {
  let q = own(db).selectFrom('capacity_history as h').leftJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.valid_from', 'h.resource_code', 'h.total', 'h.occupied', 'h.reserved', 'h.reason', 'u.display_name'])
    .where('h.organisation_id', '=', organisationId);
  if (f.resource) q = q.where('h.resource_code', '=', f.resource);
  if (f.from) q = q.where('h.valid_from', '>=', new Date(f.from));
  if (f.to) q = q.where('h.valid_from', '<', new Date(f.to));
  return q.orderBy('h.valid_from', 'desc').orderBy('h.id', 'desc').limit(f.limit).execute();
}

/** Each resource's values at the instant `before` (exclusive): the latest history row before it. */
export async function asOf(db: Q, organisationId: string, before: string) {
  const r = await sql<{ resource_code: string; total: number; occupied: number; reserved: number; valid_from: Date }>`
    select c.resource_code, h.total, h.occupied, h.reserved, h.valid_from
    from capacity_declarations c
    cross join lateral (
      select total, occupied, reserved, valid_from from capacity_history h
      where h.organisation_id = c.organisation_id and h.resource_code = c.resource_code and h.valid_from < ${before}
      order by h.valid_from desc limit 1) h
    where c.organisation_id = ${organisationId}`.execute(db);
  return r.rows;
}

export interface Figures { resource_code: string; total: number; occupied: number; reserved: number }

/**
 * For a territory above NUTS 3: its own sums per resource (its row in the daily table) and its
 * children's (their rows): "latest row at or before the day" index look-ups, about ten per child.
 */
export async function rollupFromDaily(db: Q, territory: { code: string; path: string }, day: string) {
  const own = await sql<Figures>`
    select rt.code as resource_code, d.total, d.occupied, d.reserved
    from resource_types rt
    cross join lateral (
      select cd.total, cd.occupied, cd.reserved from capacity_daily cd
      where cd.group_path = ${territory.path} and cd.resource_code = rt.code and cd.day <= ${day}::date
      order by cd.day desc limit 1) d`.execute(db);
  const children = await sql<Figures & { child: string }>`
    select g.code as child, rt.code as resource_code, d.total, d.occupied, d.reserved
    from territories g
    cross join resource_types rt
    cross join lateral (
      select cd.total, cd.occupied, cd.reserved from capacity_daily cd
      where cd.group_path = g.path and cd.resource_code = rt.code and cd.day <= ${day}::date
      order by cd.day desc limit 1) d
    where g.parent_code = ${territory.code} and g.level <= 4`.execute(db);
  const num = <T extends Figures>(x: T) => ({ ...x, total: Number(x.total), occupied: Number(x.occupied), reserved: Number(x.reserved) });
  return { own: own.rows.map(num), children: children.rows.map(num) };
}

/** Per organisation × resource, at NUTS 3 or below: now (current rows) or before an instant. */
export async function rollupBySeries(db: Q, territoryPath: string, before: string | null) {
  const like = esc(territoryPath) + '%';
  const r = before
    ? await sql<Figures & { organisation_id: string; territory_path: string }>`
        select c.organisation_id, c.territory_path, c.resource_code, h.total, h.occupied, h.reserved
        from capacity_declarations c
        cross join lateral (
          select total, occupied, reserved from capacity_history h
          where h.organisation_id = c.organisation_id and h.resource_code = c.resource_code and h.valid_from < ${before}
          order by h.valid_from desc limit 1) h
        where c.territory_path like ${like}`.execute(db)
    : await sql<Figures & { organisation_id: string; territory_path: string }>`
        select organisation_id, territory_path, resource_code, total, occupied, reserved
        from capacity_declarations where territory_path like ${like}`.execute(db);
  return r.rows;
}

export async function territoriesByCode(db: Q, codes: string[]) {
  if (!codes.length) return [];
  return own(db).selectFrom('territories').select(['code', 'name', 'level', 'lon', 'lat', 'path']).where('code', 'in', codes).execute();
}

export async function organisationsById(db: Q, ids: string[]) {
  if (!ids.length) return [];
  return own(db).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.name', 'o.territory_code', 't.name as territory_name', 't.level', 't.lon', 't.lat', 't.path']).where('o.id', 'in', ids).execute();
}

/** Current declarations in a territory, for the map and exports, filtered by the gate's predicate. */
/** Declarations in the territory; `reach` (a predicate on c.organisation_id, c.territory_path) narrows them, null for all. */
export async function declarationsWithin(db: Q, territoryPath: string, reach: Expression<SqlBool> | null) {
  return own(db).selectFrom('capacity_declarations as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['c.organisation_id', 'c.resource_code', 'c.total', 'c.occupied', 'c.reserved', 'c.version', 'c.updated_at', 'c.territory_path', 'c.group_path',
      'o.name as organisation_name', 't.code as territory_code', 't.name as territory_name', 't.lon', 't.lat'])
    .where('c.territory_path', 'like', esc(territoryPath) + '%').where(reach ?? sql<SqlBool>`true`)
    .orderBy('c.territory_path').orderBy('c.resource_code').limit(100_000).execute();
}

// ---------------------------------------------------------------- arrival notices
function noticeBase(db: Q) {
  return own(db).selectFrom('arrival_notices as n')
    .innerJoin('organisations as io', 'io.id', 'n.issuer_organisation_id')
    .innerJoin('organisations as tgt', 'tgt.id', 'n.target_organisation_id')
    .selectAll('n')
    .select(['io.name as issuer_name', 'io.territory_code as issuer_territory_code', 'tgt.name as target_name', 'tgt.territory_code as target_territory_code', 'tgt.kind as target_kind']);
}

export async function findNotice(db: Q, id: string) {
  return noticeBase(db).where('n.id', '=', id).executeTakeFirst();
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export async function lockNotice(trx: Tx, id: string) {
  return own(trx).selectFrom('arrival_notices').select(['id', 'state', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Several declarations locked at once, in resource order (the order every multi-row writer takes). */
export async function lockDeclarations(trx: Tx, organisationId: string, resources: string[]) {
  if (!resources.length) return [];
  return own(trx).selectFrom('capacity_declarations').selectAll().where('organisation_id', '=', organisationId).where('resource_code', 'in', resources)
    .orderBy('resource_code').forUpdate().execute();
}

/** A notice is within reach when its addressee or its issuer is (each a predicate on the n. columns). */
export const eitherParty = (target: Expression<SqlBool>, issuer: Expression<SqlBool>) => sql<SqlBool>`(${target} or ${issuer})`;

export async function listNotices(db: Q, reach: Expression<SqlBool>, f: { state?: string; organisationId?: string; direction?: string; overdueOnly?: boolean; limit: number; offset: number }) {
  let q = noticeBase(db).where(reach);
  if (f.state) q = q.where('n.state', '=', f.state);
  if (f.organisationId && f.direction === 'incoming') q = q.where('n.target_organisation_id', '=', f.organisationId);
  if (f.organisationId && f.direction === 'outgoing') q = q.where('n.issuer_organisation_id', '=', f.organisationId);
  if (f.overdueOnly) q = q.where('n.state', '=', 'announced').where('n.deadline_at', '<', sql<Date>`now()`);
  const items = await q.orderBy('n.created_at', 'desc').orderBy('n.id').limit(f.limit).offset(f.offset).execute();
  const total = await own(db).selectFrom('arrival_notices as n').where(reach)
    .$if(!!f.state, (qq) => qq.where('n.state', '=', f.state!))
    .$if(!!f.organisationId && f.direction === 'incoming', (qq) => qq.where('n.target_organisation_id', '=', f.organisationId!))
    .$if(!!f.organisationId && f.direction === 'outgoing', (qq) => qq.where('n.issuer_organisation_id', '=', f.organisationId!))
    .$if(!!f.overdueOnly, (qq) => qq.where('n.state', '=', 'announced').where('n.deadline_at', '<', sql<Date>`now()`))
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function noticeVersions(db: Q, id: string) {
  return own(db).selectFrom('arrival_notice_versions as v').leftJoin('users as u', 'u.id', 'v.actor_id')
    .select(['v.version', 'v.action', 'v.at', 'v.snapshot', 'u.display_name']).where('v.notice_id', '=', id).orderBy('v.version').execute();
}

// ---------------------------------------------------------------- what notices hold
/** Places the open notices hold at an organisation, per resource (reserved until arrival, occupied until departure). */
export async function heldByNotices(db: Q, organisationId: string, resource?: string) {
  let q = own(db).selectFrom('arrival_notices').select(['resource_code', 'reference', 'held_reserved', 'held_occupied'])
    .where('target_organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('held_reserved', '>', 0), eb('held_occupied', '>', 0)]));
  if (resource) q = q.where('resource_code', '=', resource);
  const rows = await q.orderBy('created_at').execute();
  const out = new Map<string, { reserved: number; occupied: number; reservedBy: string[]; occupiedBy: string[] }>();
  for (const r of rows) {
    const h = out.get(r.resource_code) ?? { reserved: 0, occupied: 0, reservedBy: [], occupiedBy: [] };
    h.reserved += r.held_reserved; h.occupied += r.held_occupied;
    if (r.held_reserved > 0) h.reservedBy.push(r.reference);
    if (r.held_occupied > 0) h.occupiedBy.push(r.reference);
    out.set(r.resource_code, h);
  }
  return out;
}

/** Moves what a notice holds by the same amounts as its declaration (same transaction). */
export async function addToHeld(trx: Tx, noticeId: string, dReserved: number, dOccupied: number) {
  await own(trx).updateTable('arrival_notices').set({ held_reserved: sql`held_reserved + ${dReserved}`, held_occupied: sql`held_occupied + ${dOccupied}` })
    .where('id', '=', noticeId).execute();
}

export async function insertNoticeHouseholds(trx: Tx, noticeId: string, households: Array<{ reference: string; ages: number[]; sexes: string[]; languages: string[]; unaccompaniedMinor: boolean }>) {
  if (!households.length) return;
  await own(trx).insertInto('arrival_notice_households').values(households.map((h, i) => ({
    notice_id: noticeId, position: i + 1, reference: h.reference, ages: h.ages, sexes: h.sexes, languages: h.languages, unaccompanied_minor: h.unaccompaniedMinor,
  }))).execute();
}

export async function noticeHouseholds(db: Q, noticeId: string) {
  return own(db).selectFrom('arrival_notice_households').selectAll().where('notice_id', '=', noticeId).orderBy('position').execute();
}
export type NoticeHouseholdRow = Awaited<ReturnType<typeof noticeHouseholds>>[number];

export async function setHouseholdsAccepted(trx: Tx, noticeId: string, accepted: string[] | 'all' | 'none') {
  if (accepted === 'all' || accepted === 'none') {
    await own(trx).updateTable('arrival_notice_households').set({ accepted: accepted === 'all' }).where('notice_id', '=', noticeId).execute();
    return;
  }
  await own(trx).updateTable('arrival_notice_households').set({ accepted: sql<boolean>`reference = any(${accepted}::text[])` }).where('notice_id', '=', noticeId).execute();
}

/** Announced notices still unanswered at the later of their deadline and their expected arrival, locked; others' locks are skipped. */
export async function lockExpired(trx: Tx) {
  return own(trx).selectFrom('arrival_notices').select('id')
    .where('state', '=', 'announced').where(sql<SqlBool>`greatest(deadline_at, expected_at) < now()`)
    .orderBy('id').forUpdate().skipLocked().limit(500).execute();
}

/**
 * Persons each organisation received this calendar year (UTC): notices created this year and not
 * declined, withdrawn or expired — the persons accepted, or announced while unanswered.
 */
export async function intakeThisYear(db: Q, organisationIds: string[]) {
  if (!organisationIds.length) return [];
  return own(db).selectFrom('arrival_notices')
    .select(['target_organisation_id as organisation_id', sql<number>`sum(case when state = 'announced' then persons else coalesce(accepted_persons, persons) end)::int`.as('persons')])
    .where('target_organisation_id', 'in', organisationIds)
    .where('state', 'not in', ['declined', 'withdrawn', 'expired'])
    .where(sql<SqlBool>`created_at >= date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'`)
    .groupBy('target_organisation_id').execute();
}

/** For placement: the state of each notice and the households it left out (declined, withdrawn, expired, or not in a partial acceptance). */
export async function noticeOutcomes(db: Q, noticeIds: string[]) {
  if (!noticeIds.length) return { notices: [], households: [] };
  const notices = await own(db).selectFrom('arrival_notices').select(['id', 'state']).where('id', 'in', noticeIds).execute();
  const households = await own(db).selectFrom('arrival_notice_households').select(['notice_id', 'reference', 'accepted']).where('notice_id', 'in', noticeIds).where('accepted', '=', false).execute();
  return { notices, households };
}

export async function declarationsOfMany(trx: Tx, organisationIds: string[]) {
  return own(trx).selectFrom('capacity_declarations').select(['organisation_id', 'resource_code', 'total', 'occupied', 'reserved'])
    .where('organisation_id', 'in', organisationIds).execute();
}

/** A notice from `issuer` to `target` (the gate's property test reaches it from every role). */
export async function insertTestNotice(trx: Tx, issuer: string, target: string, createdBy: string): Promise<string> {
  const path = (id: string) => sql<string>`(select t.path from organisations o join territories t on t.code = o.territory_code where o.id = ${id})`;
  const r = await own(trx).insertInto('arrival_notices').values({
    reference: 'AN-TEST', issuer_organisation_id: issuer, issuer_territory_path: path(issuer), target_organisation_id: target, target_territory_path: path(target),
    state: 'announced', procedure: 'asylum', expected_at: new Date(Date.now() + 86_400_000), deadline_at: new Date(Date.now() + 3_600_000),
    households: 1, persons: 1, needs: '{}', resource_code: 'emergency_beds', created_by: createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// ---------------------------------------------------------------- notice life cycle
export async function insertNoticeVersion(trx: Tx, noticeId: string, version: number, action: string, actorId: string | null, snapshot: unknown) {
  await own(trx).insertInto('arrival_notice_versions').values({ notice_id: noticeId, version, action, actor_id: actorId, snapshot: JSON.stringify(snapshot) }).execute();
}

/** A new notice with its reference "AN-<date>-<first six of its id>"; returns the id. */
export async function insertNotice(trx: Tx, values: Omit<Insertable<ArrivalNoticeTable>, 'reference'>): Promise<string> {
  const row = await own(trx).insertInto('arrival_notices').values({ ...values, reference: 'pending' }).returning('id').executeTakeFirstOrThrow();
  await own(trx).updateTable('arrival_notices').set({ reference: sql`'AN-' || to_char(clock_timestamp(), 'YYYYMMDD') || '-' || upper(substr(replace(id::text, '-', ''), 1, 6))` }).where('id', '=', row.id).execute();
  return row.id;
}

/** Writes the notice (its state, its answer, an amendment); the version moves on in bumpNoticeVersion. */
export async function updateNotice(trx: Tx, id: string, set: Updateable<ArrivalNoticeTable>) {
  await own(trx).updateTable('arrival_notices').set(set).where('id', '=', id).execute();
}

export async function bumpNoticeVersion(trx: Tx, id: string) {
  await own(trx).updateTable('arrival_notices').set({ version: sql`version + 1`, updated_at: sql`clock_timestamp()` }).where('id', '=', id).execute();
}

/** Stamps announced notices past their deadline as escalated, once; returns the ones stamped now. */
export async function markEscalated(trx: Tx) {
  return own(trx).updateTable('arrival_notices').set({ escalated_at: sql`clock_timestamp()` })
    .where('state', '=', 'announced').where('escalated_at', 'is', null).where('deadline_at', '<', sql<Date>`now()`)
    .returning('id').execute();
}
