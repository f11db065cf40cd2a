// The transition from temporary protection (issue 17) through the HTTP API, on the demo data plus
// people generated here (Hamburg and Sollentuna).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=transition_planning';
const get = (url: string, cookie: string) => t.request({ url, cookie });
const post = (url: string, cookie: string, body?: unknown) => t.request({ method: 'POST', url, cookie, body });
const patch = (url: string, cookie: string, body: unknown) => t.request({ method: 'PATCH', url, cookie, body });

// A small, fully known population: [birthDate, TP valid until (null: the status table's date), employment step done].
type Gen = { birthDate: string; until: string | null; employed: boolean; documents: boolean };
const generated: Gen[] = [];
for (let i = 0; i < 24; i++) {
  generated.push({
    birthDate: i % 6 === 5 ? '2012-05-0' + (1 + (i % 9)) : `19${70 + i}-0${1 + (i % 9)}-1${i % 10}`,
    // Personal end dates spread over 2029 (no demo status ends then): 0–3 per month.
    until: `2029-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    employed: i % 3 === 0, documents: i % 2 === 0,
  });
}
const ids: string[] = [];
const march: string[] = [];

async function register(cookie: string, n: number, g: Partial<Gen> & { birthDate: string }, name: string) {
  const res = await post('/api/people', cookie, {
    givenName: name, familyName: `Kohorta${n}`, birthDate: g.birthDate, sex: n % 2 ? 'female' : 'male', nationalities: ['UA'], preferredLocale: 'uk',
    languages: [{ code: 'uk', level: 'native' }], confirmNotDuplicate: true,
    status: { typeCode: 'temporary_protection', validFrom: '2022-04-01', ...(g.until ? { validUntil: g.until } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cw: 'caseworker@hamburg.localpact.eu', officer: 'officer@hamburg.localpact.eu', cwSe: 'caseworker@sollentuna.localpact.eu',
    admin: 'admin@localpact.eu', bamf: 'coordinator@bamf.localpact.eu', observer: 'observer@ec.localpact.eu',
  })) c[k] = await t.signIn(email);
  for (const [n, g] of generated.entries()) {
    const id = await register(c.cw, n, g, 'Generated');
    ids.push(id);
    if (g.employed) expect((await post(`/api/people/${id}/steps`, c.cw, { domain: 'employment_training', title: 'Job found' })).statusCode).toBe(201);
    if (g.documents) expect((await post(`/api/people/${id}/steps`, c.cw, { domain: 'documents_legal', title: 'Qualification recognised' })).statusCode).toBe(201);
    for (const s of (await get(`/api/people/${id}?${P}`, c.cw)).json().steps as Array<{ id: string; version: number }>) {
      expect((await patch(`/api/steps/${s.id}`, c.cw, { version: s.version, status: 'done' })).statusCode).toBe(200);
    }
  }
  // The March 2027 cohort: temporary protection ending on the status table's date (4 March 2027).
  for (let n = 0; n < 6; n++) march.push(await register(c.cw, 100 + n, { birthDate: `198${n}-02-0${n + 1}` }, 'March'));
  for (const id of march.slice(0, 3)) {
    await post(`/api/people/${id}/steps`, c.cw, { domain: 'employment_training', title: 'Job found' });
    const s = (await get(`/api/people/${id}?${P}`, c.cw)).json().steps[0];
    await patch(`/api/steps/${s.id}`, c.cw, { version: s.version, status: 'done' });
  }
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('transition routes (reference data)', () => {
  it('lists the routes of Germany and Sweden with their source; only an administrator changes them', async () => {
    const de = (await get('/api/transition/routes?country=DE', c.cw)).json().items;
    expect(de.length).toBeGreaterThanOrEqual(4);
    expect(de.every((r: { source: string; legalBasis: string }) => r.source.startsWith('https://') && r.legalBasis.length > 5)).toBe(true);
    expect((await get('/api/transition/routes?country=SE', c.cw)).json().items.length).toBeGreaterThanOrEqual(3);
    const r = de[0];
    expect((await patch(`/api/transition/routes/${r.id}`, c.officer, { version: r.version, rank: 1 })).statusCode).toBe(403);
    const ok = await patch(`/api/transition/routes/${r.id}`, c.admin, { version: r.version, applicationDeadline: '2027-02-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ applicationDeadline: '2027-02-01', version: r.version + 1 });
    expect((await patch(`/api/transition/routes/${r.id}`, c.admin, { version: r.version, rank: 1 })).statusCode).toBe(409);
    const bad = await post('/api/transition/routes', c.admin, { country: 'DE', names: { en: 'Settlement' }, targetStatus: 'other_permit', conditions: [{ kind: 'residence_years' }], authority: 'A', applicationDeadline: null, legalBasis: 'L', source: 'S', rank: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.conditions.0.min');
  });
});

describe('cohorts', () => {
  it('groups the cohort by end date and household, with the likely route and what is missing', async () => {
    const res = await get(`/api/transition/cohort?${P}&from=2027-03-01&to=2027-03-31&limit=500`, c.officer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mine = body.items.filter((m: { personId: string }) => march.includes(m.personId));
    expect(mine).toHaveLength(6);
    expect(body.byEndDate.find((g: { endsOn: string }) => g.endsOn === '2027-03-04').people).toBeGreaterThanOrEqual(6);
    const employed = mine.filter((m: { evidence: { employed: boolean } }) => m.evidence.employed);
    expect(employed).toHaveLength(3);
    // Employed but no recognised qualification: the skilled-worker route misses documents.
    for (const m of employed) expect(m.missing).toContain('documents');
    const filtered = (await get(`/api/transition/cohort?${P}&from=2027-03-01&to=2027-03-31&employed=true&limit=500`, c.officer)).json();
    expect(filtered.items.every((m: { evidence: { employed: boolean } }) => m.evidence.employed)).toBe(true);
    expect(filtered.total).toBe(body.items.filter((m: { evidence: { employed: boolean } }) => m.evidence.employed).length);
    // Another municipality sees none of Hamburg's people.
    const se = (await get(`/api/transition/cohort?${P}&from=2027-03-01&to=2027-03-31&limit=500`, c.cwSe)).json();
    expect(se.items.some((m: { personId: string }) => march.includes(m.personId))).toBe(false);
  });

  it('finds the likely route from what the record holds', async () => {
    const body = (await get(`/api/transition/cohort?${P}&from=2029-01-01&to=2029-12-31&limit=500`, c.cw)).json();
    expect(body.total).toBe(generated.length);
    for (const m of body.items) {
      const g = generated[ids.indexOf(m.personId)];
      const adult = Number(g.birthDate.slice(0, 4)) < 2011;
      expect(m.evidence).toMatchObject({ employed: g.employed, documents: g.documents, adult });
      // Skilled worker (adult, employment, documents) is the first route by rank when all three hold.
      if (adult && g.employed && g.documents) expect(m.likelyRoute?.names.en).toMatch(/skilled workers/);
      else expect(m.likelyRoute?.names.en ?? '').not.toMatch(/skilled workers/);
    }
  });

  it('refuses a reversed or too long window with the field', async () => {
    const r = await get(`/api/transition/cohort?${P}&from=2027-03-31&to=2027-03-01`, c.cw);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('querystring.to');
  });
});

describe('projections', () => {
  it('equal a hand count of the generated statuses, month by month, for the municipality, the region and the state', async () => {
    const hand = new Map<string, number>();
    for (const g of generated) hand.set(g.until!.slice(0, 7), (hand.get(g.until!.slice(0, 7)) ?? 0) + 1);
    for (const [cookie, territory] of [[c.officer, ''], [c.bamf, '&territory=DE6'], [c.bamf, '']] as const) {
      const res = await get(`/api/transition/projections?from=2029-01&months=12${territory}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      const months = res.json().months as Array<{ month: string; ending: number | null }>;
      expect(months).toHaveLength(12);
      for (const m of months) expect(m.ending).toBe(hand.get(m.month) ?? 0);
    }
  });

  it('withholds small counts of one municipality from a reader who may not see its people', async () => {
    const res = (await get('/api/transition/projections?from=2029-01&months=12&territory=DE_02000000', c.bamf)).json();
    expect(res.suppressedBelow).toBe(5);
    for (const m of res.months) expect(m.ending === null || m.ending === 0 || m.ending >= 5).toBe(true);
    expect(res.months.some((m: { ending: number | null }) => m.ending === null)).toBe(true);
  });
});

