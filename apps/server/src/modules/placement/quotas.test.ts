// Issue 11: quotas that mean what a coordinator expects, with figures computed by hand — the key
// gives each municipality its share of the year's arrivals in the run's territory (received this
// year plus this run), and "of quota" is received ÷ that target — and runs that every coordinator
// who sees them in the list can open, with the number of households each assigns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const org: Record<string, string> = {};
const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
const announce = (target: string, persons: number) => send('POST', '/api/reception/notices', 'national', {
  targetOrganisationId: target, procedure: 'relocation', expectedAt: new Date(Date.now() + 72 * 3_600_000).toISOString(), deadlineHours: 48, households: 1, persons, resource: 'housing_places',
});

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    national: 'coordinator@migrationsverket.localpact.eu', regional: 'coordinator@stockholm-region.localpact.eu',
    sollentuna: 'officer@sollentuna.localpact.eu', vasby: 'officer@upplands-vasby.localpact.eu', hamburg: 'officer@hamburg.localpact.eu',
  })) c[k] = await t.signIn(email);
  for (const o of await t.database.db.selectFrom('organisations').select(['id', 'territory_code']).where('kind', '=', 'municipality').execute()) org[o.territory_code] = o.id;
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('quotas over the year', () => {
  it('gives each municipality its share of the year\'s arrivals in the territory, and "of target" is received ÷ that share', async () => {
    const [S, G, V] = [org['SE_0163'], org['SE_0191'], org['SE_0114']];
    // Received this year: Sollentuna 6 (announced, unanswered), Upplands Väsby 2 (accepted) — a
    // declined notice of 5 to Sigtuna does not count.
    expect((await announce(S, 6)).statusCode).toBe(201);
    const v = (await announce(V, 2)).json();
    expect((await send('POST', `/api/reception/notices/${v.id}/accept`, 'vasby', { persons: 2 })).statusCode).toBe(200);
    const g = (await announce(G, 5)).json();
    await t.signIn('officer@sigtuna.localpact.eu').then((cookie) => t.request({ method: 'POST', url: `/api/reception/notices/${g.id}/decline`, cookie, body: { reason: 'full' } }));
    // This run: 10 persons in three households.
    const ids: string[] = [];
    for (const [i, ages] of [[34, 30, 8, 5], [41, 39, 13], [25, 27, 1]].entries()) {
      const h = await send('POST', '/api/placement/households', 'national', { reference: `SE-QUOTA-${i}`, ages, procedure: 'relocation' });
      ids.push(h.json().id);
    }
    // A custom key of weights 1 : 1 : 2.
    const res = await send('POST', '/api/placement/runs', 'national', {
      territoryCode: 'SE110', distributionKey: 'custom', customKey: { SE_0163: 1, SE_0191: 1, SE_0114: 2 }, householdIds: ids, timeLimitSeconds: 5,
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    // By hand: year's total = 6 + 0 + 2 received + 10 in this run = 18.
    expect(run.year).toEqual({ year: new Date().getUTCFullYear(), received: 8, thisRun: 10, total: 18 });
    const m = (id: string) => run.municipalities.find((x: { id: string }) => x.id === id);
    // Shares on the key's scale: 25 %, 25 %, 50 %; targets 4.5, 4.5, 9 persons.
    expect([m(S).share, m(G).share, m(V).share]).toEqual([0.25, 0.25, 0.5]);
    expect([m(S).target, m(G).target, m(V).target]).toEqual([4.5, 4.5, 9]);
    expect([m(S).intakeYtd, m(G).intakeYtd, m(V).intakeYtd]).toEqual([6, 0, 2]);
    // What is left of each target for this run: max(0, 4.5 − 6) = 0, 4.5 − 0 = 4.5, 9 − 2 = 7.
    expect([m(S).quota, m(G).quota, m(V).quota]).toEqual([0, 4.5, 7]);
    const stored = (await t.database.db.selectFrom('placement_runs').select('instance').where('id', '=', run.id).executeTakeFirstOrThrow()).instance as { municipalities: Array<{ id: string; quota: number }> };
    expect(stored.municipalities.find((x) => x.id === V)!.quota).toBe(7);
    // "Of target": everyone received this year plus this run, over the target.
    for (const x of [S, G, V]) {
      const placedHere = run.assignments.filter((a: { municipality: { id: string } | null }) => a.municipality?.id === x).reduce((n: number, a: { household: { size: number } }) => n + a.household.size, 0);
      expect(m(x).personsAfter).toBe(m(x).intakeYtd + placedHere);
      expect(m(x).ofTarget).toBeCloseTo((m(x).intakeYtd + placedHere) / m(x).target, 10);
    }
    // Sollentuna already has more than its share: 6 / 4.5 = 133 % before anything of this run.
    expect(m(S).ofTarget).toBeGreaterThanOrEqual(6 / 4.5 - 1e-9);
    expect(run.weights).toEqual({ labour: 40, ties: 30, preference: 20, services: 10, language: 10, quotaPenalty: 5 });
  });
});

describe('runs across coordinators', () => {
  it('a national coordinator opens a regional run it sees in the list; the list counts the households each run assigns', async () => {
    const h = await send('POST', '/api/placement/households', 'regional', { reference: 'AB-REGIONAL-1', ages: [30, 32], procedure: 'asylum' });
    expect(h.statusCode, h.body).toBe(201);
    const created = await send('POST', '/api/placement/runs', 'regional', { territoryCode: 'SE110', distributionKey: 'population', householdIds: [h.json().id], timeLimitSeconds: 5 });
    expect(created.statusCode, created.body).toBe(201);
    const run = created.json();
    expect(run.createdBy).toEqual(expect.any(String)); // the regional coordinator sees their own name
    expect((await get('/api/placement/runs', 'national')).json().items.map((r: { id: string }) => r.id)).toContain(run.id);
    const opened = await get(`/api/placement/runs/${run.id}`, 'national');
    expect(opened.statusCode, opened.body).toBe(200);
    const listed = (await get('/api/placement/runs', 'national')).json().items.find((r: { id: string }) => r.id === run.id);
    expect(listed).toMatchObject({ households: 1, assigned: 1, organisation: { name: expect.stringContaining('Stockholm') } });
    // Who made the proposal is part of the run's record (the house merge: names read past users' RLS), with its organisation.
    expect(opened.json()).toMatchObject({ id: run.id, createdBy: 'Rebecka Regional', organisation: { id: run.organisation.id } });
    expect((await get(`/api/placement/runs/${run.id}/explanations/${h.json().id}`, 'national')).statusCode).toBe(200);
    // An override to "not placed" changes the count.
    const o = await send('POST', `/api/placement/runs/${run.id}/overrides`, 'national', { version: run.version, householdId: h.json().id, municipalityId: null, reason: 'waiting for a family member' });
    expect(o.statusCode, o.body).toBe(200);
    expect((await get('/api/placement/runs', 'regional')).json().items.find((r: { id: string }) => r.id === run.id).assigned).toBe(0);
    // Still out of reach for others.
    expect((await get(`/api/placement/runs/${run.id}`, 'hamburg')).statusCode).toBe(403);
  });
});
