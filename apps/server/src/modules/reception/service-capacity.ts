// Reception: resource types, capacity declarations (versioned, with history), roll-ups up the
// territory tree and the map, exports. The decisions are in service.ts's header.
import type {
  CapacityDeclaration, CapacityImportConfirm, CreateResourceType, OrganisationCapacity,
  Rollup, RollupChild, RollupFigures, ResourceType, UpdateCapacity, MapPoint, CapacityHistoryPoint,
} from '@localpact/contracts';
import { MAX_PLACES } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, reaches, reachesAggregate, reachFilter, type Actor, type Owner } from '../../platform/access.ts';
import { reach } from '../../platform/gate.ts';
import { audit } from '../../platform/audit.ts';
import { publish } from '../../platform/events.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import * as organisations from '../organisations/service.ts';
import * as territories from '../territories/service.ts';
import { levelNames } from '../territories/service.ts';
import * as repo from './repository.ts';
import { parseCsv } from './csv.ts';
import { capacityRecord } from './records.ts';

export type OrgRef = NonNullable<Awaited<ReturnType<typeof organisations.findForReference>>>;
export const ownerOf = (o: { id: string; territoryPath: string }): Owner => ({ organisationId: o.id, territoryPath: o.territoryPath });

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

/** Shared with service-notices.ts (a notice's places move through it). */
export async function afterChange(trx: Tx, actor: Actor | null, row: repo.DeclarationRow, before: { total: number; occupied: number; reserved: number }, reason: string, unit: string, orgName: string) {
  await repo.insertHistory(trx, row, actor?.id ?? null, reason);
  await repo.addToDaily(trx, row.group_path, row.resource_code, row.total - before.total, row.occupied - before.occupied, row.reserved - before.reserved);
  await publish(trx, {
    type: 'capacity.changed', actor, owner: { organisationId: row.organisation_id, territoryPath: row.territory_path }, recordId: `${row.organisation_id}/${row.resource_code}`,
    payload: { organisationId: row.organisation_id, organisationName: orgName, territoryPath: row.territory_path, reason, declaration: toDeclaration(row.organisation_id, row.resource_code, unit, row) },
  });
}

export async function resourceUnit(trx: Tx, resource: string, path = 'params.resource'): Promise<string> {
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
