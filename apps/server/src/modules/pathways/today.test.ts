// The case worker's home page (issue 12): new arrivals still to open and referrals partners
// answered, from GET /pathways/today — counted within the organisation, names audited as reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const get = (url: string, cookie?: string) => t.request({ url, cookie });
const post = (url: string, cookie: string, body?: unknown) => t.request({ method: 'POST', url, cookie, body: body ?? {} });

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cw: 'caseworker@hamburg.localpact.eu', cwSe: 'caseworker@sollentuna.localpact.eu', admin: 'admin@localpact.eu',
    lang: 'partner@sprachbruecke-hamburg.localpact.eu', observer: 'observer@ec.localpact.eu',
  })) c[k] = await t.signIn(email);
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('GET /pathways/today', () => {
  it('counts the people whose identity is still to be entered, as the People list marks them', async () => {
    const today = await get('/api/pathways/today?purpose=case_management', c.cwSe);
    expect(today.statusCode, today.body).toBe(200);
    const people = (await get('/api/people?purpose=case_management&limit=200', c.cwSe)).json();
    const pending = people.items.filter((p: { identityPending: boolean; closedAt?: string | null }) => p.identityPending && !p.closedAt).length;
    expect(today.json().newArrivals).toBe(pending);
    expect(today.json().days).toBe(14);
  });

  it('lists a referral once the partner answers it, to the referring organisation only, and audits the names read', async () => {
    const cw = c.cw;
    const lang = (await get('/api/organisations?q=Sprachbr%C3%BCcke', c.admin)).json().items[0].id as string;
    const person = (await post('/api/people', cw, { givenName: 'Olena', familyName: 'Heimtest', birthDate: '1990-03-04', sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }], status: { typeCode: 'temporary_protection' }, confirmNotDuplicate: true })).json();
    expect(person.id, JSON.stringify(person)).toBeTruthy();
    const before = (await get('/api/pathways/today?purpose=case_management', cw)).json();
    expect(before.referralsAnswered.some((r: { personId: string }) => r.personId === person.id)).toBe(false);
    await post(`/api/people/${person.id}/consents`, cw, { purpose: 'share_with_partner', partnerOrganisationId: lang, givenOn: '2026-01-10', how: 'in_writing' });
    const ref = (await post(`/api/people/${person.id}/referrals`, cw, { partnerOrganisationId: lang, shares: ['name'] })).json();
    // Sent but not answered: not on the home page yet.
    expect((await get('/api/pathways/today?purpose=case_management', cw)).json().referralsAnswered.some((r: { id: string }) => r.id === ref.id)).toBe(false);
    expect((await t.request({ method: 'PATCH', url: `/api/referrals/${ref.id}`, cookie: c.lang, body: { version: ref.version, status: 'accepted' } })).statusCode).toBe(200);

    const after = (await get('/api/pathways/today?purpose=home_page', cw)).json();
    const item = after.referralsAnswered.find((r: { id: string }) => r.id === ref.id);
    expect(item).toMatchObject({ personId: person.id, givenName: 'Olena', familyName: 'Heimtest', status: 'accepted', partnerOrganisation: { id: lang } });
    // The purpose is kept apart from the row (audit_texts), to be erased with the person.
    const read = await t.database.db.selectFrom('audit_log').leftJoin('audit_texts as x', 'x.id', 'audit_log.text_id').select(['action'])
      .where('record_id', '=', person.id).where(sql<string>`x.text::jsonb->>'purpose'`, '=', 'home_page').execute();
    expect(read.length).toBeGreaterThan(0);
    // Another municipality's case worker never sees it.
    expect((await get('/api/pathways/today?purpose=case_management', c.cwSe)).json().referralsAnswered.some((r: { id: string }) => r.id === ref.id)).toBe(false);
  });

  it('answers 401 without a session, 400 without a purpose, and refuses roles without personal reach', async () => {
    expect((await get('/api/pathways/today?purpose=x')).statusCode).toBe(401);
    const noPurpose = await get('/api/pathways/today', c.cw);
    expect(noPurpose.statusCode).toBe(400);
    expect(JSON.stringify(noPurpose.json())).toContain('purpose');
    expect([403, 404]).toContain((await get('/api/pathways/today?purpose=case_management', c.observer)).statusCode);
    expect([403, 404]).toContain((await get('/api/pathways/today?purpose=case_management', c.lang)).statusCode);
  });
});
