// Reception: capacity declarations (versioned, with history), roll-ups up the territory tree, and
// arrival notices with their state machine. Every command is one transaction (withActor), passes
// the access gate, writes the audit log where it reads or exports across organisations, and
// publishes an event in the same transaction (announced on commit only; see platform/events.ts).
//
// Decisions (issue 3):
// - Capacity is declared by organisations of kind 'municipality' (Lisbon's city council, bound to a
//   NUTS 3 region, included). Writing needs the gate's shared/write reach: the municipality's own
//   officers, and coordinators above it (a region may correct a municipality's figures).
// - A notice is announced by a national or regional authority to an organisation in its reach. Its
//   addressee answers (accept, accept in part, decline) and reports arrival; its issuer withdraws or
//   amends. "Users of the organisation" acts for it: a national coordinator cannot accept on
//   Sollentuna's behalf. A notice is visible to both parties and to everyone whose shared reach
//   covers either (the region sees notices to its municipalities).
// - Passing a notice on (region → municipality) and re-announcing a remainder are new notices with
//   parentId pointing at the original.
// - A region that receives a notice passes it on (new notices to its municipalities, parentId set)
//   and answers the original; only municipalities' answers move capacity.
// - Accepting reserves `persons` places of the notice's resource type (default: emergency beds) at
//   the addressee; arrival turns them into occupied places; withdrawal releases them.
// - Overdue: an announced notice past its deadline is 'overdue' at once (computed), and a sweep
//   (every minute, and on each worklist read) stamps escalated_at and publishes notice.escalated,
//   which reaches the region's and the state's screens and worklists through the gate.
import type {
  AmendNotice, ArrivalNotice, CapacityDeclaration, CreateNotice, CreateResourceType, OrganisationCapacity,
  Rollup, RollupChild, RollupFigures, ResourceType, UpdateCapacity, MapPoint, CapacityHistoryPoint,
} from '@localpact/contracts';
import { sql } from 'kysely';
import { asSystem, withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertReach, assertRight, reaches, reachesAggregate, reachFilter, type Actor, type Owner } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { publish } from '../../platform/events.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import * as organisations from '../organisations/service.ts';
import * as territories from '../territories/service.ts';
import { levelNames } from '../territories/service.ts';
import * as repo from './repository.ts';
import { parseCsv } from './csv.ts';

type OrgRef = NonNullable<Awaited<ReturnType<typeof organisations.findForReference>>>;
const ownerOf = (o: { id: string; territoryPath: string }): Owner => ({ organisationId: o.id, territoryPath: o.territoryPath });

export const illegalTransition = (from: string, action: string) => new AppError(409, 'illegal_transition', { from, action }, [], { state: from });
export const insufficientCapacity = (free: number, needed: number, resource: string) =>
  new AppError(409, 'insufficient_capacity', { free, needed, resource }, [], { free, needed, resource });

// ====================================================================== resource types
export async function listResourceTypes(db: Db): Promise<ResourceType[]> {
  return (await repo.resourceTypes(db)).map(toResourceType);
}
const toResourceType = (r: repo.ResourceTypeRow): ResourceType => ({
  code: r.code, unit: r.unit as ResourceType['unit'], labels: typeof r.labels === 'string' ? JSON.parse(r.labels) : r.labels, sortOrder: r.sort_order,
});

/** Resource types are reference data: platform administrators (organisations.manage) add them. */
export async function createResourceType(db: Db, actor: Actor, input: CreateResourceType): Promise<ResourceType> {
  assertRight(actor, 'organisations.manage');
  return withActor(db, actor, async (trx) => {
    const ok = await repo.insertResourceType(trx, { code: input.code, unit: input.unit, labels: input.labels, sortOrder: input.sortOrder ?? 200 });
    if (!ok) throw new AppError(409, 'duplicate', { what: 'what.resource_type', field: 'code' }, [{ path: 'body.code', key: 'problem.duplicate' }]);
    await audit(trx, actor, { action: 'resource_type.create', recordType: 'resource_type', recordId: input.code });
    return toResourceType((await repo.resourceTypes(trx)).find((r) => r.code === input.code)!);
  });
}

// ====================================================================== capacity
async function capacityOrg(trx: Db | Tx, actor: Actor, organisationId: string, op: 'read' | 'write'): Promise<OrgRef> {
  const org = await organisations.findForReference(trx, organisationId);
  assertReach(actor, 'shared', op, org ? ownerOf(org) : undefined, 'organisation');
  return org!;
}

