// Property: whatever sequence of declarations, announcements, acceptances, withdrawals and arrivals
// happens (valid or not), every declaration stays within 0 ≤ occupied, reserved and
// occupied + reserved ≤ total; the newest history row equals the current declaration; and the
// roll-up read from the daily table (the country) equals the sum of the municipalities' series
// (the county) — the incremental daily table never drifts from the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const cookie: Record<string, string> = {};
const orgs: string[] = [];
const officerOf = new Map<string, string>();
const accepted: string[] = [];
const RESOURCES = ['emergency_beds', 'uam_places'];

beforeAll(async () => {
  t = await startTestApp();
  cookie.national = await t.signIn('coordinator@migrationsverket.localpact.eu');
  for (const [code, email] of [['SE_0163', 'officer@sollentuna.localpact.eu'], ['SE_0191', 'officer@sigtuna.localpact.eu'], ['SE_0114', 'officer@upplands-vasby.localpact.eu']]) {
    const o = await t.database.db.selectFrom('organisations').select('id').where('territory_code', '=', code).where('kind', '=', 'municipality').executeTakeFirstOrThrow();
    orgs.push(o.id);
    officerOf.set(o.id, await t.signIn(email));
  }
});
afterAll(async () => { await t?.close(); });

const req = (method: string, url: string, c: string, body?: unknown) => t.request({ method, url, cookie: c, body });

type Cmd =
  | { kind: 'declare'; org: number; resource: number; total: number; occupied: number; reserved: number }
  | { kind: 'accept'; org: number; resource: number; persons: number; accept: number }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'arrive'; pick: number };

const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('declare' as const), org: fc.nat(2), resource: fc.nat(1), total: fc.integer({ min: -2, max: 40 }), occupied: fc.integer({ min: 0, max: 30 }), reserved: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('accept' as const), org: fc.nat(2), resource: fc.nat(1), persons: fc.integer({ min: 1, max: 12 }), accept: fc.integer({ min: 1, max: 14 }) }),
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('arrive' as const), pick: fc.nat() }),
);

async function run(c: Cmd) {
  if (c.kind === 'declare') {
    const org = orgs[c.org], resource = RESOURCES[c.resource];
    const cap = (await req('GET', `/api/reception/capacity/${org}`, officerOf.get(org)!)).json();
    const version = cap.items.find((i: { resource: string }) => i.resource === resource).version;
    const r = await req('PUT', `/api/reception/capacity/${org}/${resource}`, officerOf.get(org)!, { total: c.total, occupied: c.occupied, reserved: c.reserved, version });
    expect([200, 400]).toContain(r.statusCode);
    if (c.total < 0 || c.occupied + c.reserved > c.total) expect(r.statusCode).toBe(400);
  } else if (c.kind === 'accept') {
    const org = orgs[c.org];
    const n = await req('POST', '/api/reception/notices', cookie.national, {
      targetOrganisationId: org, procedure: 'asylum', expectedAt: new Date(Date.now() + 86_400_000).toISOString(), deadlineHours: 24, households: 1, persons: c.persons, resource: RESOURCES[c.resource],
    });
    expect(n.statusCode).toBe(201);
    const r = await req('POST', `/api/reception/notices/${n.json().id}/accept`, officerOf.get(org)!, { persons: c.accept });
    expect([200, 400, 409]).toContain(r.statusCode);
    if (c.accept > c.persons) expect(r.statusCode).toBe(400);
    if (r.statusCode === 200) accepted.push(n.json().id);
  } else if (accepted.length) {
    const id = accepted[c.pick % accepted.length];
    const r = c.kind === 'withdraw'
      ? await req('POST', `/api/reception/notices/${id}/withdraw`, cookie.national, {})
      : await req('POST', `/api/reception/notices/${id}/arrived`, officerOf.get((await req('GET', `/api/reception/notices/${id}`, cookie.national)).json().target.id)!, {});
    expect([200, 409]).toContain(r.statusCode);
  }
}

describe('capacity invariants under random command sequences', () => {
  it('keep declarations valid, history current, and the daily roll-up equal to the sum of series', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (cmds) => {
      for (const c of cmds) await run(c);
      const rows = await t.database.db.selectFrom('capacity_declarations').selectAll().execute();
      for (const d of rows) {
        expect(d.occupied).toBeGreaterThanOrEqual(0);
        expect(d.reserved).toBeGreaterThanOrEqual(0);
        expect(d.occupied + d.reserved).toBeLessThanOrEqual(d.total);
        const last = await t.database.db.selectFrom('capacity_history').select(['total', 'occupied', 'reserved'])
          .where('organisation_id', '=', d.organisation_id).where('resource_code', '=', d.resource_code).orderBy('valid_from', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
        expect(last).toEqual({ total: d.total, occupied: d.occupied, reserved: d.reserved });
      }
      const country = (await req('GET', '/api/reception/rollup?territory=SE', cookie.national)).json();
      const county = (await req('GET', '/api/reception/rollup?territory=SE110', cookie.national)).json();
      expect(country.resources).toEqual(county.resources);
      for (const f of county.resources) {
        const sum = rows.filter((d) => d.resource_code === f.resource && d.territory_path.startsWith('EU/SE/')).reduce((a, d) => ({ total: a.total + d.total, occupied: a.occupied + d.occupied, reserved: a.reserved + d.reserved }), { total: 0, occupied: 0, reserved: 0 });
        expect({ total: f.total, occupied: f.occupied, reserved: f.reserved }).toEqual(sum);
      }
    }), { numRuns: 12, seed: 2026 });
  });
});
