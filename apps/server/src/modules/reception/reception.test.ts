// Reception through the API: capacity rules (validation, versions, history, CSV), roll-ups through
// the gate, the notice state machine with its capacity effects, concurrency, exports, the
// notification centre and live events (SSE, Last-Event-ID replay). Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { openStream } from '../../../test/sse.ts';
import { escalateOverdue } from './service.ts';
import { parseCsv } from './csv.ts';
import { sseSettings } from '../../platform/events-routes.ts';

let t: TestApp;
const c: Record<string, string> = {};
const org: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    sollentuna: 'officer@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu', national: 'coordinator@migrationsverket.localpact.eu',
    regional: 'coordinator@stockholm-region.localpact.eu', observer: 'observer@ec.localpact.eu', admin: 'admin@localpact.eu', hamburg: 'officer@hamburg.localpact.eu',
    caseworker: 'caseworker@sollentuna.localpact.eu',
  })) c[k] = await t.signIn(email);
  for (const o of await t.database.db.selectFrom('organisations').select(['id', 'territory_code']).where('kind', 'in', ['municipality', 'regional_authority']).execute()) org[o.territory_code] = o.id;
});
afterAll(async () => { await t?.close(); });

const SOLLENTUNA = () => org['SE_0163'];
const SIGTUNA = () => org['SE_0191'];
const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
const capacity = async (orgId: string, resource: string) => (await get(`/api/reception/capacity/${orgId}`, 'national')).json().items.find((i: { resource: string }) => i.resource === resource);

describe('resource types', () => {
  it('are data, with units, and an administrator adds one', async () => {
    const r = await get('/api/reception/resource-types', 'sollentuna');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['emergency_beds', 'uam_places', 'step_free_places', 'psychosocial_slots']));
    expect(r.json().items).toHaveLength(10);
    expect((await send('POST', '/api/reception/resource-types', 'sollentuna', { code: 'dental_slots', unit: 'slots', labels: { en: 'Dental slots' } })).statusCode).toBe(403);
    const created = await send('POST', '/api/reception/resource-types', 'admin', { code: 'dental_slots', unit: 'slots', labels: { en: 'Dental slots', de: 'Zahnarzttermine' } });
    expect(created.statusCode).toBe(201);
    expect((await send('POST', '/api/reception/resource-types', 'admin', { code: 'dental_slots', unit: 'slots', labels: { en: 'x' } })).statusCode).toBe(409);
    expect((await send('POST', '/api/reception/resource-types', 'admin', { code: 'Bad Code', unit: 'slots', labels: { en: 'x' } })).statusCode).toBe(400);
  });
});