function toDeclaration(organisationId: string, resource: string, unit: string, r?: { total: number; occupied: number; reserved: number; version?: number; updated_at?: Date | string | null }): CapacityDeclaration {
  const total = r?.total ?? 0, occupied = r?.occupied ?? 0, reserved = r?.reserved ?? 0;
  return {
    organisationId, resource, unit: unit as CapacityDeclaration['unit'], total, occupied, reserved, free: total - occupied - reserved,
    version: r?.version ?? 0, updatedAt: r?.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}

/** End of a UTC day as an instant ('2026-01-31' → '2026-02-01T00:00:00.000Z'), or the instant given. */
export function endOf(at: string, path = 'querystring.at'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const d = new Date(at + 'T00:00:00Z');
    if (Number.isNaN(d.getTime())) throw invalid(path, 'validation.invalid');
    return new Date(d.getTime() + 86_400_000).toISOString();
  }
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw invalid(path, 'validation.invalid');
  return d.toISOString();
}

export async function getCapacity(db: Db, actor: Actor, organisationId: string, at?: string): Promise<OrganisationCapacity> {
  return withActor(db, actor, async (trx) => {
    const org = await capacityOrg(trx, actor, organisationId, 'read');
    const types = await repo.resourceTypes(trx);
    const t = await territories.getRef(trx, org.territoryCode);
    let byResource: Map<string, Parameters<typeof toDeclaration>[3]>;
    if (at) {
      const rows = await repo.asOf(trx, org.id, endOf(at));
      byResource = new Map(rows.map((r) => [r.resource_code, { ...r, version: undefined, updated_at: r.valid_from }]));
    } else {
      const current = await repo.declarationsOf(trx, org.id);
      byResource = new Map(current.map((r) => [r.resource_code, r]));
    }
    return {
      organisation: { id: org.id, name: org.name, territoryCode: org.territoryCode, territoryName: t?.name ?? org.territoryCode },
      at: at ? endOf(at) : null,
      items: types.map((rt) => toDeclaration(org.id, rt.code, rt.unit, byResource.get(rt.code))),
    };
  });
}

function checkFigures(v: { total: number; occupied: number; reserved: number }, base = 'body') {
  if (v.occupied + v.reserved > v.total) throw invalid(`${base}.occupied`, 'validation.capacity_exceeds_total', { total: v.total });
}

/** Writes one declaration (insert or versioned update), its history row, the daily roll-up and the event. */
async function writeDeclaration(trx: Tx, actor: Actor, org: OrgRef, resource: string, unit: string, v: { total: number; occupied: number; reserved: number }, expectedVersion: number | null, reason: string) {
  const current = await repo.lockDeclaration(trx, org.id, resource);
  let row: repo.DeclarationRow;
  if (!current) {
    if (expectedVersion !== null && expectedVersion !== 0) throw conflict('capacity', 0, { current: toDeclaration(org.id, resource, unit) });
    const inserted = await repo.insertDeclaration(trx, { organisationId: org.id, resource, territoryPath: org.territoryPath, ...v, by: actor.id });
    if (!inserted) {
      // Someone declared it first, in parallel: their write wins, this one sees it.
      const now = await repo.findDeclaration(trx, org.id, resource);
      throw conflict('capacity', now?.version ?? 0, { current: toDeclaration(org.id, resource, unit, now) });
    }
    row = inserted;
  } else {
    if (expectedVersion !== null && expectedVersion !== current.version) throw conflict('capacity', current.version, { current: toDeclaration(org.id, resource, unit, current) });
    row = await repo.updateDeclaration(trx, org.id, resource, { ...v, by: actor.id });
  }
  await afterChange(trx, actor, row, current ?? { total: 0, occupied: 0, reserved: 0 }, reason, unit, org.name);
  return row;
}

async function afterChange(trx: Tx, actor: Actor | null, row: repo.DeclarationRow, before: { total: number; occupied: number; reserved: number }, reason: string, unit: string, orgName: string) {
  await repo.insertHistory(trx, row, actor?.id ?? null, reason);
  await repo.addToDaily(trx, row.group_path, row.resource_code, row.total - before.total, row.occupied - before.occupied, row.reserved - before.reserved);
  await publish(trx, {
    type: 'capacity.changed', actor, owner: { organisationId: row.organisation_id, territoryPath: row.territory_path }, recordId: `${row.organisation_id}/${row.resource_code}`,
    payload: { organisationId: row.organisation_id, organisationName: orgName, territoryPath: row.territory_path, reason, declaration: toDeclaration(row.organisation_id, row.resource_code, unit, row) },
  });
}

async function resourceUnit(trx: Tx, resource: string, path = 'params.resource'): Promise<string> {
  const rt = (await repo.resourceTypes(trx)).find((r) => r.code === resource);
  if (!rt) throw invalid(path, 'validation.resource_unknown');
  return rt.unit;
}

export async function declareCapacity(db: Db, actor: Actor, organisationId: string, resource: string, input: UpdateCapacity): Promise<CapacityDeclaration> {
  return withActor(db, actor, async (trx) => {
    const org = await capacityOrg(trx, actor, organisationId, 'write');
    if (org.kind !== 'municipality') throw invalid('params.organisationId', 'validation.capacity_municipality_only');
    const unit = await resourceUnit(trx, resource);
    checkFigures(input);
    const row = await writeDeclaration(trx, actor, org, resource, unit, input, input.version, input.reason?.trim() || 'declaration');
    await audit(trx, actor, { action: 'capacity.declare', recordType: 'capacity', recordId: org.id, detail: { resource, total: input.total, occupied: input.occupied, reserved: input.reserved } });
    return toDeclaration(org.id, resource, unit, row);
  });
}

