// Issue 11, "an approved placement holds its places": approval reserves the places of each arrival
// notice it sends, at once; accepting does not reserve twice; arrival makes them occupied; decline,
// withdrawal and expiry free them (and the households go back to the pending list); every later
// solve, the roll-ups (capacity_daily) and the history see them; an approval that would over-reserve
// answers 409 naming the municipality and the resource and writes nothing. Parallel approvals and
// accepts never over-reserve (real parallel requests; on PostgreSQL they truly run at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { sweepNotices } from '../reception/service.ts';

let t: TestApp;
const c: Record<string, string> = {};
const org: Record<string, string> = {};
type Item = { resource: string; total: number; occupied: number; reserved: number; version: number; free: number };

const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
const housing = async (o: string): Promise<Item> => (await get(`/api/reception/capacity/${o}`, 'national')).json().items.find((i: Item) => i.resource === 'housing_places');
/** Leaves exactly `free` housing places free (occupied and reserved as they are). */
async function setFree(o: string, free: number) {
  const h = await housing(o);
  const r = await send('PUT', `/api/reception/capacity/${o}/housing_places`, 'national', { total: h.occupied + h.reserved + free, occupied: h.occupied, reserved: h.reserved, version: h.version });
  expect(r.statusCode, r.body).toBe(200);
}
let seq = 0;
async function household(ages: number[], extra: Record<string, unknown> = {}) {
  const r = await send('POST', '/api/placement/households', 'national', { reference: `SE-HOLD-${++seq}`, ages, procedure: 'temporary_protection', languages: ['uk'], ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; reference: string; size: number };
}
async function run(territoryCode: string, householdIds: string[]) {
  const r = await send('POST', '/api/placement/runs', 'national', { territoryCode, distributionKey: 'population', householdIds, timeLimitSeconds: 5 });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
const runNotices = async (runId: string, who = 'national') => (await get('/api/reception/notices?limit=200', who)).json().items.filter((n: { note: string | null }) => (n.note ?? '').includes(runId));
const heldSum = async (o: string) => Number((await sql<{ n: number }>`select coalesce(sum(held_reserved), 0)::int as n from arrival_notices where target_organisation_id = ${o} and resource_code = 'housing_places'`.execute(t.database.db)).rows[0].n);

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    national: 'coordinator@migrationsverket.localpact.eu', sollentuna: 'officer@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu', vasby: 'officer@upplands-vasby.localpact.eu',
  })) c[k] = await t.signIn(email);
  for (const o of await t.database.db.selectFrom('organisations').select(['id', 'territory_code']).where('kind', '=', 'municipality').execute()) org[o.territory_code] = o.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('an approved placement holds its places', () => {
  it('reserves at approval: the municipality shows them reserved at once, in its history, the roll-up and the next solve', async () => {
    const S = org['SE_0163'];
    await setFree(S, 23);
    const hs = [await household([34, 31, 9, 6]), await household([40, 38, 12, 15, 16]), await household([29, 27])];
    const r1 = await run('SE_0163', hs.map((h) => h.id));
    const persons = r1.assignments.filter((a: { municipality: unknown }) => a.municipality).reduce((n: number, a: { household: { size: number } }) => n + a.household.size, 0);
    expect(persons).toBe(11);
    const before = await housing(S);
    const rollBefore = (await get('/api/reception/rollup?territory=SE110', 'national')).json().resources.find((x: { resource: string }) => x.resource === 'housing_places');
    const approved = await send('POST', `/api/placement/runs/${r1.id}/approve`, 'national', { version: r1.version });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await housing(S);
    expect(after).toMatchObject({ reserved: before.reserved + persons, free: before.free - persons, occupied: before.occupied });
    const notices = await runNotices(r1.id);
    expect(notices.reduce((n: number, x: { held: { reserved: number } }) => n + x.held.reserved, 0)).toBe(persons);
    expect(notices.every((n: { state: string }) => n.state === 'announced')).toBe(true);
    // The roll-up (capacity_daily above NUTS 3 and the series below) and the history see them.
    const roll = (await get('/api/reception/rollup?territory=SE', 'national')).json().resources.find((x: { resource: string }) => x.resource === 'housing_places');
    const county = (await get('/api/reception/rollup?territory=SE110', 'national')).json().resources.find((x: { resource: string }) => x.resource === 'housing_places');
    expect(county.reserved).toBe(rollBefore.reserved + persons);
    expect(roll.reserved).toBe(county.reserved);
    const history = (await get(`/api/reception/capacity/${S}/history?resource=housing_places&limit=5`, 'sollentuna')).json().items;
    expect(history[0]).toMatchObject({ reserved: after.reserved, reason: expect.stringMatching(/^reserved for AN-/) });
    // The next solve sees the places as taken: nothing more fits than is free now.
    const big = await household([30, 31, 2, 4, 6, 8, 10, 12, 14, 15, 16, 17, 33]);
    const r2 = await run('SE_0163', [big.id]);
    const m = r2.municipalities.find((x: { id: string }) => x.id === S);
    expect(m.loads.housing_places.capacity).toBe(after.free);
    expect(r2.assignments[0].municipality).toBeNull();
  });

  it('accepting holds the same places (never twice), arrival makes them occupied', async () => {
    const S = org['SE_0163'];
    const notices = (await get('/api/reception/notices?direction=incoming&state=announced', 'sollentuna')).json().items.filter((n: { held: { reserved: number } }) => n.held.reserved > 0);
    const n = notices[0];
    const before = await housing(S);
    const results = await Promise.all(Array.from({ length: 12 }, () => send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: n.persons })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(11);
    expect(await housing(S)).toEqual(before);
    const arrived = await send('POST', `/api/reception/notices/${n.id}/arrived`, 'sollentuna', {});
    expect(arrived.json()).toMatchObject({ state: 'arrived', held: { reserved: 0, occupied: n.persons } });
    expect(await housing(S)).toMatchObject({ reserved: before.reserved - n.persons, occupied: before.occupied + n.persons, free: before.free });
  });

  it('decline, partial acceptance and expiry free the places, and the households go back to the pending list', async () => {
    const V = org['SE_0114'];
    await setFree(V, 30);
    const hs = [await household([30, 32, 3]), await household([45]), await household([50, 51]), await household([22, 24])];
    const r = await run('SE_0114', hs.map((h) => h.id));
    expect((await send('POST', `/api/placement/runs/${r.id}/approve`, 'national', { version: r.version })).statusCode).toBe(200);
    const [n] = await runNotices(r.id);
    expect(n.persons).toBe(8);
    const start = await housing(V);
    const detail = (await get(`/api/reception/notices/${n.id}`, 'vasby')).json();
    expect(detail.householdDetails.map((h: { reference: string }) => h.reference).sort()).toEqual(hs.map((h) => h.reference).sort());
    expect(detail.householdDetails[0]).not.toHaveProperty('name');
    // Accepting part of the persons without naming the households would split families: refused.
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'vasby', { persons: 4 })).json().errors[0].path).toBe('body.households');
    expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'vasby', { persons: 4, households: [hs[0].reference, hs[2].reference] })).json().errors[0].path).toBe('body.persons');
    const part = await send('POST', `/api/reception/notices/${n.id}/accept`, 'vasby', { persons: 4, households: [hs[0].reference, hs[1].reference] });
    expect(part.json()).toMatchObject({ state: 'partially_accepted', acceptedPersons: 4, held: { reserved: 4, occupied: 0 } });
    expect(await housing(V)).toMatchObject({ reserved: start.reserved - 4, free: start.free + 4 });
    const pending = (await get('/api/placement/households?status=pending', 'national')).json().items.map((h: { reference: string }) => h.reference);
    expect(pending).toEqual(expect.arrayContaining([hs[2].reference, hs[3].reference]));
    expect(pending).not.toContain(hs[0].reference);

    // A second run, declined: everything is freed and its household is pending again.
    const r2 = await run('SE_0114', [hs[2].id]);
    await send('POST', `/api/placement/runs/${r2.id}/approve`, 'national', { version: r2.version });
    const [d] = await runNotices(r2.id);
    const mid = await housing(V);
    expect((await send('POST', `/api/reception/notices/${d.id}/decline`, 'vasby', { reason: 'no family housing free this month' })).json().held).toEqual({ reserved: 0, occupied: 0 });
    expect(await housing(V)).toMatchObject({ reserved: mid.reserved - 2 });
    expect((await get('/api/placement/households?status=pending', 'national')).json().items.map((h: { reference: string }) => h.reference)).toContain(hs[2].reference);

    // A third, unanswered past its deadline and its expected arrival: the sweep expires it.
    const r3 = await run('SE_0114', [hs[3].id]);
    await send('POST', `/api/placement/runs/${r3.id}/approve`, 'national', { version: r3.version, responseHours: 1 });
    const [e] = await runNotices(r3.id);
    const held = await housing(V);
    await sql`update arrival_notices set deadline_at = now() - interval '2 hours', expected_at = now() - interval '1 hour' where id = ${e.id}`.execute(t.database.db);
    expect((await sweepNotices(t.database.db)).expired).toBe(1);
    const expired = (await get(`/api/reception/notices/${e.id}`, 'national')).json();
    expect(expired).toMatchObject({ state: 'expired', held: { reserved: 0, occupied: 0 }, nextActor: 'none' });
    expect(expired.versions.at(-1).action).toBe('expired');
    expect(await housing(V)).toMatchObject({ reserved: held.reserved - 2 });
    expect((await get('/api/placement/households?status=pending', 'national')).json().items.map((h: { reference: string }) => h.reference)).toContain(hs[3].reference);
    // What is left held: the partial acceptance's 4 places; reserved moved by exactly the holds.
    expect(await heldSum(V)).toBe(4);
    expect((await housing(V)).reserved).toBe(start.reserved - 4);
  });

  it('answers 409 naming the municipality and the resource when capacity changed since the proposal, and writes nothing', async () => {
    const G = org['SE_0191'];
    await setFree(G, 10);
    const hs = [await household([33, 35, 1]), await household([60, 58])];
    const r = await run('SE_0191', hs.map((h) => h.id));
    expect(r.assignments.every((a: { municipality: unknown }) => a.municipality)).toBe(true);
    await setFree(G, 3); // the officer gives places away meanwhile
    const before = await housing(G);
    const noticesBefore = (await get('/api/reception/notices?limit=200', 'national')).json().total;
    const refused = await send('POST', `/api/placement/runs/${r.id}/approve`, 'national', { version: r.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ organisation: { id: G, name: 'Sigtuna kommun' }, resource: 'housing_places', free: 3 });
    expect(refused.json().detail).toContain('Sigtuna kommun');
    expect(await housing(G)).toEqual(before);
    expect((await get('/api/reception/notices?limit=200', 'national')).json().total).toBe(noticesBefore);
    expect((await get(`/api/placement/runs/${r.id}`, 'national')).json().status).toBe('proposed');
    const pending = (await get('/api/placement/households?status=pending', 'national')).json().items.map((h: { id: string }) => h.id);
    expect(pending).toEqual(expect.arrayContaining(hs.map((h) => h.id)));
  });
});

