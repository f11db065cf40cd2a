// Issue 11, "a capacity CSV upload changes only what the file says": the template carries the
// organisation's figures, a resource absent from the file is left alone, the upload is a preview
// (before → after, unchanged rows marked, errors per row) and a confirmation that applies exactly
// what was previewed (409 when a declaration changed since), nothing goes below what arrival
// notices hold, and the CSV and the PUT accept the same ranges. Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PLACES } from '@localpact/contracts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { parseCsv } from './csv.ts';

let t: TestApp;
const c: Record<string, string> = {};
let SOLLENTUNA = '', SIGTUNA = '';

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    sollentuna: 'officer@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu', national: 'coordinator@migrationsverket.localpact.eu', regional: 'coordinator@stockholm-region.localpact.eu',
  })) c[k] = await t.signIn(email);
  const orgs = await t.database.db.selectFrom('organisations').select(['id', 'territory_code']).where('territory_code', 'in', ['SE_0163', 'SE_0191']).execute();
  SOLLENTUNA = orgs.find((o) => o.territory_code === 'SE_0163')!.id;
  SIGTUNA = orgs.find((o) => o.territory_code === 'SE_0191')!.id;
});
afterAll(async () => { await t?.close(); });

type Item = { resource: string; total: number; occupied: number; reserved: number; version: number; free: number };
const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
const capacity = async (org: string): Promise<Item[]> => (await get(`/api/reception/capacity/${org}`, 'national')).json().items;
const historyCount = async (org: string) => Number((await t.database.db.selectFrom('capacity_history').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow()).n);
const preview = (org: string, csv: string, who = 'sollentuna') => send('POST', `/api/reception/capacity/${org}/import/preview`, who, { csv });
const confirm = (org: string, csv: string, versions: Record<string, number>, who = 'sollentuna') => send('POST', `/api/reception/capacity/${org}/import`, who, { csv, versions });
const announce = (body: Record<string, unknown>) => send('POST', '/api/reception/notices', 'national', {
  procedure: 'relocation', expectedAt: new Date(Date.now() + 72 * 3_600_000).toISOString(), deadlineHours: 48, households: 1, ...body,
});

describe('the capacity template', () => {
  it('carries the organisation\'s current figures, one row per resource type', async () => {
    const tpl = await get('/api/reception/capacity/template.csv', 'sollentuna');
    expect(tpl.statusCode).toBe(200);
    const rows = parseCsv(tpl.body).filter((r) => r.cells.some((x) => x.trim()));
    expect(rows[0].cells).toEqual(['resource', 'total', 'occupied', 'reserved']);
    const items = await capacity(SOLLENTUNA);
    expect(rows.slice(1).map((r) => r.cells)).toEqual(items.map((i) => [i.resource, String(i.total), String(i.occupied), String(i.reserved)]));
    // The demo figures are not zeros: the old template's zeros would have wiped them.
    expect(items.find((i) => i.resource === 'housing_places')!.occupied).toBeGreaterThan(0);
  });

  it('is one per organisation: a coordinator names the municipality, others are out of reach', async () => {
    const forRegion = await get(`/api/reception/capacity/template.csv?organisation=${SIGTUNA}`, 'regional');
    expect(forRegion.statusCode).toBe(200);
    const sig = await capacity(SIGTUNA);
    expect(forRegion.body).toContain(`emergency_beds,${sig.find((i) => i.resource === 'emergency_beds')!.total},`);
    expect((await get(`/api/reception/capacity/template.csv?organisation=${SOLLENTUNA}`, 'sigtuna')).statusCode).toBe(404);
    const own = await get('/api/reception/capacity/template.csv', 'national');
    expect(own.statusCode).toBe(400);
    expect(own.json().errors[0].path).toBe('querystring.organisation');
  });
});