export async function capacityHistory(db: Db, actor: Actor, organisationId: string, f: { resource?: string; from?: string; to?: string; limit: number }): Promise<{ items: CapacityHistoryPoint[] }> {
  return withActor(db, actor, async (trx) => {
    const org = await capacityOrg(trx, actor, organisationId, 'read');
    const from = f.from ? new Date(endOf(f.from, 'querystring.from')).getTime() - (/^\d{4}-\d{2}-\d{2}$/.test(f.from) ? 86_400_000 : 0) : undefined;
    const rows = await repo.history(trx, org.id, { ...f, from: from !== undefined ? new Date(from).toISOString() : undefined, to: f.to ? endOf(f.to, 'querystring.to') : undefined });
    return { items: rows.map((r) => ({ at: new Date(r.valid_from).toISOString(), resource: r.resource_code, total: r.total, occupied: r.occupied, reserved: r.reserved, changedBy: r.display_name ?? null, reason: r.reason })) };
  });
}

export const CSV_HEADER = ['resource', 'total', 'occupied', 'reserved'];

export async function csvTemplate(db: Db): Promise<string> {
  const types = await repo.resourceTypes(db);
  return CSV_HEADER.join(',') + '\n' + types.map((t) => `${t.code},0,0,0`).join('\n') + '\n';
}

/** All or nothing: every row is checked first; one bad row means nothing is written. */
export async function importCapacity(db: Db, actor: Actor, organisationId: string, csv: string): Promise<{ ok: true; written: number; errors: [] }> {
  return withActor(db, actor, async (trx) => {
    const org = await capacityOrg(trx, actor, organisationId, 'write');
    if (org.kind !== 'municipality') throw invalid('params.organisationId', 'validation.capacity_municipality_only');
    const units = new Map((await repo.resourceTypes(trx)).map((r) => [r.code, r.unit]));
    const rows = parseCsv(csv);
    const errors: Array<{ path: string; key: string; params?: Record<string, unknown> }> = [];
    const header = (rows[0]?.cells ?? []).map((c) => c.trim().toLowerCase());
    if (CSV_HEADER.some((h, i) => header[i] !== h)) errors.push({ path: 'body.csv.line1', key: 'validation.csv_header', params: { header: CSV_HEADER.join(',') } });
    const parsed: Array<{ resource: string; total: number; occupied: number; reserved: number }> = [];
    const seen = new Set<string>();
    for (const r of errors.length ? [] : rows.slice(1)) {
      const at = (col: string) => `body.csv.line${r.line}.${col}`;
      if (r.cells.every((c) => c.trim() === '')) continue;
      if (r.cells.length !== 4) { errors.push({ path: `body.csv.line${r.line}`, key: 'validation.csv_columns', params: { count: 4 } }); continue; }
      const [resource, ...nums] = r.cells.map((c) => c.trim());
      let bad = false;
      if (!units.has(resource)) { errors.push({ path: at('resource'), key: 'validation.resource_unknown' }); bad = true; }
      else if (seen.has(resource)) { errors.push({ path: at('resource'), key: 'validation.csv_duplicate' }); bad = true; }
      seen.add(resource);
      const values = nums.map((n, i) => {
        if (!/^\d{1,8}$/.test(n)) { errors.push({ path: at(CSV_HEADER[i + 1]), key: 'validation.csv_integer' }); bad = true; return 0; }
        return Number(n);
      });
      if (bad) continue;
      const [total, occupied, reserved] = values;
      if (occupied + reserved > total) { errors.push({ path: at('occupied'), key: 'validation.capacity_exceeds_total', params: { total } }); continue; }
      parsed.push({ resource, total, occupied, reserved });
    }
    if (!errors.length && parsed.length === 0) errors.push({ path: 'body.csv', key: 'validation.csv_empty' });
    if (errors.length) throw new AppError(400, 'validation', {}, errors.slice(0, 200));
    // Resources in a fixed order: concurrent multi-row writers then take the daily roll-up's rows in
    // the same order and queue instead of deadlocking (see repository.addToDaily).
    parsed.sort((a, b) => (a.resource < b.resource ? -1 : 1));
    for (const p of parsed) await writeDeclaration(trx, actor, org, p.resource, units.get(p.resource)!, p, null, 'csv import');
    await audit(trx, actor, { action: 'capacity.import', recordType: 'organisation', recordId: org.id, detail: { rows: parsed.length } });
    return { ok: true as const, written: parsed.length, errors: [] as [] };
  });
}