describe('capacity declarations', () => {
  it('shows a municipality its own capacity and hides it from another municipality (404)', async () => {
    const own = await get(`/api/reception/capacity/${SOLLENTUNA()}`, 'sollentuna');
    expect(own.statusCode).toBe(200);
    const beds = own.json().items.find((i: { resource: string }) => i.resource === 'emergency_beds');
    expect(beds).toMatchObject({ total: 40, occupied: 22, reserved: 0, free: 18, version: 1 });
    expect((await get(`/api/reception/capacity/${SOLLENTUNA()}`, 'sigtuna')).statusCode).toBe(404);
    expect((await get(`/api/reception/capacity/${SOLLENTUNA()}`, 'regional')).statusCode).toBe(200);
    expect((await get(`/api/reception/capacity/${SOLLENTUNA()}`, 'hamburg')).statusCode).toBe(404);
  });

  it('refuses negative figures and occupied + reserved > total, writing nothing', async () => {
    const url = `/api/reception/capacity/${SOLLENTUNA()}/housing_places`;
    const before = await capacity(SOLLENTUNA(), 'housing_places');
    const neg = await send('PUT', url, 'sollentuna', { total: -1, occupied: 0, reserved: 0, version: before.version });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().errors[0].path).toBe('body.total');
    const over = await send('PUT', url, 'sollentuna', { total: 10, occupied: 8, reserved: 3, version: before.version });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toEqual({ path: 'body.occupied', message: 'occupied and reserved places together must not exceed the total (10)' });
    const fr = await t.request({ method: 'PUT', url, cookie: c.sollentuna, headers: { 'accept-language': 'fr' }, body: { total: 10, occupied: 8, reserved: 3, version: before.version } });
    expect(fr.json().errors[0].message).toContain('ne doivent pas dépasser');
    expect(await capacity(SOLLENTUNA(), 'housing_places')).toEqual(before);
    const history = (await get(`${url.replace('/housing_places', '')}/history?resource=housing_places`, 'sollentuna')).json().items;
    expect(history).toHaveLength(6); // demo history only
    expect((await send('PUT', `/api/reception/capacity/${SOLLENTUNA()}/no_such_thing`, 'sollentuna', { total: 1, occupied: 0, reserved: 0, version: 0 })).statusCode).toBe(400);
    expect((await send('PUT', `/api/reception/capacity/${org['SE110']}/housing_places`, 'regional', { total: 1, occupied: 0, reserved: 0, version: 0 })).statusCode).toBe(400);
  });

  it('versions writes: a stale version answers 409 with the current values', async () => {
    const url = `/api/reception/capacity/${SOLLENTUNA()}/language_course_seats`;
    const v = (await capacity(SOLLENTUNA(), 'language_course_seats')).version;
    const ok = await send('PUT', url, 'sollentuna', { total: 90, occupied: 50, reserved: 0, version: v });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ total: 90, free: 40, version: v + 1 });
    const stale = await send('PUT', url, 'regional', { total: 95, occupied: 50, reserved: 0, version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: v + 1, current: { total: 90, occupied: 50, version: v + 1 } });
    expect((await send('PUT', url, 'sigtuna', { total: 1, occupied: 0, reserved: 0, version: v + 1 })).statusCode).toBe(404);
    expect((await send('PUT', url, 'caseworker', { total: 1, occupied: 0, reserved: 0, version: v + 1 })).statusCode).toBe(404);
  });

  it('two officers saving the same version at once: one wins, the other gets 409 and the winner\'s values', async () => {
    const url = `/api/reception/capacity/${SOLLENTUNA()}/childcare_places`;
    const v = (await capacity(SOLLENTUNA(), 'childcare_places')).version;
    const [a, b] = await Promise.all([
      send('PUT', url, 'sollentuna', { total: 30, occupied: 21, reserved: 0, version: v }),
      send('PUT', url, 'regional', { total: 31, occupied: 21, reserved: 0, version: v }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(loser.json().current).toMatchObject({ total: winner.json().total, version: v + 1 });
    expect((await capacity(SOLLENTUNA(), 'childcare_places')).total).toBe(winner.json().total);
  });

  it('keeps every change as history and answers "as of" a past date', async () => {
    const base = `/api/reception/capacity/${SOLLENTUNA()}`;
    const hist = (await get(`${base}/history?resource=language_course_seats`, 'sollentuna')).json().items;
    expect(hist[0]).toMatchObject({ total: 90, occupied: 50, reason: 'declaration', changedBy: 'Sara Lindqvist' });
    expect(hist.length).toBe(7);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const past = (await get(`${base}?at=${yesterday}`, 'sollentuna')).json();
    expect(past.items.find((i: { resource: string }) => i.resource === 'language_course_seats').total).not.toBe(90);
    const longAgo = (await get(`${base}?at=2020-01-01`, 'sollentuna')).json();
    expect(longAgo.items.every((i: { total: number }) => i.total === 0)).toBe(true);
    expect((await get(`${base}?at=not-a-date`, 'sollentuna')).statusCode).toBe(400);
    expect((await get(`${base}?at=2026-02-31`, 'sollentuna')).statusCode).toBeLessThan(500);
  });

  it('imports CSV in two steps (preview, confirm), all-or-nothing with a row-by-row report, and offers a template', async () => {
    const tpl = await get('/api/reception/capacity/template.csv', 'sollentuna');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('text/csv');
    expect(tpl.body.split('\n')[0]).toBe('resource,total,occupied,reserved');
    const url = `/api/reception/capacity/${SIGTUNA()}/import`;
    const before = (await get(`/api/reception/capacity/${SIGTUNA()}`, 'sigtuna')).json();
    const badCsv = 'resource,total,occupied,reserved\nemergency_beds,30,10,0\nhousing_places,10,11,0\nnope,1,1,1\nuam_places,-3,0,0\nemergency_beds,1,0,0\n';
    const preview = await send('POST', `${url}/preview`, 'sigtuna', { csv: badCsv });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().ok).toBe(false);
    const paths = ['body.csv.line3.occupied', 'body.csv.line4.resource', 'body.csv.line5.total', 'body.csv.line6.resource'];
    expect(preview.json().rows.flatMap((r: { errors: Array<{ path: string }> }) => r.errors.map((e) => e.path))).toEqual(paths);
    const bad = await send('POST', url, 'sigtuna', { csv: badCsv, versions: preview.json().versions });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect((await get(`/api/reception/capacity/${SIGTUNA()}`, 'sigtuna')).json()).toEqual(before);
    const header = await send('POST', `${url}/preview`, 'sigtuna', { csv: 'a,b\n1,2' });
    expect(header.json().errors[0].path).toBe('body.csv.line1');
    const goodCsv = 'resource;total;occupied;reserved\r\nemergency_beds;30;10;0\r\nhousing_places;90;70;0\r\n';
    const seen = (await send('POST', `${url}/preview`, 'sigtuna', { csv: goodCsv })).json();
    const good = await send('POST', url, 'sigtuna', { csv: goodCsv, versions: seen.versions });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ ok: true, written: 2 });
    expect((await get(`/api/reception/capacity/${SIGTUNA()}`, 'sigtuna')).json().items.find((i: { resource: string }) => i.resource === 'emergency_beds')).toMatchObject({ total: 30, occupied: 10 });
    expect((await send('POST', `/api/reception/capacity/${SOLLENTUNA()}/import/preview`, 'sigtuna', { csv: 'resource,total,occupied,reserved\nemergency_beds,1,0,0' })).statusCode).toBe(404);
  });

  it('parses quoted CSV cells', () => {
    expect(parseCsv('a,"b,c","d""e"\n1,2,3')).toEqual([{ line: 1, cells: ['a', 'b,c', 'd"e'] }, { line: 2, cells: ['1', '2', '3'] }]);
  });
});