describe('bulk steps', () => {
  const step = { domain: 'documents_legal', title: 'Apply for a work permit before 1 February', dueOn: '2027-02-01', followUp: true, for: 'adult' };
  const cohort = { from: '2027-03-01', to: '2027-03-31', employed: true };

  it('previews who is affected and who is left out, and never touches a person outside the reach', async () => {
    const sePerson = await register(c.cwSe, 900, { birthDate: '1980-01-01' }, 'Sollentuna');
    const before = (await get(`/api/people/${sePerson}?${P}`, c.cwSe)).json();
    const body = { purpose: 'transition_planning', cohort, personIds: [...march.slice(0, 3), sePerson], step, reason: 'Temporary protection ends on 4 March 2027' };
    const preview = (await post('/api/transition/bulk-steps/preview', c.officer, body)).json();
    expect(preview.affected.map((p: { personId: string }) => p.personId).sort()).toEqual(march.slice(0, 3).sort());
    expect(preview.notInCohort).toBe(1);
    expect(JSON.stringify(preview)).not.toContain(sePerson);
    const applied = await post('/api/transition/bulk-steps', c.officer, body);
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ affected: 3, excluded: 0 });
    const after = (await get(`/api/people/${sePerson}?${P}`, c.cwSe)).json();
    expect(after.steps).toEqual(before.steps);
    // Nobody left: the same selection again excludes all three (they have the step now).
    const again = await post('/api/transition/bulk-steps/preview', c.officer, body);
    expect(again.json().excluded.map((x: { reason: string }) => x.reason)).toEqual(['already_has_step', 'already_has_step', 'already_has_step']);
    expect((await post('/api/transition/bulk-steps', c.officer, body)).statusCode).toBe(422);
    // A partner organisation's staff or another municipality cannot undo it.
    expect((await post(`/api/transition/bulk-steps/${applied.json().id}/people/${march[0]}/undo`, c.cwSe)).statusCode).toBe(404);
  });

  it('audits the action once with its reason and once per person', async () => {
    const actions = (await get('/api/transition/bulk-steps', c.officer)).json().items;
    expect(actions[0]).toMatchObject({ affected: 3, reason: 'Temporary protection ends on 4 March 2027' });
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'record_id', 'detail']).where('action', 'in', ['transition.bulk_step', 'transition.bulk_step_person']).execute();
    expect(rows.filter((r) => r.action === 'transition.bulk_step')).toHaveLength(1);
    expect(rows.filter((r) => r.action === 'transition.bulk_step_person').map((r) => r.record_id).sort()).toEqual(march.slice(0, 3).sort());
  });

  it('undo for one person restores the plan exactly; a step worked on since is not thrown away', async () => {
    const person = ids[0];
    const before = (await get(`/api/people/${person}?${P}`, c.cw)).json();
    const res = await post('/api/transition/bulk-steps', c.cw, { purpose: 'transition_planning', cohort: { from: '2029-01-01', to: '2029-12-31' }, personIds: [person, ids[3]], step: { ...step, title: 'Information session on the end of temporary protection', for: 'all' }, reason: 'Information campaign' });
    expect(res.statusCode, res.body).toBe(201);
    const mid = (await get(`/api/people/${person}?${P}`, c.cw)).json();
    expect(mid.steps).toHaveLength(before.steps.length + 1);
    const undo = await post(`/api/transition/bulk-steps/${res.json().id}/people/${person}/undo`, c.cw);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().undone).toBe(1);
    const after = (await get(`/api/people/${person}?${P}`, c.cw)).json();
    expect({ steps: after.steps, plan: after.plan, version: after.version, statuses: after.statuses }).toEqual({ steps: before.steps, plan: before.plan, version: before.version, statuses: before.statuses });
    expect((await post(`/api/transition/bulk-steps/${res.json().id}/people/${person}/undo`, c.cw)).statusCode).toBe(409);
    // The other person's step was started: undo refuses rather than lose that work.
    const s = (await get(`/api/people/${ids[3]}?${P}`, c.cw)).json().steps.find((x: { title: string }) => x.title.startsWith('Information session'));
    await patch(`/api/steps/${s.id}`, c.cw, { version: s.version, status: 'in_progress' });
    expect((await post(`/api/transition/bulk-steps/${res.json().id}/people/${ids[3]}/undo`, c.cw)).statusCode).toBe(409);
  });
});