describe('uploading the template with one row changed', () => {
  it('previews every row (one changed, nine unchanged) and the confirmation changes only that one', async () => {
    const tpl = (await get('/api/reception/capacity/template.csv', 'sollentuna')).body;
    const before = await capacity(SOLLENTUNA);
    const seats = before.find((i) => i.resource === 'language_course_seats')!;
    const csv = tpl.replace(`language_course_seats,${seats.total},${seats.occupied},${seats.reserved}`, `language_course_seats,${seats.total + 15},${seats.occupied},${seats.reserved}`);
    expect(csv).not.toBe(tpl);
    const historyBefore = await historyCount(SOLLENTUNA);

    const p = await preview(SOLLENTUNA, csv);
    expect(p.statusCode, p.body).toBe(200);
    const plan = p.json();
    expect(plan).toMatchObject({ ok: true, changes: 1, untouched: [], errors: [] });
    expect(plan.rows).toHaveLength(10);
    const changed = plan.rows.filter((r: { status: string }) => r.status === 'changed');
    expect(changed).toEqual([{ line: expect.any(Number), resource: 'language_course_seats', status: 'changed', errors: [],
      before: { total: seats.total, occupied: seats.occupied, reserved: seats.reserved, version: seats.version },
      after: { total: seats.total + 15, occupied: seats.occupied, reserved: seats.reserved } }]);
    expect(plan.rows.filter((r: { status: string }) => r.status === 'unchanged')).toHaveLength(9);
    // The preview wrote nothing.
    expect(await capacity(SOLLENTUNA)).toEqual(before);

    const ok = await confirm(SOLLENTUNA, csv, plan.versions);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, written: 1, unchanged: 9 });
    const after = await capacity(SOLLENTUNA);
    for (const i of after) {
      if (i.resource === 'language_course_seats') expect(i).toMatchObject({ total: seats.total + 15, occupied: seats.occupied, version: seats.version + 1 });
      else expect(i).toEqual(before.find((b) => b.resource === i.resource));
    }
    expect(await historyCount(SOLLENTUNA)).toBe(historyBefore + 1);
    const audited = await t.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'capacity.import').where('record_id', '=', SOLLENTUNA).executeTakeFirstOrThrow();
    expect(audited.detail).toMatchObject({ changed: 1, resources: ['language_course_seats'] });
  });

  it('leaves a resource absent from the file alone (occupied places included)', async () => {
    const before = await capacity(SOLLENTUNA);
    const beds = before.find((i) => i.resource === 'emergency_beds')!;
    const csv = `resource,total,occupied,reserved\nemergency_beds,${beds.total + 2},${beds.occupied},${beds.reserved}\n`;
    const plan = (await preview(SOLLENTUNA, csv)).json();
    expect(plan.rows).toHaveLength(1);
    expect(plan.untouched).toHaveLength(9);
    expect(plan.untouched).toContain('housing_places');
    expect((await confirm(SOLLENTUNA, csv, plan.versions)).json()).toMatchObject({ written: 1 });
    const after = await capacity(SOLLENTUNA);
    for (const i of after.filter((x) => x.resource !== 'emergency_beds')) expect(i).toEqual(before.find((b) => b.resource === i.resource));
    expect(after.find((i) => i.resource === 'housing_places')!.occupied).toBe(before.find((i) => i.resource === 'housing_places')!.occupied);
  });

  it('answers 409 with what changed when a declaration changed after the preview, and writes nothing', async () => {
    const before = await capacity(SOLLENTUNA);
    const [a, b] = ['health_slots', 'psychosocial_slots'].map((r) => before.find((i) => i.resource === r)!);
    const csv = `resource,total,occupied,reserved\nhealth_slots,${a.total + 1},${a.occupied},${a.reserved}\npsychosocial_slots,${b.total + 1},${b.occupied},${b.reserved}\n`;
    const plan = (await preview(SOLLENTUNA, csv)).json();
    // Meanwhile the region corrects one of them.
    const put = await send('PUT', `/api/reception/capacity/${SOLLENTUNA}/psychosocial_slots`, 'regional', { total: b.total + 5, occupied: b.occupied, reserved: b.reserved, version: b.version });
    expect(put.statusCode).toBe(200);
    const stale = await confirm(SOLLENTUNA, csv, plan.versions);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().changed).toEqual([{ resource: 'psychosocial_slots', seenVersion: b.version, current: expect.objectContaining({ total: b.total + 5, version: b.version + 1 }) }]);
    expect(stale.json().detail).toContain('psychosocial_slots');
    const after = await capacity(SOLLENTUNA);
    expect(after.find((i) => i.resource === 'health_slots')).toEqual(a);
    // Previewing again shows the new figure as "before", and then it applies.
    const again = (await preview(SOLLENTUNA, csv)).json();
    expect(again.rows.find((r: { resource: string }) => r.resource === 'psychosocial_slots').before.total).toBe(b.total + 5);
    expect((await confirm(SOLLENTUNA, csv, again.versions)).statusCode).toBe(200);
    const missing = await confirm(SOLLENTUNA, csv, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.versions.health_slots', 'body.versions.psychosocial_slots']);
  });
});