// ====================================================================== roll-ups
// capacity_daily holds, per day with a change, the end-of-day sums of every prefix of the
// municipalities' paths down to NUTS 3 (EU, country, NUTS 1, NUTS 2, NUTS 3): see repository.
function figures(resource: string, unit: string, v?: { total: number; occupied: number; reserved: number }): RollupFigures {
  const total = Number(v?.total ?? 0), occupied = Number(v?.occupied ?? 0), reserved = Number(v?.reserved ?? 0);
  return { resource, unit: unit as RollupFigures['unit'], total, occupied, reserved, free: total - occupied - reserved, occupancy: total > 0 ? Math.round(((occupied + reserved) / total) * 1000) / 10 : null };
}

function sumInto(map: Map<string, { total: number; occupied: number; reserved: number }>, key: string, v: { total: number; occupied: number; reserved: number }) {
  const cur = map.get(key) ?? { total: 0, occupied: 0, reserved: 0 };
  cur.total += Number(v.total); cur.occupied += Number(v.occupied); cur.reserved += Number(v.reserved);
  map.set(key, cur);
}

/**
 * Capacity of a territory in aggregate reach, now or at the end of a past day, per resource, with
 * its children. Above NUTS 3 the sums come from the daily roll-up table (a few hundred groups for
 * a whole country); at NUTS 3 and below from each municipality's series. Children that are single
 * organisations are listed only when the gate lets the actor read that organisation's records.
 */
export async function rollup(db: Db, actor: Actor, territoryCode: string, at?: string): Promise<Rollup> {
  return withActor(db, actor, async (trx) => {
    const t = await territories.getRef(trx, territoryCode);
    if (!t || !reachesAggregate(actor, t.path)) throw notFound('territory');
    const level = levelNames.indexOf(t.level);
    const types = await repo.resourceTypes(trx);
    const before = at ? endOf(at) : null;
    const totals = new Map<string, { total: number; occupied: number; reserved: number }>();
    const perChild = new Map<string, Map<string, { total: number; occupied: number; reserved: number }>>();
    let children: RollupChild[] = [];
    if (level <= 3) {
      const day = before ? new Date(new Date(before).getTime() - 86_400_000).toISOString().slice(0, 10) : new Date().toISOString().slice(0, 10);
      if (before && before > new Date().toISOString()) throw invalid('querystring.at', 'validation.date_future');
      const { own, children: rows } = await repo.rollupFromDaily(trx, t, day);
      for (const r of own) sumInto(totals, r.resource_code, r);
      for (const r of rows) {
        if (!perChild.has(r.child)) perChild.set(r.child, new Map());
        sumInto(perChild.get(r.child)!, r.resource_code, r);
      }
      const refs = await repo.territoriesByCode(trx, [...perChild.keys()]);
      children = refs.map((c) => ({
        kind: 'territory' as const, code: c.code, name: c.name, level: levelNames[c.level], organisationId: null, lon: c.lon, lat: c.lat,
        resources: types.map((rt) => figures(rt.code, rt.unit, perChild.get(c.code)!.get(rt.code))),
      }));
    } else {
      const rows = await repo.rollupBySeries(trx, t.path, before);
      for (const r of rows) {
        sumInto(totals, r.resource_code, r);
        if (!reaches(actor, 'shared', 'read', { organisationId: r.organisation_id, territoryPath: r.territory_path })) continue;
        if (!perChild.has(r.organisation_id)) perChild.set(r.organisation_id, new Map());
        sumInto(perChild.get(r.organisation_id)!, r.resource_code, r);
      }
      const orgs = await repo.organisationsById(trx, [...perChild.keys()]);
      children = orgs.map((o) => ({
        kind: 'organisation' as const, code: o.territory_code, name: o.name, level: levelNames[o.level], organisationId: o.id, lon: o.lon, lat: o.lat,
        resources: types.map((rt) => figures(rt.code, rt.unit, perChild.get(o.id)!.get(rt.code))),
      }));
    }
    children.sort((a, b) => a.name.localeCompare(b.name));
    return {
      territory: { code: t.code, name: t.name, level: t.level, parentCode: t.path.split('/').filter(Boolean).slice(-2, -1)[0] ?? null },
      at: before, resources: types.map((rt) => figures(rt.code, rt.unit, totals.get(rt.code))), children,
    };
  });
}