describe('progress', () => {
  it('counts applied, granted, pending and no route, and changes when a case worker records grants', async () => {
    const q = 'from=2027-03-01&to=2027-03-31&territory=DE6';
    const before = (await get(`/api/transition/progress?${q}`, c.bamf)).json();
    expect(before.totals.pending).toBeGreaterThanOrEqual(3);
    for (const id of march.slice(0, 2)) {
      const r = await post(`/api/people/${id}/statuses`, c.cw, { typeCode: 'other_permit', validFrom: '2027-02-15', note: '§ 18a AufenthG' });
      expect(r.statusCode, r.body).toBe(201);
    }
    const after = (await get(`/api/transition/progress?${q}`, c.bamf)).json();
    expect(after.totals.granted).toBe((before.totals.granted ?? 0) + 2);
    expect(after.totals.pending).toBe(before.totals.pending - 2);
    expect(after.grantedAs.other_permit).toBe((before.grantedAs.other_permit ?? 0) + 2);
    expect(after.totals.cohort).toBe(before.totals.cohort);
    // Which municipalities are behind: Hamburg listed with its share (the coordinator sees no people).
    expect(after.organisations.length).toBeGreaterThan(0);
    expect(JSON.stringify(after)).not.toContain(march[0]);
  });
});

describe('the worklist on a day the case worker plans for', () => {
  it('shows the end of temporary protection inside the window and not before it', async () => {
    const inside = (await get(`/api/worklist?${P}&kind=status_ending&asOf=2027-01-15&limit=200`, c.cw)).json();
    const outside = (await get(`/api/worklist?${P}&kind=status_ending&asOf=2026-10-01&limit=200`, c.cw)).json();
    expect(inside.items.map((i: { personId: string }) => i.personId)).toEqual(expect.arrayContaining(march.slice(3)));
    expect(outside.items.map((i: { personId: string }) => i.personId)).not.toEqual(expect.arrayContaining([march[5]]));
    // The ones with a follow-up step (the bulk step above) are off the alert.
    expect(inside.items.map((i: { personId: string }) => i.personId)).not.toContain(march[2]);
    expect(inside.counts.status_ending).toBe(inside.total);
  });
});
