// Races answer 409, not 500 (issue 11): every create-if-absent path, hit by 20 real parallel HTTP
// requests, answers one success and 409s. On PostgreSQL (npm test's second stage) the requests run in
// parallel transactions; on PGlite they queue on its one connection and must answer the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let base = '';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  cookies.cw = await t.signIn('caseworker@hamburg.localpact.eu');
  cookies.admin = await t.signIn('admin@localpact.eu');
  cookies.national = await t.signIn('coordinator@migrationsverket.localpact.eu');
  cookies.officer = await t.signIn('officer@sollentuna.localpact.eu');
});
afterAll(async () => { await t?.close(); });

const N = 20;
/** N identical requests at once over HTTP; their status codes, sorted. */
async function together(method: string, path: string, cookie: string, body?: unknown | ((i: number) => unknown)): Promise<number[]> {
  const send = (i: number) => fetch(`${base}${path}`, {
    method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(typeof body === 'function' ? (body as (i: number) => unknown)(i) : body),
  }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const answers = await Promise.all(Array.from({ length: N }, (_, i) => send(i)));
  // Each path answers its own 409: none may fall through to the error handler's safety net.
  expect(answers.filter((a) => a.body.includes('/problems/unique-violation'))).toEqual([]);
  return answers.map((a) => a.status).sort();
}
const oneAnd409s = (ok: number) => [ok, ...Array(N - 1).fill(409)];

async function newPerson(givenName: string): Promise<string> {
  const r = await t.request({ method: 'POST', url: '/api/people', cookie: cookies.cw, body: { givenName, familyName: 'Parallel', birthDate: '1991-05-17', sex: 'female', nationalities: ['UA'], languages: [], confirmNotDuplicate: true } });
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

describe(`${N} concurrent first writes`, () => {
  it('PUT /api/people/:id/plan: one plan, the rest 409 (five people, to meet the race)', async () => {
    for (const name of ['Olena', 'Halyna', 'Tetiana', 'Yulia', 'Nadiia']) {
      const id = await newPerson(name);
      expect(await together('PUT', `/api/people/${id}/plan`, cookies.cw, { goals: 'Learn German, work as a nurse' }), name).toEqual(oneAnd409s(200));
      const plan = (await t.request({ url: `/api/people/${id}?purpose=case_management`, cookie: cookies.cw })).json().plan;
      expect(plan.version).toBe(1);
    }
  });

  it('POST /api/placement/households with one reference: one household, the rest 409', async () => {
    expect(await together('POST', '/api/placement/households', cookies.national, { reference: 'RACE-001', ages: [34, 8], procedure: 'relocation' })).toEqual(oneAnd409s(201));
    const list = (await t.request({ url: '/api/placement/households?limit=200', cookie: cookies.national })).json();
    expect(list.items.filter((h: { reference: string }) => h.reference === 'RACE-001')).toHaveLength(1);
  });

  it('POST /api/users with one email (any case): one account, the rest 409', async () => {
    const orgs = (await t.request({ url: '/api/organisations?q=sigtuna&kind=municipality', cookie: cookies.admin })).json();
    const codes = await together('POST', '/api/users', cookies.admin, (i: number) => ({
      email: i % 2 ? 'Race.Officer@sigtuna.localpact.eu' : 'race.officer@sigtuna.localpact.eu', displayName: 'Race Officer', role: 'case_worker',
      organisationId: orgs.items[0].id, password: 'harbour-lantern-quietly-47',
    }));
    expect(codes).toEqual(oneAnd409s(201));
  });

  it('POST /api/reception/resource-types with one code, then the first capacity declaration of it: one each, the rest 409', async () => {
    expect(await together('POST', '/api/reception/resource-types', cookies.admin, { code: 'race_cots', unit: 'beds', labels: { en: 'Cots' } })).toEqual(oneAnd409s(201));
    const me = (await t.request({ url: '/api/me', cookie: cookies.officer })).json();
    expect(await together('PUT', `/api/reception/capacity/${me.organisation.id}/race_cots`, cookies.officer, { total: 12, occupied: 0, reserved: 0, version: 0 })).toEqual(oneAnd409s(200));
    const cap = (await t.request({ url: `/api/reception/capacity/${me.organisation.id}`, cookie: cookies.officer })).json();
    expect(cap.items.find((d: { resource: string }) => d.resource === 'race_cots')).toMatchObject({ total: 12, version: 1 });
  });

  it('POST /api/people/:id/consents, the same consent: one, the rest 409', async () => {
    const id = await newPerson('Iryna');
    expect(await together('POST', `/api/people/${id}/consents`, cookies.cw, { purpose: 'job_matching', givenOn: '2026-01-12', how: 'in_writing' })).toEqual(oneAnd409s(201));
    const consents = (await t.request({ url: `/api/people/${id}?purpose=case_management`, cookie: cookies.cw })).json().consents;
    expect(consents.filter((c: { purpose: string; withdrawnOn: string | null }) => c.purpose === 'job_matching' && !c.withdrawnOn)).toHaveLength(1);
  });

  it('POST /api/people/:id/statuses: every status is kept, exactly one is current', async () => {
    const id = await newPerson('Mariia');
    const codes = await together('POST', `/api/people/${id}/statuses`, cookies.cw, (i: number) => ({ typeCode: i % 2 ? 'temporary_protection' : 'refugee', decidedOn: '2026-01-02' }));
    expect(codes).toEqual(Array(N).fill(201));
    const statuses = (await t.request({ url: `/api/people/${id}?purpose=case_management`, cookie: cookies.cw })).json().statuses;
    expect(statuses).toHaveLength(N);
    expect(statuses.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('PATCH /api/status-types/:code at one version: one change, the rest 409', async () => {
    const types = (await t.request({ url: '/api/status-types', cookie: cookies.admin })).json().items;
    const tp = types.find((s: { code: string }) => s.code === 'temporary_protection');
    expect(await together('PATCH', '/api/status-types/temporary_protection', cookies.admin, { version: tp.version, endsOn: '2027-03-04' })).toEqual(oneAnd409s(200));
  });

  it('POST /api/notifications/read (all) and POST /api/people/:id/plan/template: no 500 when repeated at once', async () => {
    expect(await together('POST', '/api/notifications/read', cookies.officer, { all: true })).toEqual(Array(N).fill(204));
    const id = await newPerson('Oksana');
    const templates = (await t.request({ url: '/api/pathway-templates', cookie: cookies.cw })).json().items;
    const codes = await together('POST', `/api/people/${id}/plan/template`, cookies.cw, { templateId: templates[0].id });
    expect(codes.every((c) => c === 200)).toBe(true);
  });
});
