// Integration pathways through the HTTP API, on the demo data (Hamburg, Sollentuna).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=case_management';

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cw: 'caseworker@hamburg.localpact.eu', officer: 'officer@hamburg.localpact.eu', cwSe: 'caseworker@sollentuna.localpact.eu',
    admin: 'admin@localpact.eu', dpo: 'dpo@localpact.eu', lang: 'partner@sprachbruecke-hamburg.localpact.eu', hwk: 'partner@hwk-hamburg.localpact.eu',
    region: 'coordinator@stockholm-region.localpact.eu', bamf: 'coordinator@bamf.localpact.eu',
  })) c[k] = await t.signIn(email);
});
afterAll(async () => { await t?.close(); });

const get = (url: string, cookie: string) => t.request({ url, cookie });
const post = (url: string, cookie: string, body: unknown) => t.request({ method: 'POST', url, cookie, body });
const orgId = async (q: string) => (await get(`/api/organisations?q=${encodeURIComponent(q)}`, c.admin)).json().items[0].id as string;
const findPerson = async (cookie: string, q: string) => (await get(`/api/people?${P}&q=${encodeURIComponent(q)}`, cookie)).json().items as Array<{ id: string; givenName: string; familyName: string; householdId: string }>;

const mother = {
  givenName: 'Iryna', familyName: 'Pryklad', birthDate: '1987-09-23', sex: 'female', nationalities: ['UA'], preferredLocale: 'uk',
  languages: [{ code: 'uk', level: 'native' }, { code: 'de', level: 'A1' }], phone: '+49 40 0000 0001', identifiers: [{ type: 'passport', value: 'FX000111' }],
  address: 'Musterweg 1, 20095 Hamburg', status: { typeCode: 'temporary_protection', validFrom: '2025-03-01' },
};