/** Points for the map: municipalities whose records the actor reads; aggregate-only readers get NUTS 3 groups. */
export async function mapPoints(db: Db, actor: Actor, territoryCode: string, resource?: string): Promise<{ items: MapPoint[] }> {
  return withActor(db, actor, async (trx) => {
    const t = await territories.getRef(trx, territoryCode);
    if (!t || !reachesAggregate(actor, t.path)) throw notFound('territory');
    const own = reachFilter(actor, 'shared', 'c.organisation_id', 'c.territory_path');
    const rows = await repo.declarationsWithin(trx, t.path, actor.rights.includes('shared.read') ? own : sql`true`);
    const byKey = new Map<string, MapPoint>();
    const groups = actor.rights.includes('shared.read') ? null : new Map<string, string>();
    for (const r of rows) {
      if (resource && r.resource_code !== resource) continue;
      if (groups) { groups.set(r.group_path, r.group_path); continue; }
      if (r.lon === null || r.lat === null) continue;
      const p = byKey.get(r.organisation_id) ?? { code: r.territory_code, name: r.organisation_name, organisationId: r.organisation_id, lon: r.lon, lat: r.lat, total: 0, free: 0 };
      p.total += r.total; p.free += r.total - r.occupied - r.reserved;
      byKey.set(r.organisation_id, p);
    }
    if (groups) {
      const codes = [...groups.keys()].map((g) => g.split('/').filter(Boolean).pop()!);
      const refs = new Map((await repo.territoriesByCode(trx, codes)).map((c) => [c.path, c]));
      // A group's point is where its places are: the mean of its municipalities' own centres
      // weighted by their places (the municipality itself when it is alone), not the region's centre.
      const weight = new Map<string, { w: number; lon: number; lat: number }>();
      for (const r of rows) {
        if (resource && r.resource_code !== resource) continue;
        const g = refs.get(r.group_path);
        if (!g) continue;
        const p = byKey.get(g.code) ?? { code: g.code, name: g.name, organisationId: null, lon: g.lon ?? 0, lat: g.lat ?? 0, total: 0, free: 0 };
        p.total += r.total; p.free += r.total - r.occupied - r.reserved;
        byKey.set(g.code, p);
        if (r.lon !== null && r.lat !== null) {
          const a = weight.get(g.code) ?? { w: 0, lon: 0, lat: 0 };
          const w = Math.max(r.total, 1);
          a.w += w; a.lon += r.lon * w; a.lat += r.lat * w;
          weight.set(g.code, a);
        }
      }
      for (const [code, p] of byKey) {
        const a = weight.get(code);
        if (a) { p.lon = a.lon / a.w; p.lat = a.lat / a.w; }
        else if (![...refs.values()].some((g) => g.code === code && g.lon !== null && g.lat !== null)) byKey.delete(code); // nowhere to put it
      }
    }
    return { items: [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  });
}

// ====================================================================== exports
function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Formula injection guard for spreadsheets, then RFC 4180 quoting.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
export const toCsv = (header: string[], rows: unknown[][]) => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export async function exportCapacity(db: Db, actor: Actor, territoryCode: string | undefined) {
  return withActor(db, actor, async (trx) => {
    const t = territoryCode ? await territories.getRef(trx, territoryCode) : await territories.getRef(trx, actor.territoryCode);
    if (!t) throw notFound('territory');
    const rows = await repo.declarationsWithin(trx, t.path, reachFilter(actor, 'shared', 'c.organisation_id', 'c.territory_path'));
    await audit(trx, actor, { action: 'capacity.export', recordType: 'territory', recordId: t.code, detail: { rows: rows.length } });
    return rows.map((r) => ({
      organisationId: r.organisation_id, organisation: r.organisation_name, territoryCode: r.territory_code, resource: r.resource_code,
      total: r.total, occupied: r.occupied, reserved: r.reserved, free: r.total - r.occupied - r.reserved, version: r.version, updatedAt: new Date(r.updated_at).toISOString(),
    }));
  });
}

// ====================================================================== arrival notices
const noticeReach = (actor: Actor) => sql<boolean>`(${reachFilter(actor, 'shared', 'n.target_organisation_id', 'n.target_territory_path')} or ${reachFilter(actor, 'shared', 'n.issuer_organisation_id', 'n.issuer_territory_path')})`;

const terminal = new Set(['declined', 'withdrawn', 'arrived']);
type Action = ArrivalNotice['actions'][number];
/** The state machine: from which states each action is allowed, and which party takes it. */
export const transitions: Record<Action, { from: readonly string[]; by: 'target' | 'issuer' }> = {
  accept: { from: ['announced'], by: 'target' },
  decline: { from: ['announced'], by: 'target' },
  amend: { from: ['announced'], by: 'issuer' },
  withdraw: { from: ['announced', 'accepted', 'partially_accepted'], by: 'issuer' },
  arrived: { from: ['accepted', 'partially_accepted'], by: 'target' },
};

function partyMayAct(actor: Actor, n: { issuer_organisation_id: string; target_organisation_id: string }, by: 'target' | 'issuer') {
  if (!actor.rights.includes('shared.write')) return false;
  return actor.organisationId === (by === 'target' ? n.target_organisation_id : n.issuer_organisation_id);
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toNotice(actor: Actor, n: repo.NoticeRow, versions?: Awaited<ReturnType<typeof repo.noticeVersions>>): ArrivalNotice {
  const overdue = n.state === 'announced' && new Date(n.deadline_at).getTime() < Date.now();
  const actions = (Object.keys(transitions) as Action[]).filter((a) => transitions[a].from.includes(n.state) && partyMayAct(actor, n, transitions[a].by));
  const next = terminal.has(n.state) ? { nextActor: 'none' as const, nextBy: null } : { nextActor: 'target' as const, nextBy: iso(n.state === 'announced' ? n.deadline_at : n.expected_at) };
  return {
    id: n.id, reference: n.reference, parentId: n.parent_id,
    issuer: { id: n.issuer_organisation_id, name: n.issuer_name, territoryCode: n.issuer_territory_code },
    target: { id: n.target_organisation_id, name: n.target_name, territoryCode: n.target_territory_code },
    state: n.state as ArrivalNotice['state'], procedure: n.procedure as ArrivalNotice['procedure'],
    expectedAt: iso(n.expected_at)!, deadlineAt: iso(n.deadline_at)!, households: n.households, persons: n.persons,
    needs: (typeof n.needs === 'string' ? JSON.parse(n.needs) : n.needs) as ArrivalNotice['needs'], resource: n.resource_code,
    acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note, overdue, escalatedAt: iso(n.escalated_at),
    ...next, actions, version: n.version, createdAt: iso(n.created_at)!, updatedAt: iso(n.updated_at)!,
    ...(versions ? { versions: versions.map((v) => ({ version: v.version, action: v.action, at: iso(v.at)!, actorName: v.display_name ?? null, snapshot: (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as Record<string, unknown> })) } : {}),
  };
}

const noticeOwners = (n: { target_organisation_id: string; target_territory_path: string; issuer_organisation_id: string; issuer_territory_path: string }) => ({
  owner: { organisationId: n.target_organisation_id, territoryPath: n.target_territory_path },
  other: { organisationId: n.issuer_organisation_id, territoryPath: n.issuer_territory_path },
});

function noticeVisible(actor: Actor, n: Parameters<typeof noticeOwners>[0]) {
  const { owner, other } = noticeOwners(n);
  return reaches(actor, 'shared', 'read', owner) || reaches(actor, 'shared', 'read', other);
}

async function recordVersion(trx: Tx, actor: Actor | null, id: string, action: string) {
  const n = (await repo.findNotice(trx, id))!;
  const snapshot = {
    state: n.state, procedure: n.procedure, expectedAt: iso(n.expected_at), deadlineAt: iso(n.deadline_at), households: n.households, persons: n.persons,
    needs: n.needs, resource: n.resource_code, acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note,
  };
  await trx.insertInto('arrival_notice_versions').values({ notice_id: id, version: n.version, action, actor_id: actor?.id ?? null, snapshot: JSON.stringify(snapshot) }).execute();
  const { owner, other } = noticeOwners(n);
  await publish(trx, {
    type: `notice.${action}`, actor, owner, other, recordId: id,
    payload: { noticeId: id, reference: n.reference, state: n.state, persons: n.persons, acceptedPersons: n.accepted_persons, issuerName: n.issuer_name, targetName: n.target_name, targetOrganisationId: n.target_organisation_id, deadlineAt: iso(n.deadline_at) },
  });
  return n;
}

export async function createNotice(db: Db, actor: Actor, input: CreateNotice): Promise<ArrivalNotice> {
  return withActor(db, actor, (trx) => createNoticeIn(trx, actor, input));
}

/** Announces inside the caller's transaction (a placement approval: the run and its notices commit together). */
export async function createNoticeIn(trx: Tx, actor: Actor, input: CreateNotice): Promise<ArrivalNotice> {
  if (!['national_authority', 'regional_authority'].includes(actor.organisationKind) || !actor.rights.includes('shared.write')) throw forbidden();
  const target = await organisations.findForReference(trx, input.targetOrganisationId);
  if (!target || target.id === actor.organisationId || !reaches(actor, 'shared', 'write', ownerOf(target)) || !['municipality', 'regional_authority'].includes(target.kind)) {
    throw invalid('body.targetOrganisationId', 'validation.organisation_unknown');
  }
  if (input.households > input.persons) throw invalid('body.households', 'validation.households_exceed_persons');
  const deadline = input.deadlineAt ? new Date(input.deadlineAt) : input.deadlineHours ? new Date(Date.now() + input.deadlineHours * 3_600_000) : null;
  if (!deadline) throw invalid('body.deadlineAt', 'validation.required');
  if (deadline.getTime() <= Date.now()) throw invalid(input.deadlineAt ? 'body.deadlineAt' : 'body.deadlineHours', 'validation.date_past');
  const resource = input.resource ?? 'emergency_beds';
  await resourceUnit(trx, resource, 'body.resource');
  if (input.parentId) {
    const parent = await repo.findNotice(trx, input.parentId);
    if (!parent || !noticeVisible(actor, parent)) throw invalid('body.parentId', 'validation.notice_unknown');
  }
  const issuerPath = (await organisations.findForReference(trx, actor.organisationId))!.territoryPath;
  const row = await trx.insertInto('arrival_notices').values({
    reference: 'pending', parent_id: input.parentId ?? null,
    issuer_organisation_id: actor.organisationId, issuer_territory_path: issuerPath,
    target_organisation_id: target.id, target_territory_path: target.territoryPath,
    state: 'announced', procedure: input.procedure, expected_at: new Date(input.expectedAt), deadline_at: deadline,
    households: input.households, persons: input.persons, needs: JSON.stringify(input.needs ?? {}), resource_code: resource,
    note: input.note ?? null, created_by: actor.id,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('arrival_notices').set({ reference: sql`'AN-' || to_char(clock_timestamp(), 'YYYYMMDD') || '-' || upper(substr(replace(id::text, '-', ''), 1, 6))` }).where('id', '=', row.id).execute();
  await recordVersion(trx, actor, row.id, 'announced');
  await audit(trx, actor, { action: 'notice.announce', recordType: 'notice', recordId: row.id, detail: { target: target.id, persons: input.persons } });
  return toNotice(actor, (await repo.findNotice(trx, row.id))!);
}

export async function getNotice(db: Db, actor: Actor, id: string): Promise<ArrivalNotice> {
  return withActor(db, actor, async (trx) => {
    const n = await repo.findNotice(trx, id);
    if (!n || !noticeVisible(actor, n)) throw notFound('notice');
    return toNotice(actor, n, await repo.noticeVersions(trx, id));
  });
}

export async function listNotices(db: Db, actor: Actor, f: { state?: string; direction?: 'incoming' | 'outgoing' | 'all'; overdue?: boolean; limit: number; offset: number }) {
  return withActor(db, actor, async (trx) => {
    const { items, total } = await repo.listNotices(trx, noticeReach(actor), { state: f.state, organisationId: actor.organisationId, direction: f.direction, overdueOnly: f.overdue, limit: f.limit, offset: f.offset });
    return { items: items.map((n) => toNotice(actor, n)), total };
  });
}

/** Runs one transition under a row lock on the notice, so parallel answers are serialised. */
async function transition(db: Db, actor: Actor, id: string, action: Action, version: number | undefined, apply: (trx: Tx, n: repo.NoticeRow) => Promise<void>): Promise<ArrivalNotice> {
  return withActor(db, actor, async (trx) => {
    const locked = await repo.lockNotice(trx, id);
    const n = locked ? await repo.findNotice(trx, id) : undefined;
    if (!n || !noticeVisible(actor, n)) throw notFound('notice');
    const rule = transitions[action];
    if (!partyMayAct(actor, n, rule.by)) throw forbidden();
    if (!rule.from.includes(n.state)) throw illegalTransition(n.state, action);
    if (version !== undefined && version !== n.version) throw conflict('notice', n.version, { current: toNotice(actor, n) });
    await apply(trx, n);
    await trx.updateTable('arrival_notices').set({ version: sql`version + 1`, updated_at: sql`clock_timestamp()` }).where('id', '=', id).execute();
    const after = await recordVersion(trx, actor, id, action === 'accept' ? ((await repo.findNotice(trx, id))!.state) : action === 'decline' ? 'declined' : action === 'withdraw' ? 'withdrawn' : action === 'amend' ? 'amended' : 'arrived');
    await audit(trx, actor, { action: `notice.${action}`, recordType: 'notice', recordId: id, detail: { from: n.state, to: after.state } });
    return toNotice(actor, after);
  });
}

async function moveCapacity(trx: Tx, actor: Actor, n: repo.NoticeRow, dReserved: number, dOccupied: number, reason: string) {
  // A notice to a region is passed on as new notices to its municipalities (parentId): capacity is
  // reserved there, so the region's own answer moves no places.
  if (n.target_kind !== 'municipality') return;
  const before = await repo.findDeclaration(trx, n.target_organisation_id, n.resource_code);
  const row = await repo.adjustDeclaration(trx, n.target_organisation_id, n.resource_code, dReserved, dOccupied, actor.id);
  if (!row) {
    const free = before ? before.total - before.occupied - before.reserved : 0;
    throw insufficientCapacity(free, dReserved, n.resource_code);
  }
  const unit = await resourceUnit(trx, n.resource_code, 'body');
  await afterChange(trx, actor, row, before!, reason, unit, n.target_name);
}

export async function acceptNotice(db: Db, actor: Actor, id: string, persons: number, version?: number) {
  return transition(db, actor, id, 'accept', version, async (trx, n) => {
    if (persons > n.persons) throw invalid('body.persons', 'validation.accept_more_than_requested', { persons: n.persons });
    await moveCapacity(trx, actor, n, persons, 0, `reserved for ${n.reference}`);
    await trx.updateTable('arrival_notices').set({ state: persons === n.persons ? 'accepted' : 'partially_accepted', accepted_persons: persons }).where('id', '=', id).execute();
  });
}

export async function declineNotice(db: Db, actor: Actor, id: string, reason: string, version?: number) {
  return transition(db, actor, id, 'decline', version, async (trx) => {
    await trx.updateTable('arrival_notices').set({ state: 'declined', reason: reason.trim() }).where('id', '=', id).execute();
  });
}

export async function withdrawNotice(db: Db, actor: Actor, id: string, reason: string | undefined, version?: number) {
  return transition(db, actor, id, 'withdraw', version, async (trx, n) => {
    if (n.accepted_persons) await moveCapacity(trx, actor, n, -n.accepted_persons, 0, `released by withdrawal of ${n.reference}`);
    await trx.updateTable('arrival_notices').set({ state: 'withdrawn', reason: reason?.trim() || null }).where('id', '=', id).execute();
  });
}

export async function arrivedNotice(db: Db, actor: Actor, id: string, version?: number) {
  return transition(db, actor, id, 'arrived', version, async (trx, n) => {
    const k = n.accepted_persons ?? 0;
    if (k > 0) await moveCapacity(trx, actor, n, -k, k, `arrival of ${n.reference}`);
    await trx.updateTable('arrival_notices').set({ state: 'arrived' }).where('id', '=', id).execute();
  });
}

export async function amendNotice(db: Db, actor: Actor, id: string, input: AmendNotice) {
  return transition(db, actor, id, 'amend', input.version, async (trx, n) => {
    const households = input.households ?? n.households, persons = input.persons ?? n.persons;
    if (households > persons) throw invalid('body.households', 'validation.households_exceed_persons');
    if (input.deadlineAt && new Date(input.deadlineAt).getTime() <= Date.now()) throw invalid('body.deadlineAt', 'validation.date_past');
    await trx.updateTable('arrival_notices').set({
      households, persons,
      ...(input.expectedAt ? { expected_at: new Date(input.expectedAt) } : {}),
      ...(input.deadlineAt ? { deadline_at: new Date(input.deadlineAt), escalated_at: null } : {}),
      ...(input.needs ? { needs: JSON.stringify(input.needs) } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    }).where('id', '=', id).execute();
  });
}

/** Stamps overdue notices as escalated (once, whichever instance gets there first) and announces it. */
export async function escalateOverdue(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const rows = await trx.updateTable('arrival_notices').set({ escalated_at: sql`clock_timestamp()` })
      .where('state', '=', 'announced').where('escalated_at', 'is', null).where('deadline_at', '<', sql<Date>`now()`)
      .returning('id').execute();
    for (const r of rows) {
      const n = (await repo.findNotice(trx, r.id))!;
      const { owner, other } = noticeOwners(n);
      await publish(trx, {
        type: 'notice.escalated', actor: null, owner, other, recordId: n.id,
        payload: { noticeId: n.id, reference: n.reference, state: n.state, persons: n.persons, issuerName: n.issuer_name, targetName: n.target_name, targetOrganisationId: n.target_organisation_id, deadlineAt: iso(n.deadline_at) },
      });
      await audit(trx, null, { action: 'notice.escalate', recordType: 'notice', recordId: n.id });
    }
    return rows.length;
  });
}

/** What the caller's organisation must do, and (for coordinators) what is overdue below them. */
export async function worklist(db: Db, actor: Actor) {
  await escalateOverdue(db);
  return withActor(db, actor, async (trx) => {
    const mine = await repo.listNotices(trx, noticeReach(actor), { organisationId: actor.organisationId, direction: 'incoming', limit: 200, offset: 0 });
    const awaiting = mine.items.filter((n) => !terminal.has(n.state)).map((n) => toNotice(actor, n));
    const overdue = (await repo.listNotices(trx, noticeReach(actor), { overdueOnly: true, limit: 200, offset: 0 })).items.map((n) => toNotice(actor, n));
    return { awaiting, overdue };
  });
}

export async function exportNotices(db: Db, actor: Actor) {
  return withActor(db, actor, async (trx) => {
    const { items } = await repo.listNotices(trx, noticeReach(actor), { limit: 10_000, offset: 0 });
    await audit(trx, actor, { action: 'notice.export', recordType: 'notice', detail: { rows: items.length } });
    return items.map((n) => toNotice(actor, n));
  });
}

/**
 * For other modules (placement): free places (total − occupied − reserved) per organisation and
 * resource, read in the caller's transaction. The caller has checked the actor's reach already.
 */
export async function freePlaces(trx: Tx, organisationIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (organisationIds.length === 0) return out;
  const rows = await repo.declarationsOfMany(trx, organisationIds);
  for (const r of rows) {
    const m = out.get(r.organisation_id) ?? {};
    m[r.resource_code] = Math.max(0, r.total - r.occupied - r.reserved);
    out.set(r.organisation_id, m);
  }
  return out;
}