describe('parallel confirmations of one preview', () => {
  it('apply once: one answers 200, the others 409, and the change is written once', async () => {
    const before = await capacity(SOLLENTUNA);
    const cc = before.find((i) => i.resource === 'secondary_school_places')!;
    const csv = `resource,total,occupied,reserved\nsecondary_school_places,${cc.total + 3},${cc.occupied},${cc.reserved}\n`;
    const plan = (await preview(SOLLENTUNA, csv)).json();
    const historyBefore = await historyCount(SOLLENTUNA);
    const results = await Promise.all(Array.from({ length: 6 }, () => confirm(SOLLENTUNA, csv, plan.versions)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().changed[0]).toMatchObject({ resource: 'secondary_school_places', seenVersion: cc.version });
    expect((await capacity(SOLLENTUNA)).find((i) => i.resource === 'secondary_school_places')).toMatchObject({ total: cc.total + 3, version: cc.version + 1 });
    expect(await historyCount(SOLLENTUNA)).toBe(historyBefore + 1);
  });
});

describe('what arrival notices hold', () => {
  it('refuses a row (and a PUT) that would take reserved or occupied places below what notices hold, with the row and the reason', async () => {
    const beds = (await capacity(SIGTUNA)).find((i) => i.resource === 'step_free_places')!;
    if (beds.free < 5) {
      await send('PUT', `/api/reception/capacity/${SIGTUNA}/step_free_places`, 'sigtuna', { total: beds.occupied + beds.reserved + 10, occupied: beds.occupied, reserved: beds.reserved, version: beds.version });
    }
    const held = (await announce({ targetOrganisationId: SIGTUNA, persons: 3, resource: 'step_free_places' })).json();
    expect((await send('POST', `/api/reception/notices/${held.id}/accept`, 'sigtuna', { persons: 3 })).json().held).toEqual({ reserved: 3, occupied: 0 });
    const arrived = (await announce({ targetOrganisationId: SIGTUNA, persons: 2, resource: 'step_free_places' })).json();
    await send('POST', `/api/reception/notices/${arrived.id}/accept`, 'sigtuna', { persons: 2 });
    expect((await send('POST', `/api/reception/notices/${arrived.id}/arrived`, 'sigtuna', {})).json()).toMatchObject({ state: 'arrived', held: { reserved: 0, occupied: 2 }, actions: ['depart'] });
    const now = (await capacity(SIGTUNA)).find((i) => i.resource === 'step_free_places')!;
    expect(now.reserved).toBeGreaterThanOrEqual(3);
    expect(now.occupied).toBeGreaterThanOrEqual(2);

    // The old template of zeros, uploaded again: refused, row by row, nothing written.
    const zeros = 'resource,total,occupied,reserved\nstep_free_places,0,0,0\nemergency_beds,1,0,0\n';
    const plan = (await preview(SIGTUNA, zeros, 'sigtuna')).json();
    expect(plan.ok).toBe(false);
    const row = plan.rows.find((r: { resource: string }) => r.resource === 'step_free_places');
    expect(row.status).toBe('invalid');
    expect(row.errors).toEqual([
      { path: 'body.csv.line2.reserved', message: expect.stringContaining(`3 places that arrival notices hold (${held.reference})`) },
      { path: 'body.csv.line2.occupied', message: expect.stringContaining(`2 places of persons who arrived with notices and have not left (${arrived.reference})`) },
    ]);
    const refused = await confirm(SIGTUNA, zeros, plan.versions, 'sigtuna');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.csv.line2.reserved', 'body.csv.line2.occupied']);
    expect((await capacity(SIGTUNA)).find((i) => i.resource === 'step_free_places')).toEqual(now);

    // The form (PUT) follows the same rule; total below occupied + reserved is refused too.
    const put = await send('PUT', `/api/reception/capacity/${SIGTUNA}/step_free_places`, 'sigtuna', { total: now.total, occupied: now.occupied, reserved: 0, version: now.version });
    expect(put.statusCode).toBe(400);
    expect(put.json().errors[0]).toMatchObject({ path: 'body.reserved' });
    const tooSmall = (await preview(SIGTUNA, `resource,total,occupied,reserved\nstep_free_places,${now.occupied + now.reserved - 1},${now.occupied},${now.reserved}\n`, 'sigtuna')).json();
    expect(tooSmall.rows[0].errors).toEqual([{ path: 'body.csv.line2.occupied', message: expect.stringContaining('must not exceed the total') }]);

    // Persons leave: their places are free again and the officer may count lower.
    expect((await send('POST', `/api/reception/notices/${arrived.id}/depart`, 'sigtuna', { persons: 3 })).statusCode).toBe(400);
    const left = await send('POST', `/api/reception/notices/${arrived.id}/depart`, 'sigtuna', { persons: 2, reason: 'moved to their own flat' });
    expect(left.json()).toMatchObject({ state: 'arrived', held: { reserved: 0, occupied: 0 }, actions: [] });
    expect((await capacity(SIGTUNA)).find((i) => i.resource === 'step_free_places')!.occupied).toBe(now.occupied - 2);
  });
});

describe('one range for the CSV and the PUT', () => {
  it('refuses more than MAX_PLACES in both, and what one accepts the other accepts', async () => {
    expect(MAX_PLACES).toBe(10_000_000);
    const big = 'resource,total,occupied,reserved\nchildcare_places,99999999,0,0\n';
    const plan = (await preview(SOLLENTUNA, big)).json();
    expect(plan.rows[0].errors).toEqual([{ path: 'body.csv.line2.total', message: 'must be at most 10000000' }]);
    const cc = (await capacity(SOLLENTUNA)).find((i) => i.resource === 'childcare_places')!;
    const put = await send('PUT', `/api/reception/capacity/${SOLLENTUNA}/childcare_places`, 'sollentuna', { total: MAX_PLACES + 1, occupied: cc.occupied, reserved: cc.reserved, version: cc.version });
    expect(put.statusCode).toBe(400);
    expect(put.json().errors[0].path).toBe('body.total');
    // At the limit: the CSV writes it, and the next PUT of the same figures passes.
    const atLimit = `resource,total,occupied,reserved\nchildcare_places,${MAX_PLACES},${cc.occupied},${cc.reserved}\n`;
    const ok = (await preview(SOLLENTUNA, atLimit)).json();
    expect(ok.ok).toBe(true);
    expect((await confirm(SOLLENTUNA, atLimit, ok.versions)).statusCode).toBe(200);
    const now = (await capacity(SOLLENTUNA)).find((i) => i.resource === 'childcare_places')!;
    expect(now.total).toBe(MAX_PLACES);
    const again = await send('PUT', `/api/reception/capacity/${SOLLENTUNA}/childcare_places`, 'sollentuna', { total: now.total, occupied: now.occupied, reserved: now.reserved, version: now.version });
    expect(again.statusCode, again.body).toBe(200);
  });
});