describe('roll-ups', () => {
  async function sumOfMunicipalities(codes: string[], resource: string) {
    let total = 0, free = 0;
    for (const code of codes) { const x = await capacity(org[code], resource); total += x.total; free += x.free; }
    return { total, free };
  }

  it('aggregates up the tree, consistent at every level, with drill-down', async () => {
    const expected = await sumOfMunicipalities(['SE_0163', 'SE_0191', 'SE_0114'], 'emergency_beds');
    const se = (await get('/api/reception/rollup?territory=SE', 'national')).json();
    expect(se.resources.find((r: { resource: string }) => r.resource === 'emergency_beds')).toMatchObject(expected);
    expect(se.children.map((ch: { code: string }) => ch.code)).toEqual(['SE1']);
    const county = (await get('/api/reception/rollup?territory=SE110', 'regional')).json();
    expect(county.resources.find((r: { resource: string }) => r.resource === 'emergency_beds')).toMatchObject(expected);
    expect(county.children.map((ch: { name: string }) => ch.name).sort()).toEqual(['Sigtuna kommun', 'Sollentuna kommun', 'Upplands Väsby kommun']);
    const eu = (await get('/api/reception/rollup?territory=EU', 'observer')).json();
    expect(eu.children.length).toBeGreaterThanOrEqual(6);
    const beds = eu.resources.find((r: { resource: string }) => r.resource === 'emergency_beds');
    expect(beds.occupancy).toBeCloseTo(((beds.occupied + beds.reserved) / beds.total) * 100, 0);
    // The observer sees the county total, but no single municipality's records.
    const observed = (await get('/api/reception/rollup?territory=SE110', 'observer')).json();
    expect(observed.resources.find((r: { resource: string }) => r.resource === 'emergency_beds')).toMatchObject(expected);
    expect(observed.children).toEqual([]);
  });

  it('answers at a past date from the history, and refuses territories out of reach (404)', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const codes = ['SE_0163', 'SE_0191', 'SE_0114'];
    let expected = 0;
    for (const code of codes) expected += (await get(`/api/reception/capacity/${org[code]}?at=${yesterday}`, 'national')).json().items.find((i: { resource: string }) => i.resource === 'housing_places').total;
    for (const level of ['SE', 'SE1', 'SE11', 'SE110']) {
      const r = (await get(`/api/reception/rollup?territory=${level}&at=${yesterday}`, 'national')).json();
      expect(r.resources.find((x: { resource: string }) => x.resource === 'housing_places').total, level).toBe(expected);
    }
    expect((await get('/api/reception/rollup?territory=SE', 'sigtuna')).statusCode).toBe(404);
    expect((await get('/api/reception/rollup?territory=DE', 'national')).statusCode).toBe(404);
    expect((await get('/api/reception/rollup?territory=NOPE', 'national')).statusCode).toBe(404);
    expect((await get('/api/reception/rollup?territory=SE&at=2999-01-01', 'national')).statusCode).toBe(400);
    expect((await get('/api/reception/rollup?territory=SE', 'admin')).statusCode).toBe(404);
  });

  it('gives map points through the gate', async () => {
    const national = (await get('/api/reception/map?territory=SE', 'national')).json().items;
    expect(national.map((p: { name: string }) => p.name).sort()).toEqual(['Sigtuna kommun', 'Sollentuna kommun', 'Upplands Väsby kommun']);
    expect(national[0].lon).toBeTypeOf('number');
    const observer = (await get('/api/reception/map?territory=SE', 'observer')).json().items;
    expect(observer.every((p: { organisationId: string | null }) => p.organisationId === null)).toBe(true);
    expect((await get('/api/reception/map?territory=SE', 'sollentuna')).statusCode).toBe(404);
  });
});

