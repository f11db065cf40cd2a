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
// - A notice holds places of its resource type (default: emergency beds) at the addressee: from a
//   placement approval at once, otherwise from acceptance (accepting a held notice sets the hold to
//   the persons accepted, never twice); arrival turns them into occupied places, held until the
//   persons leave (depart); decline, withdrawal and expiry free them. Officers' edits cannot go
//   below what notices hold (docs/reception.md, "What occupied means").
// - Overdue: an announced notice past its deadline is 'overdue' at once (computed), and a sweep
//   (every minute, and on each worklist read) stamps escalated_at and publishes notice.escalated,
//   which reaches the region's and the state's screens and worklists through the gate. Unanswered
//   at the later of its deadline and its expected arrival, it expires (the same sweep).
// - On arrival, the accepted households a notice carries become people in the municipality's
//   People list, through the pathways service.
import type {
  AmendNotice, ArrivalNotice, CapacityDeclaration, CapacityImportConfirm, CreateNotice, CreateResourceType, NoticeHousehold, OrganisationCapacity,
  Rollup, RollupChild, RollupFigures, ResourceType, UpdateCapacity, MapPoint, CapacityHistoryPoint,
} from '@localpact/contracts';
import { MAX_PLACES } from '@localpact/contracts';
import { asSystem, withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, reaches, reachesAggregate, reachFilter, type Actor, type Owner } from '../../platform/access.ts';
import { reach } from '../../platform/gate.ts';
import { audit } from '../../platform/audit.ts';
import { publish } from '../../platform/events.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import * as organisations from '../organisations/service.ts';
import * as territories from '../territories/service.ts';
import * as pathways from '../pathways/service.ts';
import { levelNames } from '../territories/service.ts';
import * as repo from './repository.ts';
import { parseCsv } from './csv.ts';
import { capacityRecord, noticeOwners, noticeRecord } from './records.ts';

type OrgRef = NonNullable<Awaited<ReturnType<typeof organisations.findForReference>>>;
const ownerOf = (o: { id: string; territoryPath: string }): Owner => ({ organisationId: o.id, territoryPath: o.territoryPath });

export const illegalTransition = (from: string, action: string) => new AppError(409, 'illegal_transition', { from, action }, [], { state: from });
export const insufficientCapacity = (free: number, needed: number, resource: string, organisation?: { id: string; name: string }) =>
  new AppError(409, 'insufficient_capacity', { free, needed, resource, organisation: organisation?.name ?? '' }, [], { free, needed, resource, ...(organisation ? { organisation } : {}) });

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
/** An organisation's capacity, through the gate (404 'organisation' out of reach). */
const capacityOrg = (trx: Tx, actor: Actor, organisationId: string, op: 'read' | 'write'): Promise<OrgRef> => reach(trx, actor, capacityRecord, organisationId, op);

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

type Figures3 = { total: number; occupied: number; reserved: number };
type FieldKey = { path: string; key: string; params?: Record<string, unknown> };
type Held = { reserved: number; occupied: number; reservedBy: string[]; occupiedBy: string[] };
const noHold: Held = { reserved: 0, occupied: 0, reservedBy: [], occupiedBy: [] };

/**
 * The rules of a declaration, for the form, the PUT and each CSV row alike: occupied + reserved ≤
 * total, and never below what the arrival notices hold (reserved places of open notices, occupied
 * places of persons who arrived and have not left). `base` is the field path's prefix.
 */
function figureErrors(v: Figures3, held: Held, base: string): FieldKey[] {
  const out: FieldKey[] = [];
  if (v.reserved < held.reserved) out.push({ path: `${base}.reserved`, key: 'validation.capacity_below_held_reserved', params: { held: held.reserved, notices: held.reservedBy.slice(0, 5).join(', ') } });
  if (v.occupied < held.occupied) out.push({ path: `${base}.occupied`, key: 'validation.capacity_below_held_occupied', params: { held: held.occupied, notices: held.occupiedBy.slice(0, 5).join(', ') } });
  if (!out.length && v.occupied + v.reserved > v.total) out.push({ path: `${base}.occupied`, key: 'validation.capacity_exceeds_total', params: { total: v.total } });
  return out;
}