describe('registration with duplicate detection', () => {
  it('warns before creating a person whose name matches in another script and whose date of birth is the same', async () => {
    const res = await post('/api/people', c.cw, mother);
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.type).toContain('possible-duplicate');
    expect(body.duplicates.matches).toHaveLength(1);
    expect(body.duplicates.matches[0]).toMatchObject({ givenName: 'Ірина', familyName: 'Приклад', sameBirthDate: true });
    // Aleksandr/Oleksandr/Alexander-style variants are found by the same check.
    const check = await post('/api/people/duplicates', c.cw, { givenName: 'Irina', familyName: 'Prikład', birthDate: '1987-09-23' });
    expect(check.json().matches).toHaveLength(1);
    // Same name, a date of birth one day off (a typo?): still shown, marked as another date.
    const typo = await post('/api/people/duplicates', c.cw, { givenName: 'Iryna', familyName: 'Pryklad', birthDate: '1987-09-24' });
    expect(typo.json().matches).toMatchObject([{ sameBirthDate: false }]);
    const other = await post('/api/people/duplicates', c.cw, { givenName: 'Iryna', familyName: 'Pryklad', birthDate: '1988-09-23' });
    expect(other.json().matches).toHaveLength(0);
    const otherName = await post('/api/people/duplicates', c.cw, { givenName: 'Olena', familyName: 'Pryklad', birthDate: '1987-09-23' });
    expect(otherName.json().matches).toHaveLength(0);
  });

  it('tells another organisation nothing about a match outside its reach: not who, not where, not how many', async () => {
    const res = await post('/api/people/duplicates', c.cwSe, { givenName: 'Iryna', familyName: 'Pryklad', birthDate: '1987-09-23' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ matches: [] });
    expect(res.body).not.toContain('Ірина');
    expect(res.body).not.toContain('Hamburg');
  });

  it('registers after the case worker confirms it is another person; children join the household', async () => {
    const res = await post('/api/people', c.cw, { ...mother, confirmNotDuplicate: true });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ givenName: 'Iryna', familyName: 'Pryklad', birthYear: 1987, householdRole: 'head', status: { typeCode: 'temporary_protection', endsOn: '2027-03-04' } });
    for (const [given, birth] of [['Sofiia', '2015-04-02'], ['Taras', '2018-10-12']]) {
      const k = await post('/api/people', c.cw, { givenName: given, familyName: 'Pryklad', birthDate: birth, sex: given === 'Taras' ? 'male' : 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }], householdId: m.householdId, householdRole: 'child', status: { typeCode: 'temporary_protection' } });
      expect(k.statusCode).toBe(201);
    }
    const members = (await get(`/api/people/${m.id}?${P}`, c.cw)).json().household;
    expect(members.map((x: { givenName: string }) => x.givenName).sort()).toEqual(['Iryna', 'Sofiia', 'Taras']);
  });

  it('finds people by name in any script or spelling, and by fragments', async () => {
    const names = async (q: string) => (await findPerson(c.cw, q)).map((p) => `${p.givenName} ${p.familyName}`).sort();
    expect(await names('Приклад')).toEqual(['Iryna Pryklad', 'Sofiia Pryklad', 'Taras Pryklad', 'Ірина Приклад']);
    expect(await names('Irina Prikład')).toEqual(['Iryna Pryklad', 'Ірина Приклад']);
    expect(await names('Pryk')).toEqual(['Iryna Pryklad', 'Sofiia Pryklad', 'Taras Pryklad', 'Ірина Приклад']);
    expect(await names('Zrazok')).toEqual(['Андрій Зразок', 'Максим Зразок']);
    expect(await findPerson(c.cwSe, 'Pryklad')).toHaveLength(1); // Sollentuna's own Оксана Приклад only
  });

  it('rejects bad input with field paths', async () => {
    const res = await post('/api/people', c.cw, { ...mother, birthDate: '2999-01-01', confirmNotDuplicate: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.birthDate');
    expect((await post('/api/people', c.cw, { ...mother, nationalities: ['Ukraine'] })).statusCode).toBe(400);
    expect((await post('/api/people', c.cw, { ...mother, birthDate: '2023-02-30', confirmNotDuplicate: true })).statusCode).toBe(400);
    expect((await post('/api/people', c.cw, { ...mother, confirmNotDuplicate: true, status: { typeCode: 'refugee', validFrom: '2026-01-01', validUntil: '2025-01-01' } })).statusCode).toBe(400);
    expect((await post('/api/people', c.cw, { ...mother, languages: [{ code: 'uk', level: 'Z9' }] })).statusCode).toBe(400);
  });

  it('is refused to roles without people.write (404 for partners, regions and the EU)', async () => {
    for (const who of ['lang', 'region', 'bamf', 'admin', 'dpo']) expect((await post('/api/people', c[who], { ...mother, confirmNotDuplicate: true })).statusCode).toBe(404);
  });
});

