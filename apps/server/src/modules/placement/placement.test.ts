// The placement product through its API: a run over Stockholm county's municipalities with their
// live capacity, explanations, overrides with reasons, approval into arrival notices, and reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type Instance, type Result } from '@localpact/placement';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let national: string, regional: string, officer: string, sollentunaId: string;
const orgId = async (name: string) => (await t.request({ url: `/api/organisations?q=${encodeURIComponent(name)}`, cookie: national })).json().items[0].id as string;

/** Declares capacity as the municipality's own officer would (reception API): `free` places beyond those occupied and reserved. */
async function declare(cookie: string, org: string, resource: string, free: number) {
  const current = (await t.request({ url: `/api/reception/capacity/${org}`, cookie })).json();
  const row = current.items?.find((i: { resource: string }) => i.resource === resource);
  const res = await t.request({ method: 'PUT', url: `/api/reception/capacity/${org}/${resource}`, cookie, body: { total: (row?.occupied ?? 0) + (row?.reserved ?? 0) + free, occupied: row?.occupied ?? 0, reserved: row?.reserved ?? 0, version: row?.version ?? 0 } });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

beforeAll(async () => {
  t = await startTestApp();
  national = await t.signIn('coordinator@migrationsverket.localpact.eu');
  regional = await t.signIn('coordinator@stockholm-region.localpact.eu');
  officer = await t.signIn('officer@sollentuna.localpact.eu');
  sollentunaId = await orgId('Sollentuna kommun');
  const sigtuna = await t.signIn('officer@sigtuna.localpact.eu');
  const vasby = await t.signIn('officer@upplands-vasby.localpact.eu');
  const plan: Array<[string, string]> = [[officer, sollentunaId], [sigtuna, await orgId('Sigtuna kommun')], [vasby, await orgId('Upplands Väsby kommun')]];
  for (const [cookie, org] of plan) {
    await declare(cookie, org, 'housing_places', 40);
    await declare(cookie, org, 'uam_places', 1);
    for (const r of ['childcare_places', 'primary_school_places', 'secondary_school_places']) await declare(cookie, org, r, 10);
    for (const r of ['health_slots', 'psychosocial_slots', 'step_free_places']) await declare(cookie, org, r, 3);
  }
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('placement', () => {
  let runId: string;
  let run: any;

  it('lists the pending households (pseudonymous) and audits the read', async () => {
    const res = await t.request({ url: '/api/placement/households?status=pending', cookie: national });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(30);
    expect(Object.keys(res.json().items[0])).not.toContain('name');
    const audited = await t.database.db.selectFrom('audit_log').select('record_id').where('action', '=', 'placement_household.read').execute();
    expect(audited.length).toBeGreaterThanOrEqual(30);
  });

  it('proposes a feasible placement: families whole, capacity kept, every unplaced household with a reason', async () => {
    const res = await t.request({ method: 'POST', url: '/api/placement/runs', cookie: national, body: { territoryCode: 'SE110', distributionKey: 'population' } });
    expect(res.statusCode, res.body).toBe(201);
    run = res.json(); runId = run.id;
    expect(run.status).toBe('proposed');
    expect(run.assignments.length + run.unassigned.filter((u: any) => !run.assignments.some((a: any) => a.household.id === u.household.id)).length).toBe(30);
    for (const u of run.unassigned) expect(u.reason.length).toBeGreaterThan(5);
    for (const m of run.municipalities) for (const l of Object.values(m.loads) as Array<{ used: number; capacity: number }>) expect(l.used).toBeLessThanOrEqual(l.capacity);
    expect(run.figures.bound).toBeGreaterThanOrEqual(run.figures.objective - 1e-6);
    // The stored record is complete: the engine's own checker accepts the stored result for the stored instance.
    const stored = await t.database.db.selectFrom('placement_runs').select(['instance', 'result', 'weights']).where('id', '=', runId).executeTakeFirstOrThrow();
    const verdict = check(stored.instance as Instance, stored.result as Result);
    expect(verdict.violations).toEqual([]);
    expect(verdict.objectiveMatches).toBe(true);
    // Two unaccompanied minors, one uam place in each of three municipalities: both placed.
    const uam = (await t.request({ url: '/api/placement/households?status=pending', cookie: national })).json().items.filter((h: any) => h.unaccompaniedMinor);
    for (const h of uam) expect(run.assignments.find((a: any) => a.household.id === h.id)?.municipality).not.toBeNull();
  });

  it('explains a line: components, alternatives and what blocked them', async () => {
    const line = run.assignments.find((a: any) => a.municipality);
    const res = await t.request({ url: `/api/placement/runs/${runId}/explanations/${line.household.id}`, cookie: national });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.municipality.id).toBe(line.municipality.id);
    expect(Object.keys(e.components).sort()).toEqual(['labour', 'language', 'preference', 'services', 'ties']);
    const recomputed = Object.entries(e.components).reduce((s, [k, v]) => s + (e.weights as any)[k] * (v as number), 0);
    expect(e.score).toBeCloseTo(recomputed, 6);
    for (const a of e.alternatives) if (a.score > e.score + 1e-9) expect(a.blockedBy.length).toBeGreaterThan(0);
    // each blocker carries its figures, so that the interface can say it in any language
    for (const b of e.alternatives.flatMap((a: any) => a.blockedBy)) {
      if (b.kind === 'capacity') expect(b).toMatchObject({ used: expect.any(Number), capacity: expect.any(Number), need: expect.any(Number) });
      if (b.kind === 'quota') expect(b).toMatchObject({ persons: expect.any(Number), upper: expect.any(Number) });
    }
    expect(e.unassignedWhy).toBeNull();
  });

  it('takes overrides only with a reason, within capacity, at the current version', async () => {
    const line = run.assignments.find((a: any) => a.municipality && a.municipality.id !== sollentunaId && a.household.size <= 2);
    const noReason = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/overrides`, cookie: national, body: { version: run.version, householdId: line.household.id, municipalityId: sollentunaId, reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');
    const ok = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/overrides`, cookie: national, body: { version: run.version, householdId: line.household.id, municipalityId: sollentunaId, reason: 'Sister lives in Sollentuna (stated at interview)' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json();
    expect(after.version).toBe(run.version + 1);
    const changed = after.assignments.find((a: any) => a.household.id === line.household.id);
    expect(changed.municipality.id).toBe(sollentunaId);
    expect(changed.overridden).toBe(true);
    expect(after.overrides.at(-1).reason).toContain('Sister');
    const stale = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/overrides`, cookie: national, body: { version: run.version, householdId: line.household.id, municipalityId: null, reason: 'stale' } });
    expect(stale.statusCode).toBe(409);
    // Moving one unaccompanied minor to where the other holds the municipality's only uam place is refused.
    const uamIds = new Set((await t.request({ url: '/api/placement/households?status=pending', cookie: national })).json().items.filter((h: any) => h.unaccompaniedMinor).map((h: any) => h.id));
    const [a, b] = after.assignments.filter((l: any) => uamIds.has(l.household.id));
    const full = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/overrides`, cookie: national, body: { version: after.version, householdId: a.household.id, municipalityId: b.municipality.id, reason: 'Friends from the same reception centre' } });
    expect(full.statusCode).toBe(409);
    expect(full.json().errors[0].path).toBe('body.municipalityId');
    expect((await t.request({ url: `/api/placement/runs/${runId}`, cookie: national })).json().version).toBe(after.version);
    run = after;
  });

  it('keeps runs within the coordinator\'s reach and away from other roles', async () => {
    expect((await t.request({ url: `/api/placement/runs/${runId}`, cookie: regional })).statusCode).toBe(404);
    expect((await t.request({ url: `/api/placement/runs/${runId}`, cookie: officer })).statusCode).toBe(403);
    const outside = await t.request({ method: 'POST', url: '/api/placement/runs', cookie: regional, body: { territoryCode: 'DE', distributionKey: 'population' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].path).toBe('body.territoryCode');
  });

  it('approves: households are placed and each municipality receives an arrival notice', async () => {
    const res = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/approve`, cookie: national, body: { version: run.version } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    expect(res.json().approvedBy).toBe('Nils Nationell');
    const placedHere = res.json().assignments.filter((a: any) => a.municipality?.id === sollentunaId).reduce((s: number, a: any) => s + a.household.size, 0);
    const notices = (await t.request({ url: '/api/reception/notices?direction=incoming', cookie: officer })).json().items;
    const fromRun = notices.filter((n: any) => (n.note ?? '').includes(runId));
    expect(fromRun.reduce((s: number, n: any) => s + n.persons, 0)).toBe(placedHere);
    const again = await t.request({ method: 'POST', url: `/api/placement/runs/${runId}/approve`, cookie: national, body: { version: res.json().version } });
    expect(again.statusCode).toBe(409);
    const pending = (await t.request({ url: '/api/placement/households?status=pending', cookie: national })).json().items;
    expect(pending.length).toBe(res.json().unassigned.length);
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', runId).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['placement.run.create', 'placement.override', 'placement.approve']));
  });
});

describe('a household that fits nowhere', () => {
  it('comes back unplaced with its reason in English and as data, and the run is still proven optimal', async () => {
    // two housing places left in each municipality, a family of three
    const officers = await Promise.all(['officer@sollentuna.localpact.eu', 'officer@sigtuna.localpact.eu', 'officer@upplands-vasby.localpact.eu'].map((e) => t.signIn(e)));
    const orgs = [sollentunaId, await orgId('Sigtuna kommun'), await orgId('Upplands Väsby kommun')];
    for (let i = 0; i < 3; i++) await declare(officers[i], orgs[i], 'housing_places', 2);
    const created = await t.request({ method: 'POST', url: '/api/placement/households', cookie: national, body: { reference: 'SE-2026-TOO-BIG', ages: [34, 31, 4], procedure: 'asylum' } });
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.request({ method: 'POST', url: '/api/placement/runs', cookie: national, body: { territoryCode: 'SE110', distributionKey: 'population' } });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    const line = r.assignments.find((a: any) => a.household.reference === 'SE-2026-TOO-BIG');
    expect(line.municipality).toBeNull();
    expect(r.figures.gap).toBe(0);
    const e = (await t.request({ url: `/api/placement/runs/${r.id}/explanations/${line.household.id}`, cookie: national })).json();
    expect(e.municipality).toBeNull();
    expect(e.unassignedReason).toMatch(/needs exceed the total capacity/);
    expect(e.unassignedWhy).toEqual({ kind: 'tooBig', resources: expect.arrayContaining([{ resource: 'housing_places' }]) });
  });
});

describe('runs across organisations', () => {
  it('lets the national coordinator read a run of a regional coordinator in its country (the creator\'s name with it)', async () => {
    // The regional coordinator registers a household of its own and runs over its county.
    const h = await t.request({ method: 'POST', url: '/api/placement/households', cookie: regional, body: { reference: 'SE110-REG-1', ages: [34], procedure: 'relocation' } });
    expect(h.statusCode, h.body).toBe(201);
    const created = await t.request({ method: 'POST', url: '/api/placement/runs', cookie: regional, body: { territoryCode: 'SE110', distributionKey: 'population', householdIds: [h.json().id], timeLimitSeconds: 2 } });
    expect(created.statusCode, created.body).toBe(201);
    // Listed for the national level, and readable: its creator belongs to another organisation,
    // whose accounts row-level security hides from the national coordinator.
    const listed = await t.request({ url: '/api/placement/runs', cookie: national });
    expect(listed.json().items.map((r: { id: string }) => r.id)).toContain(created.json().id);
    const read = await t.request({ url: `/api/placement/runs/${created.json().id}`, cookie: national });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().createdBy).toBe(created.json().createdBy);
  });
});