/** Writes one declaration (insert or versioned update), its history row, the daily roll-up and the event. */
async function writeDeclaration(trx: Tx, actor: Actor, org: OrgRef, resource: string, unit: string, v: Figures3, expectedVersion: number | null, reason: string, locked?: repo.DeclarationRow | null) {
  const current = locked === undefined ? await repo.lockDeclaration(trx, org.id, resource) : locked ?? undefined;
  let row: repo.DeclarationRow;
  if (!current) {
    if (expectedVersion !== null && expectedVersion !== 0) throw conflict('capacity', 0, { current: toDeclaration(org.id, resource, unit) });
    // Read after the lock: what the notices hold cannot change under it (a notice moves this row too).
    const errors = figureErrors(v, (await repo.heldByNotices(trx, org.id, resource)).get(resource) ?? noHold, 'body');
    if (errors.length) throw new AppError(400, 'validation', {}, errors);
    const inserted = await repo.insertDeclaration(trx, { organisationId: org.id, resource, territoryPath: org.territoryPath, ...v, by: actor.id });
    if (!inserted) {
      // Someone declared it first, in parallel: their write wins, this one sees it.
      const now = await repo.findDeclaration(trx, org.id, resource);
      throw conflict('capacity', now?.version ?? 0, { current: toDeclaration(org.id, resource, unit, now) });
    }
    row = inserted;
  } else {
    if (expectedVersion !== null && expectedVersion !== current.version) throw conflict('capacity', current.version, { current: toDeclaration(org.id, resource, unit, current) });
    const errors = figureErrors(v, (await repo.heldByNotices(trx, org.id, resource)).get(resource) ?? noHold, 'body');
    if (errors.length) throw new AppError(400, 'validation', {}, errors);
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
    // The plain rule first, for a clear answer without a lock; what notices hold is checked under the lock.
    const plain = figureErrors(input, noHold, 'body');
    if (plain.length) throw new AppError(400, 'validation', {}, plain);
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

// ---------------------------------------------------------------------- CSV upload
export const CSV_HEADER = ['resource', 'total', 'occupied', 'reserved'];

/**
 * The organisation's template: one row per resource type with its current figures, so that an
 * officer edits the rows that changed and uploads the file as it is (the officer's organisation
 * unless another in write reach is named).
 */
export async function csvTemplate(db: Db, actor: Actor, organisationId?: string): Promise<{ csv: string; organisation: OrgRef }> {
  return withActor(db, actor, async (trx) => {
    const org = await capacityOrg(trx, actor, organisationId ?? actor.organisationId, 'read');
    if (org.kind !== 'municipality') throw invalid('querystring.organisation', 'validation.capacity_municipality_only');
    const types = await repo.resourceTypes(trx);
    const current = new Map((await repo.declarationsOf(trx, org.id)).map((r) => [r.resource_code, r]));
    const rows = types.map((t) => { const d = current.get(t.code); return [t.code, d?.total ?? 0, d?.occupied ?? 0, d?.reserved ?? 0].join(','); });
    return { csv: CSV_HEADER.join(',') + '\n' + rows.join('\n') + '\n', organisation: org };
  });
}

interface ImportRow { line: number; resource: string; after: Figures3 | null; errors: FieldKey[] }
export interface ImportPlan {
  organisation: OrgRef;
  rows: Array<ImportRow & { status: 'changed' | 'unchanged' | 'invalid'; before: (Figures3 & { version: number }) | null }>;
  untouched: string[];
  fileErrors: FieldKey[];
  changes: number;
  ok: boolean;
  versions: Record<string, number>;
}

/** Reads the file: every row checked (format, known resource, once only, the limits of a declaration). */
function readCsv(csv: string, units: Map<string, string>): { rows: ImportRow[]; fileErrors: FieldKey[] } {
  const rows = parseCsv(csv);
  const fileErrors: FieldKey[] = [];
  const header = (rows[0]?.cells ?? []).map((c) => c.trim().toLowerCase());
  if (CSV_HEADER.some((h, i) => header[i] !== h)) return { rows: [], fileErrors: [{ path: 'body.csv.line1', key: 'validation.csv_header', params: { header: CSV_HEADER.join(',') } }] };
  const out: ImportRow[] = [];
  const seen = new Set<string>();
  for (const r of rows.slice(1)) {
    const at = (col: string) => `body.csv.line${r.line}.${col}`;
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (out.length >= 1000) { fileErrors.push({ path: `body.csv.line${r.line}`, key: 'validation.csv_too_many_rows', params: { count: 1000 } }); break; }
    if (r.cells.length !== 4) { out.push({ line: r.line, resource: r.cells[0]?.trim().slice(0, 40) ?? '', after: null, errors: [{ path: `body.csv.line${r.line}`, key: 'validation.csv_columns', params: { count: 4 } }] }); continue; }
    const [resource, ...nums] = r.cells.map((c) => c.trim());
    const errors: FieldKey[] = [];
    if (!units.has(resource)) errors.push({ path: at('resource'), key: 'validation.resource_unknown' });
    else if (seen.has(resource)) errors.push({ path: at('resource'), key: 'validation.csv_duplicate' });
    seen.add(resource);
    const values = nums.map((n, i) => {
      // The same limits as the form and the PUT (MAX_PLACES, from the contracts).
      if (!/^\d+$/.test(n)) { errors.push({ path: at(CSV_HEADER[i + 1]), key: 'validation.csv_integer' }); return NaN; }
      const v = Number(n);
      if (v > MAX_PLACES) { errors.push({ path: at(CSV_HEADER[i + 1]), key: 'validation.maximum', params: { limit: MAX_PLACES } }); return NaN; }
      return v;
    });
    const after = values.some(Number.isNaN) ? null : { total: values[0], occupied: values[1], reserved: values[2] };
    out.push({ line: r.line, resource: resource.slice(0, 40), after, errors });
  }
  if (!fileErrors.length && out.length === 0) fileErrors.push({ path: 'body.csv', key: 'validation.csv_empty' });
  return { rows: out, fileErrors };
}

/** Compares the file with the current declarations (locked when about to write): what each row changes, and why a row cannot be applied. */
async function planImport(trx: Tx, org: OrgRef, csv: string, lock: boolean): Promise<ImportPlan> {
  const types = await repo.resourceTypes(trx);
  const units = new Map(types.map((r) => [r.code, r.unit]));
  const { rows, fileErrors } = readCsv(csv, units);
  const resources = [...new Set(rows.map((r) => r.resource).filter((r) => units.has(r)))].sort();
  const current = new Map((lock ? await repo.lockDeclarations(trx, org.id, resources) : await repo.declarationsOf(trx, org.id)).map((r) => [r.resource_code, r]));
  const held = await repo.heldByNotices(trx, org.id);
  const planned = rows.map((r) => {
    const d = current.get(r.resource);
    const before = units.has(r.resource) ? { total: d?.total ?? 0, occupied: d?.occupied ?? 0, reserved: d?.reserved ?? 0, version: d?.version ?? 0 } : null;
    const errors = [...r.errors];
    if (!errors.length && r.after) errors.push(...figureErrors(r.after, held.get(r.resource) ?? noHold, `body.csv.line${r.line}`));
    const same = !!before && !!r.after && before.total === r.after.total && before.occupied === r.after.occupied && before.reserved === r.after.reserved;
    return { ...r, errors, before, status: (errors.length ? 'invalid' : same ? 'unchanged' : 'changed') as 'changed' | 'unchanged' | 'invalid' };
  });
  const named = new Set(rows.map((r) => r.resource));
  return {
    organisation: org, rows: planned, fileErrors,
    untouched: types.map((t) => t.code).filter((c) => !named.has(c)),
    changes: planned.filter((r) => r.status === 'changed').length,
    ok: !fileErrors.length && planned.every((r) => r.status !== 'invalid'),
    versions: Object.fromEntries(planned.filter((r) => r.before).map((r) => [r.resource, r.before!.version])),
  };
}

async function importOrg(trx: Tx, actor: Actor, organisationId: string) {
  const org = await capacityOrg(trx, actor, organisationId, 'write');
  if (org.kind !== 'municipality') throw invalid('params.organisationId', 'validation.capacity_municipality_only');
  return org;
}

/** Step 1 of an upload: what the file would change, row by row (before → after), with every error. Writes nothing. */
export async function previewImport(db: Db, actor: Actor, organisationId: string, csv: string): Promise<ImportPlan> {
  return withActor(db, actor, async (trx) => planImport(trx, await importOrg(trx, actor, organisationId), csv, false));
}

/**
 * Step 2: applies exactly what the preview showed. The versions the preview showed must still be
 * the declarations' versions (409 with each changed declaration otherwise); every row is checked
 * again under the locks; resources absent from the file are left alone; all rows or none.
 */
export async function confirmImport(db: Db, actor: Actor, organisationId: string, input: CapacityImportConfirm): Promise<{ ok: true; written: number; unchanged: number }> {
  return withActor(db, actor, async (trx) => {
    const org = await importOrg(trx, actor, organisationId);
    // Declarations locked in resource order: concurrent multi-row writers then take the daily
    // roll-up's rows in the same order and queue instead of deadlocking (see repository.addToDaily).
    const plan = await planImport(trx, org, input.csv, true);
    const missing = plan.rows.filter((r) => r.before && input.versions[r.resource] === undefined);
    if (missing.length) throw new AppError(400, 'validation', {}, missing.map((r) => ({ path: `body.versions.${r.resource}`, key: 'validation.required' })));
    const units = new Map((await repo.resourceTypes(trx)).map((r) => [r.code, r.unit]));
    const changed = plan.rows.filter((r) => r.before && input.versions[r.resource] !== r.before.version);
    if (changed.length) {
      const current = new Map((await repo.declarationsOf(trx, org.id)).map((d) => [d.resource_code, d]));
      throw new AppError(409, 'capacity_changed_since_preview', { resources: changed.map((r) => r.resource).join(', ') }, [], {
        changed: changed.map((r) => ({ resource: r.resource, seenVersion: input.versions[r.resource], current: toDeclaration(org.id, r.resource, units.get(r.resource)!, current.get(r.resource)) })),
      });
    }
    if (!plan.ok) throw new AppError(400, 'validation', {}, [...plan.fileErrors, ...plan.rows.flatMap((r) => r.errors)].slice(0, 200));
    const locked = new Map((await repo.declarationsOf(trx, org.id)).map((d) => [d.resource_code, d]));
    const toWrite = plan.rows.filter((r) => r.status === 'changed').sort((a, b) => (a.resource < b.resource ? -1 : 1));
    for (const r of toWrite) await writeDeclaration(trx, actor, org, r.resource, units.get(r.resource)!, r.after!, r.before!.version, 'csv import', locked.get(r.resource) ?? null);
    await audit(trx, actor, { action: 'capacity.import', recordType: 'organisation', recordId: org.id, detail: { rows: plan.rows.length, changed: toWrite.length, resources: toWrite.map((r) => r.resource) } });
    return { ok: true as const, written: toWrite.length, unchanged: plan.rows.length - toWrite.length };
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
    const rows = await repo.declarationsWithin(trx, t.path, actor.rights.includes('shared.read') ? own : null);
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
const noticeReach = (actor: Actor) => repo.eitherParty(reachFilter(actor, 'shared', 'n.target_organisation_id', 'n.target_territory_path'), reachFilter(actor, 'shared', 'n.issuer_organisation_id', 'n.issuer_territory_path'));

const terminal = new Set(['declined', 'withdrawn', 'arrived', 'expired']);
type Action = ArrivalNotice['actions'][number];
/** The state machine: from which states each action is allowed, and which party takes it. */
export const transitions: Record<Action, { from: readonly string[]; by: 'target' | 'issuer' }> = {
  accept: { from: ['announced'], by: 'target' },
  decline: { from: ['announced'], by: 'target' },
  amend: { from: ['announced'], by: 'issuer' },
  withdraw: { from: ['announced', 'accepted', 'partially_accepted'], by: 'issuer' },
  arrived: { from: ['accepted', 'partially_accepted'], by: 'target' },
  // Persons who arrived with the notice have left: their places are free again.
  depart: { from: ['arrived'], by: 'target' },
};
/** The name of each action in the notice's version history (accept records the state it reached). */
const versionAction: Record<Exclude<Action, 'accept'>, string> = { decline: 'declined', withdraw: 'withdrawn', amend: 'amended', arrived: 'arrived', depart: 'departed' };

function partyMayAct(actor: Actor, n: { issuer_organisation_id: string; target_organisation_id: string }, by: 'target' | 'issuer') {
  if (!actor.rights.includes('shared.write')) return false;
  return actor.organisationId === (by === 'target' ? n.target_organisation_id : n.issuer_organisation_id);
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
/** An announced notice unanswered at the later of its deadline and its expected arrival expires. */
const expiresAt = (n: { deadline_at: Date | string; expected_at: Date | string }) => new Date(Math.max(new Date(n.deadline_at).getTime(), new Date(n.expected_at).getTime()));

const toNoticeHousehold = (h: repo.NoticeHouseholdRow) => ({
  reference: h.reference, ages: h.ages, sexes: h.sexes as NoticeHousehold['sexes'], languages: h.languages, unaccompaniedMinor: h.unaccompanied_minor, accepted: h.accepted,
});

export function toNotice(actor: Actor, n: repo.NoticeRow, extra: { versions?: Awaited<ReturnType<typeof repo.noticeVersions>>; households?: repo.NoticeHouseholdRow[] } = {}): ArrivalNotice {
  const overdue = n.state === 'announced' && new Date(n.deadline_at).getTime() < Date.now();
  const actions = (Object.keys(transitions) as Action[])
    .filter((a) => transitions[a].from.includes(n.state) && partyMayAct(actor, n, transitions[a].by) && (a !== 'depart' || n.held_occupied > 0));
  const next = terminal.has(n.state) ? { nextActor: 'none' as const, nextBy: null } : { nextActor: 'target' as const, nextBy: iso(n.state === 'announced' ? n.deadline_at : n.expected_at) };
  const { versions, households } = extra;
  return {
    id: n.id, reference: n.reference, parentId: n.parent_id,
    issuer: { id: n.issuer_organisation_id, name: n.issuer_name, territoryCode: n.issuer_territory_code },
    target: { id: n.target_organisation_id, name: n.target_name, territoryCode: n.target_territory_code },
    state: n.state as ArrivalNotice['state'], procedure: n.procedure as ArrivalNotice['procedure'],
    expectedAt: iso(n.expected_at)!, deadlineAt: iso(n.deadline_at)!, households: n.households, persons: n.persons,
    needs: (typeof n.needs === 'string' ? JSON.parse(n.needs) : n.needs) as ArrivalNotice['needs'], resource: n.resource_code,
    acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note, overdue, escalatedAt: iso(n.escalated_at),
    ...next, actions, held: { reserved: n.held_reserved, occupied: n.held_occupied }, expiresAt: expiresAt(n).toISOString(),
    version: n.version, createdAt: iso(n.created_at)!, updatedAt: iso(n.updated_at)!,
    ...(versions ? { versions: versions.map((v) => ({ version: v.version, action: v.action, at: iso(v.at)!, actorName: v.display_name ?? null, snapshot: (typeof v.snapshot === 'string' ? JSON.parse(v.snapshot) : v.snapshot) as Record<string, unknown> })) } : {}),
    ...(households && households.length ? { householdDetails: households.map(toNoticeHousehold) } : {}),
  };
}

function noticeVisible(actor: Actor, n: Parameters<typeof noticeOwners>[0]) {
  const { owner, other } = noticeOwners(n);
  return reaches(actor, 'shared', 'read', owner) || reaches(actor, 'shared', 'read', other);
}

async function recordVersion(trx: Tx, actor: Actor | null, id: string, action: string) {
  const n = (await repo.findNotice(trx, id))!;
  const snapshot = {
    state: n.state, procedure: n.procedure, expectedAt: iso(n.expected_at), deadlineAt: iso(n.deadline_at), households: n.households, persons: n.persons,
    needs: n.needs, resource: n.resource_code, acceptedPersons: n.accepted_persons, reason: n.reason, note: n.note,
    held: { reserved: n.held_reserved, occupied: n.held_occupied },
  };
  await repo.insertNoticeVersion(trx, id, n.version, action, actor?.id ?? null, snapshot);
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

/**
 * Announces inside the caller's transaction (a placement approval: the run and its notices commit
 * together). `reserve`: the notice holds its persons' places at once (the engine placed them within
 * the free places; 409 when they are no longer free). `households`: the pseudonymous households it
 * announces (their persons add up to `persons`).
 */
export async function createNoticeIn(trx: Tx, actor: Actor, input: CreateNotice, opts: { reserve?: boolean; households?: NoticeHousehold[] } = {}): Promise<ArrivalNotice> {
  if (!['national_authority', 'regional_authority'].includes(actor.organisationKind) || !actor.rights.includes('shared.write')) throw forbidden();
  const target = await organisations.findForReference(trx, input.targetOrganisationId);
  if (!target || target.id === actor.organisationId || !reaches(actor, 'shared', 'write', ownerOf(target)) || !['municipality', 'regional_authority'].includes(target.kind)) {
    throw invalid('body.targetOrganisationId', 'validation.organisation_unknown');
  }
  if (input.households > input.persons) throw invalid('body.households', 'validation.households_exceed_persons');
  const households = opts.households ?? [];
  if (households.length && (households.length !== input.households || households.reduce((s, h) => s + h.ages.length, 0) !== input.persons)) {
    throw invalid('body.households', 'validation.invalid');
  }
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
  const noticeId = await repo.insertNotice(trx, {
    parent_id: input.parentId ?? null,
    issuer_organisation_id: actor.organisationId, issuer_territory_path: issuerPath,
    target_organisation_id: target.id, target_territory_path: target.territoryPath,
    state: 'announced', procedure: input.procedure, expected_at: new Date(input.expectedAt), deadline_at: deadline,
    households: input.households, persons: input.persons, needs: JSON.stringify(input.needs ?? {}), resource_code: resource,
    note: input.note ?? null, created_by: actor.id,
  });
  await repo.insertNoticeHouseholds(trx, noticeId, households.map((h) => ({ reference: h.reference, ages: h.ages, sexes: h.sexes, languages: h.languages, unaccompaniedMinor: h.unaccompaniedMinor })));
  if (opts.reserve) {
    const n = (await repo.findNotice(trx, noticeId))!;
    await moveCapacity(trx, actor, n, input.persons, 0, `reserved for ${n.reference}`);
  }
  await recordVersion(trx, actor, noticeId, 'announced');
  await audit(trx, actor, { action: 'notice.announce', recordType: 'notice', recordId: noticeId, detail: { target: target.id, persons: input.persons, reserved: opts.reserve ? input.persons : 0 } });
  return toNotice(actor, (await repo.findNotice(trx, noticeId))!);
}

export async function getNotice(db: Db, actor: Actor, id: string): Promise<ArrivalNotice> {
  return withActor(db, actor, async (trx) => {
    const n = await reach(trx, actor, noticeRecord, id, 'read');
    const households = await repo.noticeHouseholds(trx, id);
    // Pseudonymous households, but about people: the read is on the record.
    if (households.length) await audit(trx, actor, { action: 'notice.households.read', recordType: 'notice', recordId: id, purpose: 'arrival planning', detail: { households: households.length } });
    return toNotice(actor, n, { versions: await repo.noticeVersions(trx, id), households });
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
    const n = await reach(trx, actor, noticeRecord, id, 'read', { forUpdate: true });
    const rule = transitions[action];
    if (!partyMayAct(actor, n, rule.by)) throw forbidden();
    if (!rule.from.includes(n.state)) throw illegalTransition(n.state, action);
    if (version !== undefined && version !== n.version) throw conflict('notice', n.version, { current: toNotice(actor, n) });
    await apply(trx, n);
    await repo.bumpNoticeVersion(trx, id);
    const after = await recordVersion(trx, actor, id, action === 'accept' ? ((await repo.findNotice(trx, id))!.state) : versionAction[action]);
    await audit(trx, actor, { action: `notice.${action}`, recordType: 'notice', recordId: id, detail: { from: n.state, to: after.state, held: { reserved: after.held_reserved, occupied: after.held_occupied } } });
    return toNotice(actor, after);
  });
}

/**
 * Moves the notice's places at its addressee (reserved and occupied, by these amounts) and what the
 * notice holds, in one conditional statement on the declaration: never more than is free. Only
 * municipalities' places move: a notice to a region is passed on as new notices to its
 * municipalities (parentId), so the region's own answer moves no places.
 */
async function moveCapacity(trx: Tx, actor: Actor | null, n: repo.NoticeRow, dReserved: number, dOccupied: number, reason: string) {
  if (n.target_kind !== 'municipality' || (dReserved === 0 && dOccupied === 0)) return;
  const before = await repo.findDeclaration(trx, n.target_organisation_id, n.resource_code);
  let row = await repo.adjustDeclaration(trx, n.target_organisation_id, n.resource_code, dReserved, dOccupied, actor?.id ?? null);
  if (!row && before && dReserved < 0 && dOccupied <= 0) {
    // A release always succeeds: a reservation made before notices held their places may have been
    // edited below it since; release what is there.
    row = await repo.adjustDeclaration(trx, n.target_organisation_id, n.resource_code, Math.max(dReserved, -before.reserved), Math.max(dOccupied, -before.occupied), actor?.id ?? null);
  }
  if (!row) {
    const free = before ? before.total - before.occupied - before.reserved : 0;
    throw insufficientCapacity(free, dReserved + dOccupied, n.resource_code, { id: n.target_organisation_id, name: n.target_name });
  }
  await repo.addToHeld(trx, n.id, dReserved, dOccupied);
  const unit = await resourceUnit(trx, n.resource_code, 'body');
  await afterChange(trx, actor, row, before!, reason, unit, n.target_name);
}

export async function acceptNotice(db: Db, actor: Actor, id: string, persons: number, version?: number, householdRefs?: string[]) {
  return transition(db, actor, id, 'accept', version, async (trx, n) => {
    if (persons > n.persons) throw invalid('body.persons', 'validation.accept_more_than_requested', { persons: n.persons });
    const households = await repo.noticeHouseholds(trx, n.id);
    if (householdRefs && !households.length) throw invalid('body.households', 'validation.notice_has_no_households');
    if (households.length) {
      // Families stay whole: a partial acceptance names the households it takes.
      const byRef = new Map(households.map((h) => [h.reference, h]));
      let accepted: string[];
      if (householdRefs) {
        const unknown = householdRefs.filter((r) => !byRef.has(r));
        if (unknown.length) throw invalid('body.households', 'validation.notice_household_unknown', { references: unknown.slice(0, 5).join(', ') });
        accepted = [...new Set(householdRefs)];
        const sum = accepted.reduce((s, r) => s + byRef.get(r)!.ages.length, 0);
        if (sum !== persons) throw invalid('body.persons', 'validation.accept_households_persons', { persons: sum });
      } else if (persons === n.persons) accepted = households.map((h) => h.reference);
      else throw invalid('body.households', 'validation.accept_name_households');
      await repo.setHouseholdsAccepted(trx, n.id, accepted.length === households.length ? 'all' : accepted);
    }
    // A notice from a placement approval already holds its persons' places: accepting sets the
    // reservation to the persons accepted (releasing the rest); it never reserves twice.
    await moveCapacity(trx, actor, n, persons - n.held_reserved, 0, `reserved for ${n.reference}`);
    await repo.updateNotice(trx, id, { state: persons === n.persons ? 'accepted' : 'partially_accepted', accepted_persons: persons });
  });
}

export async function declineNotice(db: Db, actor: Actor, id: string, reason: string, version?: number) {
  return transition(db, actor, id, 'decline', version, async (trx, n) => {
    if (n.held_reserved) await moveCapacity(trx, actor, n, -n.held_reserved, 0, `released: ${n.reference} declined`);
    await repo.setHouseholdsAccepted(trx, n.id, 'none');
    await repo.updateNotice(trx, id, { state: 'declined', reason: reason.trim() });
  });
}

export async function withdrawNotice(db: Db, actor: Actor, id: string, reason: string | undefined, version?: number) {
  return transition(db, actor, id, 'withdraw', version, async (trx, n) => {
    if (n.held_reserved) await moveCapacity(trx, actor, n, -n.held_reserved, 0, `released by withdrawal of ${n.reference}`);
    await repo.setHouseholdsAccepted(trx, n.id, 'none');
    await repo.updateNotice(trx, id, { state: 'withdrawn', reason: reason?.trim() || null });
  });
}

/**
 * The persons arrived: the reservation becomes occupied places, and the accepted households'
 * people appear in the municipality's People list (pathways), linked to the notice.
 */
export async function arrivedNotice(db: Db, actor: Actor, id: string, version?: number) {
  return transition(db, actor, id, 'arrived', version, async (trx, n) => {
    const k = n.held_reserved;
    if (k > 0) await moveCapacity(trx, actor, n, -k, k, `arrival of ${n.reference}`);
    await repo.updateNotice(trx, id, { state: 'arrived' });
    if (n.target_kind !== 'municipality') return;
    const households = (await repo.noticeHouseholds(trx, n.id)).filter((h) => h.accepted !== false);
    if (!households.length) return;
    await pathways.receiveArrivals(trx, actor, {
      organisationId: n.target_organisation_id, notice: { id: n.id, reference: n.reference, procedure: n.procedure as ArrivalNotice['procedure'] },
      arrivedOn: new Date().toISOString().slice(0, 10),
      households: households.map((h) => ({ reference: h.reference, ages: h.ages, sexes: h.sexes as NoticeHousehold['sexes'], languages: h.languages, unaccompaniedMinor: h.unaccompanied_minor })),
    });
  });
}

/** Persons who arrived with the notice have left (moved on, found their own home): their places are free again. */
export async function departNotice(db: Db, actor: Actor, id: string, persons: number, reason: string | undefined, version?: number) {
  return transition(db, actor, id, 'depart', version, async (trx, n) => {
    if (persons > n.held_occupied) throw invalid('body.persons', 'validation.depart_more_than_held', { persons: n.held_occupied });
    await moveCapacity(trx, actor, n, 0, -persons, `${persons} left (${n.reference})${reason?.trim() ? ': ' + reason.trim() : ''}`);
  });
}

export async function amendNotice(db: Db, actor: Actor, id: string, input: AmendNotice) {
  return transition(db, actor, id, 'amend', input.version, async (trx, n) => {
    const households = input.households ?? n.households, persons = input.persons ?? n.persons;
    if (households > persons) throw invalid('body.households', 'validation.households_exceed_persons');
    if ((households !== n.households || persons !== n.persons) && (await repo.noticeHouseholds(trx, n.id)).length) {
      throw invalid(input.persons !== undefined ? 'body.persons' : 'body.households', 'validation.notice_has_households');
    }
    if (input.deadlineAt && new Date(input.deadlineAt).getTime() <= Date.now()) throw invalid('body.deadlineAt', 'validation.date_past');
    // A notice that holds places keeps holding exactly its persons' places.
    if (n.held_reserved > 0 && persons !== n.held_reserved) await moveCapacity(trx, actor, n, persons - n.held_reserved, 0, `amendment of ${n.reference}`);
    await repo.updateNotice(trx, id, {
      households, persons,
      ...(input.expectedAt ? { expected_at: new Date(input.expectedAt) } : {}),
      ...(input.deadlineAt ? { deadline_at: new Date(input.deadlineAt), escalated_at: null } : {}),
      ...(input.needs ? { needs: JSON.stringify(input.needs) } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    });
  });
}

/** Stamps overdue notices as escalated (once, whichever instance gets there first) and announces it. */
export async function escalateOverdue(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const rows = await repo.markEscalated(trx);
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

/**
 * Expiry: an announced notice still unanswered at the later of its deadline and its expected
 * arrival expires and frees the places it holds (the persons are expected and no one said yes; the
 * coordinator places them again). Locks with SKIP LOCKED: an answer being given now wins.
 */
export async function expireUnanswered(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const rows = await repo.lockExpired(trx);
    for (const r of rows) {
      const n = (await repo.findNotice(trx, r.id))!;
      if (n.held_reserved > 0) await moveCapacity(trx, null, n, -n.held_reserved, 0, `released: ${n.reference} expired unanswered`);
      await repo.updateNotice(trx, r.id, { state: 'expired' });
      await repo.bumpNoticeVersion(trx, r.id);
      await repo.setHouseholdsAccepted(trx, n.id, 'none');
      await recordVersion(trx, null, r.id, 'expired');
      await audit(trx, null, { action: 'notice.expire', recordType: 'notice', recordId: r.id, detail: { released: n.held_reserved } });
    }
    return rows.length;
  });
}

/** The overdue sweep: escalation at the deadline, expiry after it (every minute on each instance, and on each worklist read). */
export async function sweepNotices(db: Db): Promise<{ escalated: number; expired: number }> {
  const escalated = await escalateOverdue(db);
  const expired = await expireUnanswered(db);
  return { escalated, expired };
}

/** What the caller's organisation must do, and (for coordinators) what is overdue below them. */
export async function worklist(db: Db, actor: Actor) {
  await sweepNotices(db);
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

/** For placement's quotas: persons each municipality received this calendar year (see repository.intakeThisYear). */
export async function intakeThisYear(trx: Tx, organisationIds: string[]): Promise<Map<string, number>> {
  return new Map((await repo.intakeThisYear(trx, organisationIds)).map((r) => [r.organisation_id, Number(r.persons)]));
}

/**
 * For placement: which of these notices will not bring their households — declined, withdrawn or
 * expired (every household), or accepted in part (the households left out), by household reference.
 */
export async function householdsNotComing(trx: Tx, noticeIds: string[]): Promise<Array<{ noticeId: string; reference: string | null }>> {
  const { notices, households } = await repo.noticeOutcomes(trx, noticeIds);
  const closed = notices.filter((n) => ['declined', 'withdrawn', 'expired'].includes(n.state)).map((n) => ({ noticeId: n.id, reference: null }));
  const closedIds = new Set(closed.map((c) => c.noticeId));
  return [...closed, ...households.filter((h) => !closedIds.has(h.notice_id)).map((h) => ({ noticeId: h.notice_id, reference: h.reference }))];
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
