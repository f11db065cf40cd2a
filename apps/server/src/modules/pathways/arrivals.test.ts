// Issue 11, "placed households become cases": when a municipality accepts an arrival notice from a
// placement and marks the arrival, the households' people appear in its People list with what the
// notice carried (ages → birth years, sex when known, languages, the legal status of the procedure,
// the household, the unaccompanied-minor flag), without names (placement is pseudonymous), marked
// as new arrivals linked to the notice, ready for a pathway from a template; the creation is
// audited; search, duplicate check (when the identity is completed), export and erasure work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=case_management';
const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
type Person = { id: string; givenName: string; familyName: string; identityPending: boolean; birthYear: number; birthDate: string | null; sex: string; householdId: string; householdRole: string;
  arrival: { noticeId: string; reference: string; position: number; of: number; householdReference: string | null; arrivedOn: string } | null; status: { typeCode: string } | null };

let family: Person[] = [], minor: Person[] = [];
let familyNotice = '', familyReference = '';
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    national: 'coordinator@migrationsverket.localpact.eu', officer: 'officer@sollentuna.localpact.eu', cw: 'caseworker@sollentuna.localpact.eu', hamburg: 'caseworker@hamburg.localpact.eu',
  })) c[k] = await t.signIn(email);
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('placed households become cases', () => {
  it('a placement is approved, accepted and marked arrived: the people appear in the People list', async () => {
    const h1 = await send('POST', '/api/placement/households', 'national', { reference: 'SE-ARR-0001', ages: [38, 36, 10, 4], sexes: ['female', 'male', 'female', 'male'], languages: ['uk', 'ru'], procedure: 'temporary_protection' });
    const h2 = await send('POST', '/api/placement/households', 'national', { reference: 'SE-ARR-0002', ages: [16], unaccompaniedMinor: true, languages: ['ar'], procedure: 'asylum' });
    expect([h1.statusCode, h2.statusCode]).toEqual([201, 201]);
    expect((await send('POST', '/api/placement/households', 'national', { reference: 'SE-ARR-BAD', ages: [30, 2], sexes: ['female'], procedure: 'asylum' })).json().errors[0].path).toBe('body.sexes');
    const run = (await send('POST', '/api/placement/runs', 'national', { territoryCode: 'SE_0163', distributionKey: 'population', householdIds: [h1.json().id, h2.json().id], timeLimitSeconds: 5 })).json();
    expect(run.assignments.every((a: { municipality: unknown }) => a.municipality)).toBe(true);
    expect((await send('POST', `/api/placement/runs/${run.id}/approve`, 'national', { version: run.version })).statusCode).toBe(200);
    const before = (await get(`/api/people?${P}&limit=200`, 'cw')).json().total;

    const notices = (await get('/api/reception/notices?direction=incoming&state=announced', 'officer')).json().items.filter((n: { note: string }) => n.note.includes(run.id));
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      const detail = (await get(`/api/reception/notices/${n.id}`, 'officer')).json();
      expect(JSON.stringify(detail.householdDetails)).not.toMatch(/name/i);
      expect((await send('POST', `/api/reception/notices/${n.id}/accept`, 'officer', { persons: n.persons })).statusCode).toBe(200);
      const arrived = await send('POST', `/api/reception/notices/${n.id}/arrived`, 'officer', {});
      expect(arrived.statusCode, arrived.body).toBe(200);
    }
    const famNotice = notices.find((n: { persons: number }) => n.persons === 4);
    familyNotice = famNotice.id; familyReference = famNotice.reference;

    const list = (await get(`/api/people?${P}&limit=200`, 'cw')).json();
    expect(list.total).toBe(before + 5);
    // New arrivals to open come first.
    expect(list.items.slice(0, 5).every((p: Person) => p.identityPending)).toBe(true);
    family = list.items.filter((p: Person) => p.arrival?.noticeId === familyNotice);
    minor = list.items.filter((p: Person) => p.arrival && p.arrival.noticeId !== familyNotice && p.identityPending);
    expect(family).toHaveLength(4);
    expect(minor).toHaveLength(1);
  });

  it('carries what the notice carried: birth years, sex, household, roles, legal status from the procedure, the minor flag, the link to the notice', async () => {
    const byPosition = [...family].sort((a, b) => a.arrival!.position - b.arrival!.position);
    expect(byPosition.map((p) => [p.birthYear, p.sex, p.householdRole])).toEqual([[year - 38, 'female', 'head'], [year - 36, 'male', 'other'], [year - 10, 'female', 'child'], [year - 4, 'male', 'child']]);
    expect(byPosition.map((p) => `${p.arrival!.position}/${p.arrival!.of}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(new Set(family.map((p) => p.householdId)).size).toBe(1);
    expect(family.every((p) => p.givenName === '' && p.familyName === '' && p.birthDate === null)).toBe(true);
    expect(family.every((p) => p.status?.typeCode === 'temporary_protection' && p.arrival!.reference === familyReference && p.arrival!.householdReference === 'SE-ARR-0001')).toBe(true);
    const d = (await get(`/api/people/${minor[0].id}?${P}`, 'cw')).json();
    expect(d).toMatchObject({ unaccompaniedMinor: true, householdRole: 'head', birthYear: year - 16, sex: 'unknown', status: { typeCode: 'asylum_seeker' }, languages: [{ code: 'ar', level: null }], preferredLocale: 'ar', identityPending: true });
    const mother = (await get(`/api/people/${byPosition[0].id}?${P}`, 'cw')).json();
    expect(mother.languages).toEqual([{ code: 'uk', level: null }, { code: 'ru', level: null }]);
    expect(mother.household.map((m: { identityPending: boolean; arrival: { position: number } }) => [m.identityPending, m.arrival.position]).sort()).toEqual([[true, 1], [true, 2], [true, 3], [true, 4]]);
    // The creation is on the record, by the officer who marked the arrival.
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_email', 'record_id', 'detail']).where('action', '=', 'person.create_from_arrival').execute();
    expect(audit).toHaveLength(5);
    expect(audit.every((a) => a.actor_email === 'officer@sollentuna.localpact.eu')).toBe(true);
    // Another municipality does not see them.
    expect((await get(`/api/people/${byPosition[0].id}?${P}`, 'hamburg')).statusCode).toBe(404);
  });

  it('is found by the notice\'s or the household\'s reference, and is ready for a pathway from a template', async () => {
    const byNotice = (await get(`/api/people?${P}&q=${encodeURIComponent(familyReference)}`, 'cw')).json();
    expect(byNotice.items.map((p: Person) => p.id).sort()).toEqual(family.map((p) => p.id).sort());
    const byHousehold = (await get(`/api/people?${P}&q=SE-ARR-0001`, 'cw')).json();
    expect(byHousehold.total).toBe(4);
    const templates = (await get('/api/pathway-templates', 'officer')).json().items;
    const tpl = templates.find((x: { audience: string }) => x.audience === 'family') ?? templates[0];
    const applied = await send('POST', `/api/households/${family[0].householdId}/plan`, 'cw', { templateId: tpl.id });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().people).toBe(4);
    expect(applied.json().steps).toBeGreaterThan(0);
    // The 10-year-old is known by age only: the school-place alert still finds her.
    const w = (await get(`/api/worklist?${P}&kind=school_place&limit=100`, 'cw')).json();
    const girl = family.find((p) => p.birthYear === year - 10)!;
    expect(w.items.find((i: { personId: string }) => i.personId === girl.id)).toMatchObject({ identityPending: true, arrival: { reference: familyReference, position: 3 } });
  });

  it('completes an identity later with the duplicate check, exports and erases like any other person', async () => {
    const registered = await send('POST', '/api/people', 'cw', { givenName: 'Olena', familyName: 'Kovalenko', birthDate: `${year - 38}-03-14`, sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }] });
    expect(registered.statusCode, registered.body).toBe(201);
    const mother = family.find((p) => p.arrival!.position === 1)!;
    const cur = (await get(`/api/people/${mother.id}?${P}`, 'cw')).json();
    const body = { version: cur.version, givenName: 'Олена', familyName: 'Коваленко', birthDate: `${year - 38}-03-14`, nationalities: ['UA'] };
    const dup = await send('PATCH', `/api/people/${mother.id}`, 'cw', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().duplicates.matches.map((m: { id: string }) => m.id)).toEqual([registered.json().id]);
    const done = await send('PATCH', `/api/people/${mother.id}`, 'cw', { ...body, confirmNotDuplicate: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ givenName: 'Олена', familyName: 'Коваленко', identityPending: false, arrival: { reference: familyReference, position: 1 } });
    // Found by name now (any script), and still by the notice.
    expect((await get(`/api/people?${P}&q=Olena%20Kovalenko`, 'cw')).json().items.map((p: Person) => p.id)).toContain(mother.id);
    expect((await get(`/api/people?${P}&q=${encodeURIComponent(familyReference)}`, 'cw')).json().total).toBe(4);
    // Export (Art. 15) carries the arrival; erasure (Art. 17) removes the identity and the link.
    const exported = await get(`/api/people/${minor[0].id}/export?purpose=subject_access`, 'cw');
    expect(exported.statusCode).toBe(200);
    expect(exported.json().person.arrival.householdReference).toBe('SE-ARR-0002');
    const erased = await send('POST', `/api/people/${minor[0].id}/erase`, 'cw', { reason: 'request of the legal guardian' });
    expect(erased.json()).toEqual({ erased: 1 });
    expect(await t.database.db.selectFrom('person_arrivals').select('person_id').where('person_id', '=', minor[0].id).execute()).toEqual([]);
    expect((await get(`/api/people/${minor[0].id}?${P}`, 'cw')).statusCode).toBe(404);
  });
});