describe('arrival notices', () => {
  const announce = (who: string, body: Record<string, unknown>) => send('POST', '/api/reception/notices', who, {
    procedure: 'relocation', expectedAt: new Date(Date.now() + 72 * 3_600_000).toISOString(), deadlineHours: 48, households: 3, persons: 12, ...body,
  });

  it('runs the state machine: announce, accept in part, re-announce the rest, arrive', async () => {
    const bedsBefore = await capacity(SOLLENTUNA(), 'emergency_beds');
    const created = await announce('national', { targetOrganisationId: SOLLENTUNA(), needs: { children0to5: 2, languages: ['uk', 'ar'] } });
    expect(created.statusCode).toBe(201);
    const n = created.json();
    expect(n).toMatchObject({ state: 'announced', persons: 12, nextActor: 'target', actions: ['amend', 'withdraw'] });
    expect(new Date(n.deadlineAt).getTime() - Date.now()).toBeGreaterThan(47.9 * 3_600_000);
    expect((await get(`/api/reception/notices/${n.id}`, 'sigtuna')).statusCode).toBe(404);
    expect((await get(`/api/reception/notices/${n.id}`, 'regional')).statusCode).toBe(200);
    const seen = (await get(`/api/reception/notices/${n.id}`, 'sollentuna')).json();
    expect(seen.actions).toEqual(['accept', 'decline']);
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 13 })).statusCode).toBe(400);
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'national', { persons: 8 })).statusCode).toBe(403);
    const accepted = await send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 8 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'partially_accepted', acceptedPersons: 8, version: 2 });
    expect(await capacity(SOLLENTUNA(), 'emergency_beds')).toMatchObject({ reserved: bedsBefore.reserved + 8, free: bedsBefore.free - 8 });
    // Illegal: answering twice, declining an accepted notice — 409, nothing changes.
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 4 })).statusCode).toBe(409);
    const again = await send('POST', `/api/reception/notices/${n.id}/decline`, 'sollentuna', { reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('Not possible in this state');
    expect((await get(`/api/reception/notices/${n.id}`, 'sollentuna')).json().version).toBe(2);
    // The remainder goes to Sigtuna, linked to the original.
    const rest = await announce('national', { targetOrganisationId: SIGTUNA(), persons: 4, households: 1, parentId: n.id });
    expect(rest.statusCode).toBe(201);
    expect(rest.json().parentId).toBe(n.id);
    // Arrival turns the reservation into occupied places.
    const arrived = await send('POST', `/api/reception/notices/${n.id}/arrived`, 'sollentuna', {});
    expect(arrived.json().state).toBe('arrived');
    expect(await capacity(SOLLENTUNA(), 'emergency_beds')).toMatchObject({ reserved: bedsBefore.reserved, occupied: bedsBefore.occupied + 8 });
    expect((await send('POST', `/api/reception/notices/${n.id}/withdraw`, 'national', {})).statusCode).toBe(409);
    const full = (await get(`/api/reception/notices/${n.id}`, 'national')).json();
    expect(full.versions.map((v: { action: string }) => v.action)).toEqual(['announced', 'partially_accepted', 'arrived']);
    expect(full.nextActor).toBe('none');
  });

  it('amends (keeping earlier versions), withdraws (releasing reservations), declines with a reason', async () => {
    const n = (await announce('regional', { targetOrganisationId: SIGTUNA(), persons: 6, households: 2 })).json();
    const amended = await send('POST', `/api/reception/notices/${n.id}/amend`, 'regional', { version: 1, persons: 5 });
    expect(amended.json()).toMatchObject({ persons: 5, version: 2, state: 'announced' });
    expect((await send('POST', `/api/reception/notices/${n.id}/amend`, 'regional', { version: 1, persons: 4 })).statusCode).toBe(409);
    const detail = (await get(`/api/reception/notices/${n.id}`, 'regional')).json();
    expect(detail.versions.map((v: { snapshot: { persons: number } }) => v.snapshot.persons)).toEqual([6, 5]);
    const beds = await capacity(SIGTUNA(), 'emergency_beds');
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'sigtuna', { persons: 5 })).json().state).toBe('accepted');
    expect((await capacity(SIGTUNA(), 'emergency_beds')).reserved).toBe(beds.reserved + 5);
    expect((await send('POST', `/api/reception/notices/${n.id}/withdraw`, 'regional', { reason: 'moved elsewhere' })).json().state).toBe('withdrawn');
    expect((await capacity(SIGTUNA(), 'emergency_beds')).reserved).toBe(beds.reserved);
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'sigtuna', { persons: 1 })).statusCode).toBe(409);
    const d = (await announce('national', { targetOrganisationId: SIGTUNA(), persons: 2, households: 1 })).json();
    expect((await send('POST', `/api/reception/notices/${d.id}/decline`, 'sigtuna', {})).statusCode).toBe(400);
    expect((await send('POST', `/api/reception/notices/${d.id}/decline`, 'sigtuna', { reason: 'no school places' })).json()).toMatchObject({ state: 'declined', reason: 'no school places' });
  });

  it('lets a region pass a notice on to its municipalities (capacity moves only there)', async () => {
    const toRegion = (await announce('national', { targetOrganisationId: org['SE110'], persons: 6, households: 2 })).json();
    expect(toRegion.actions).toEqual(['amend', 'withdraw']);
    const seen = (await get(`/api/reception/notices/${toRegion.id}`, 'regional')).json();
    expect(seen.actions).toEqual(['accept', 'decline']);
    const passed = await announce('regional', { targetOrganisationId: SIGTUNA(), persons: 6, households: 2, parentId: toRegion.id });
    expect(passed.statusCode).toBe(201);
    const before = await capacity(SIGTUNA(), 'emergency_beds');
    expect((await send('POST', `/api/reception/notices/${toRegion.id}/accept`, 'regional', { persons: 6 })).json().state).toBe('accepted');
    expect(await capacity(SIGTUNA(), 'emergency_beds')).toEqual(before);
    expect((await send('POST', `/api/reception/notices/${passed.json().id}/accept`, 'sigtuna', { persons: 6 })).json().state).toBe('accepted');
    expect((await capacity(SIGTUNA(), 'emergency_beds')).reserved).toBe(before.reserved + 6);
  });

  it('refuses bad announcements', async () => {
    expect((await announce('sollentuna', { targetOrganisationId: SIGTUNA() })).statusCode).toBe(403);
    expect((await announce('national', { targetOrganisationId: org['DE_02000000'] })).statusCode).toBe(400);
    expect((await announce('national', { targetOrganisationId: SOLLENTUNA(), households: 20 })).statusCode).toBe(400);
    expect((await announce('national', { targetOrganisationId: SOLLENTUNA(), deadlineHours: undefined, deadlineAt: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await announce('national', { targetOrganisationId: SOLLENTUNA(), resource: 'nope_nope' })).statusCode).toBe(400);
  });

  it('refuses to reserve more than is free, and changes nothing', async () => {
    const beds = await capacity(SOLLENTUNA(), 'emergency_beds');
    const n = (await announce('national', { targetOrganisationId: SOLLENTUNA(), persons: beds.free + 1, households: 1 })).json();
    const r = await send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: beds.free + 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ free: beds.free, needed: beds.free + 1 });
    expect((await get(`/api/reception/notices/${n.id}`, 'sollentuna')).json().state).toBe('announced');
    expect(await capacity(SOLLENTUNA(), 'emergency_beds')).toEqual(beds);
  });

  it('many parallel accepts of one notice reserve exactly once', async () => {
    const beds = await capacity(SOLLENTUNA(), 'emergency_beds');
    const n = (await announce('national', { targetOrganisationId: SOLLENTUNA(), persons: 3, households: 1 })).json();
    const results = await Promise.all(Array.from({ length: 12 }, () => send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 3 })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(11);
    expect((await capacity(SOLLENTUNA(), 'emergency_beds')).reserved).toBe(beds.reserved + 3);
  });

  it('parallel accepts of many notices never reserve more than is free', async () => {
    const beds = await capacity(SOLLENTUNA(), 'step_free_places');
    const notices = [];
    for (let i = 0; i < 6; i++) notices.push((await announce('national', { targetOrganisationId: SOLLENTUNA(), persons: 2, households: 1, resource: 'step_free_places' })).json());
    const results = await Promise.all(notices.map((n) => send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 2 })));
    const ok = results.filter((r) => r.statusCode === 200).length;
    expect(ok).toBe(Math.floor(beds.free / 2));
    const after = await capacity(SOLLENTUNA(), 'step_free_places');
    expect(after.reserved).toBe(beds.reserved + 2 * ok);
    expect(after.free).toBeGreaterThanOrEqual(0);
  });

  it('escalates overdue notices to the region\'s and the state\'s worklists', async () => {
    const n = (await announce('national', { targetOrganisationId: SIGTUNA(), persons: 2, households: 1 })).json();
    await sql`update arrival_notices set deadline_at = now() - interval '1 minute' where id = ${n.id}`.execute(t.database.db);
    expect(await escalateOverdue(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdue(t.database.db)).toBe(0);
    for (const who of ['regional', 'national']) {
      const w = (await get('/api/reception/worklist', who)).json();
      expect(w.overdue.map((x: { id: string }) => x.id)).toContain(n.id);
    }
    const sig = (await get('/api/reception/worklist', 'sigtuna')).json();
    expect(sig.awaiting.find((x: { id: string }) => x.id === n.id)).toMatchObject({ overdue: true });
    expect((await get('/api/reception/worklist', 'sollentuna')).json().overdue.map((x: { id: string }) => x.id)).not.toContain(n.id);
  });

  it('exports notices and capacity as CSV and JSON through the gate, audited', async () => {
    const json = (await get('/api/reception/notices/export', 'sigtuna')).json();
    expect(json.items.length).toBeGreaterThan(0);
    expect(json.items.every((n: { target: { id: string }; issuer: { id: string } }) => n.target.id === SIGTUNA())).toBe(true);
    const csv = await get('/api/reception/notices/export?format=csv', 'national');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('reference,state');
    const cap = await get('/api/reception/capacity/export?format=csv', 'regional');
    expect(cap.body.split('\r\n').filter(Boolean).length).toBe(1 + 3 * 10); // header + 10 declared resources of each of the 3 municipalities
    const capOwn = (await get('/api/reception/capacity/export', 'sollentuna')).json();
    expect(new Set(capOwn.items.map((i: { organisationId: string }) => i.organisationId))).toEqual(new Set([SOLLENTUNA()]));
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['notice.export', 'capacity.export']).execute();
    expect(audits.length).toBeGreaterThanOrEqual(4);
  });
});