describe('reads are gated and audited with their purpose', () => {
  it('requires a purpose on every read of personal data', async () => {
    expect((await get('/api/people', c.cw)).statusCode).toBe(400);
    const [p] = await findPerson(c.cw, 'Pryklad');
    expect((await get(`/api/people/${p.id}`, c.cw)).statusCode).toBe(400);
    expect((await get('/api/worklist', c.cw)).statusCode).toBe(400);
  });

  it('writes one audit row per person read, with who and why', async () => {
    const before = Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const list = await get('/api/people?purpose=monthly+review&limit=200', c.cw);
    const ids: string[] = list.json().items.map((p: { id: string }) => p.id);
    expect(ids.length).toBeGreaterThan(5);
    const detail = await get(`/api/people/${ids[0]}?purpose=home+visit`, c.cw);
    expect(detail.statusCode).toBe(200);
    // The purpose is kept apart from the row (audit_texts), to be erased with the person.
    const rows = await t.database.db.selectFrom('audit_log').leftJoin('audit_texts as x', 'x.id', 'audit_log.text_id')
      .select(['audit_log.record_id', 'audit_log.action', 'audit_log.actor_email', sql<string | null>`x.text::jsonb->>'purpose'`.as('purpose')]).where('audit_log.id', '>', before).execute();
    for (const id of ids) expect(rows.some((r) => r.record_id === id && r.action === 'person.list' && r.purpose === 'monthly review' && r.actor_email === 'caseworker@hamburg.localpact.eu')).toBe(true);
    expect(rows.some((r) => r.record_id === ids[0] && r.action === 'person.read' && r.purpose === 'home visit')).toBe(true);
  });

  it('answers 404 to other organisations, partners and higher levels', async () => {
    const [p] = await findPerson(c.cw, 'Pryklad');
    for (const who of ['cwSe', 'lang', 'hwk', 'region', 'bamf', 'admin', 'dpo']) expect((await get(`/api/people/${p.id}?${P}`, c[who])).statusCode).toBe(404);
    expect((await get(`/api/people?${P}`, c.cwSe)).json().items.some((x: { id: string }) => x.id === p.id)).toBe(false);
  });

  it('row-level security alone hides other organisations\' people', async () => {
    const { withActor } = await import('../../platform/context.ts');
    const actor = { id: '00000000-0000-0000-0000-000000000001', email: 'x', role: 'case_worker' as const, organisationId: await orgId('Sollentuna kommun'), organisationKind: 'municipality', territoryCode: 'SE_0163', territoryPath: '', rights: [], locale: null, ip: null };
    const tables = ['people', 'person_identities', 'legal_statuses', 'pathway_steps', 'pathway_plans', 'consents', 'households'] as const;
    for (const table of tables) {
      const rows = await withActor(t.database.db, actor, (trx) => sql<{ organisation_id: string }>`select organisation_id from ${sql.table(table)}`.execute(trx));
      if (table === 'people' || table === 'person_identities') expect(rows.rows.length, table).toBeGreaterThan(0);
      for (const r of rows.rows) expect(r.organisation_id).toBe(actor.organisationId);
    }
  });
});

describe('break the glass', () => {
  let otherCw = '';
  beforeAll(async () => {
    // A second German municipality with its own case worker.
    const org = await post('/api/organisations', c.admin, { name: 'Landeshauptstadt Glastest', kind: 'municipality', territoryCode: 'DE_09162000' });
    expect(org.statusCode).toBe(201);
    const u = await post('/api/users', c.admin, { email: 'cw@glastest.localpact.eu', displayName: 'Gerd Glas', role: 'case_worker', organisationId: org.json().id, password: 'glass-test-password' });
    expect(u.statusCode).toBe(201);
    otherCw = await t.signIn('cw@glastest.localpact.eu', 'glass-test-password');
  });

  it('lets a case worker of the same country read with a stated reason, logs it and shows it to the DPO', async () => {
    const [p] = await findPerson(c.cw, 'Mustermann');
    expect((await get(`/api/people/${p.id}?${P}`, otherCw)).statusCode).toBe(404);
    expect((await get(`/api/people/${p.id}?${P}&breakGlass=urgent`, otherCw)).statusCode).toBe(404);
    const reason = 'Moved here last night; needs her medication plan';
    const res = await get(`/api/people/${p.id}?${P}&breakGlass=${encodeURIComponent(reason)}`, otherCw);
    expect(res.statusCode).toBe(200);
    expect(res.json().reachedBy).toBe('glass');
    // Read only: the glass opens no write.
    expect((await post(`/api/people/${p.id}/steps`, otherCw, { domain: 'health_psychosocial', title: 'x' })).statusCode).toBe(404);
    // Another country cannot break the glass at all.
    expect((await get(`/api/people/${p.id}?${P}&breakGlass=${encodeURIComponent(reason)}`, c.cwSe)).statusCode).toBe(404);
    const events = (await get('/api/break-glass', c.dpo)).json().items;
    expect(events.find((e: { personId: string; outcome: string }) => e.personId === p.id && e.outcome === 'ok')).toMatchObject({ actorEmail: 'cw@glastest.localpact.eu', reason });
    expect(events.filter((e: { personId: string; outcome: string }) => e.personId === p.id && e.outcome === 'denied').length).toBeGreaterThanOrEqual(1);
    expect((await get('/api/break-glass', c.cw)).statusCode).toBe(403);
  });
});