describe('parallel approvals and accepts', () => {
  it('never reserve more than is free, and reserved always equals what the notices hold', async () => {
    const S = org['SE_0163'];
    await setFree(S, 10);
    // Five proposals of 4 persons each, made while 10 places were free: only two can be approved.
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await run('SE_0163', [(await household([30 + i, 31 + i, 40 + i, 41 + i])).id]));
    expect(runs.every((r) => r.assignments[0].municipality?.id === S)).toBe(true);
    const before = await housing(S);
    const results = await Promise.all(runs.map((r) => send('POST', `/api/placement/runs/${r.id}/approve`, 'national', { version: r.version })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().resource)).toEqual(['housing_places', 'housing_places', 'housing_places']);
    const after = await housing(S);
    expect(after).toMatchObject({ reserved: before.reserved + 8, free: 2 });
    expect(after.occupied + after.reserved).toBeLessThanOrEqual(after.total);
    // Parallel accepts of both held notices, twice each: each reserves once, nothing more.
    const held = (await get('/api/reception/notices?direction=incoming&state=announced', 'sollentuna')).json().items.filter((n: { held: { reserved: number } }) => n.held.reserved === 4);
    expect(held).toHaveLength(2);
    const accepts = await Promise.all(held.flatMap((n: { id: string }) => [0, 1, 2].map(() => send('POST', `/api/reception/notices/${n.id}/accept`, 'sollentuna', { persons: 4 }))));
    expect(accepts.filter((r) => r.statusCode === 200)).toHaveLength(2);
    const final = await housing(S);
    expect(final.reserved).toBe(after.reserved);
    expect(await heldSum(S)).toBeLessThanOrEqual(final.reserved);
    const rows = await t.database.db.selectFrom('capacity_declarations').select(['total', 'occupied', 'reserved']).execute();
    for (const r of rows) expect(r.occupied + r.reserved).toBeLessThanOrEqual(r.total);
  });
});