describe('notifications and live events', () => {
  it('lists unread events in reach (not one\'s own), and marks them read', async () => {
    const list = (await get('/api/notifications', 'sollentuna')).json();
    expect(list.unread).toBeGreaterThan(0);
    expect(list.items.some((i: { type: string }) => i.type === 'notice.announced')).toBe(true);
    const hamburg = (await get('/api/notifications', 'hamburg')).json();
    expect(hamburg.items.some((i: { type: string }) => i.type.startsWith('notice.'))).toBe(false);
    const first = list.items[0];
    expect((await send('POST', '/api/notifications/read', 'sollentuna', { ids: [first.id] })).statusCode).toBe(204);
    expect((await get('/api/notifications', 'sollentuna')).json().unread).toBe(list.unread - 1);
    await send('POST', '/api/notifications/read', 'sollentuna', { all: true });
    expect((await get('/api/notifications?unreadOnly=true', 'sollentuna')).json()).toEqual({ items: [], unread: 0 });
  });

  it('streams events in reach over SSE, and replays from Last-Event-ID', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const sollentuna = await openStream(address, c.sollentuna);
    const sigtuna = await openStream(address, c.sigtuna);
    const observer = await openStream(address, c.observer);
    expect(sollentuna.status).toBe(200);
    expect(sollentuna.contentType).toContain('text/event-stream');
    const announced = (await send('POST', '/api/reception/notices', 'national', { targetOrganisationId: SOLLENTUNA(), procedure: 'asylum', expectedAt: new Date(Date.now() + 86_400_000).toISOString(), deadlineHours: 24, households: 1, persons: 1 })).json();
    const e = await sollentuna.waitFor((x) => x.type === 'notice.announced' && x.data.recordId === announced.id);
    expect(e.data.payload.reference).toBe(announced.reference);
    const v = (await capacity(SOLLENTUNA(), 'health_slots')).version;
    await send('PUT', `/api/reception/capacity/${SOLLENTUNA()}/health_slots`, 'sollentuna', { total: 55, occupied: 18, reserved: 0, version: v });
    await observer.waitFor((x) => x.type === 'capacity.changed');
    await sollentuna.waitFor((x) => x.type === 'capacity.changed');
    await new Promise((r) => setTimeout(r, 200));
    expect(sigtuna.events.filter((x) => x.data.recordId === announced.id || x.type === 'capacity.changed')).toEqual([]);
    expect(observer.events.some((x) => x.type.startsWith('notice.'))).toBe(false);
    sollentuna.close();
    // A write while disconnected, then a reconnect with Last-Event-ID: nothing is lost.
    await send('POST', `/api/reception/notices/${announced.id}/decline`, 'sollentuna', { reason: 'full' });
    const resumed = await openStream(address, c.national, { lastEventId: e.id });
    const replayed = await resumed.waitFor((x) => x.type === 'notice.declined' && x.data.recordId === announced.id);
    expect(replayed.id).toBeGreaterThan(e.id);
    expect(resumed.events.some((x) => x.type === 'capacity.changed')).toBe(true);
    // Bad Last-Event-ID is ignored, not an error; no session is 401.
    const bad = await fetch(`${address}/api/events/stream`, { headers: { cookie: c.sigtuna, 'last-event-id': 'x' } });
    expect(bad.status).toBe(200);
    await bad.body?.cancel();
    expect((await fetch(`${address}/api/events/stream`)).status).toBe(401);
    for (const s of [sigtuna, observer, resumed]) s.close();
  });

  it('sends heartbeats, and ends the stream once the session has ended', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`);
    sseSettings.heartbeatMs = 100;
    try {
      const session = await t.signIn('officer@upplands-vasby.localpact.eu');
      const res = await fetch(`${address}/api/events/stream`, { headers: { cookie: session } });
      const reader = res.body!.getReader();
      let text = '';
      const readUntil = async (pred: () => boolean) => { while (!pred()) { const { done, value } = await reader.read(); if (done) return true; text += new TextDecoder().decode(value); } return false; };
      await readUntil(() => text.includes(': heartbeat'));
      await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie: session });
      expect(await readUntil(() => false)).toBe(true); // the server closed the stream
    } finally { sseSettings.heartbeatMs = 15_000; }
  });

  it('announces nothing when the command rolls back', async () => {
    const before = await t.database.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await send('PUT', `/api/reception/capacity/${SOLLENTUNA()}/health_slots`, 'sollentuna', { total: 1, occupied: 5, reserved: 0, version: 99 });
    const after = await t.database.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
