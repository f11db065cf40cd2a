// Privacy of the duplicate check and of answers that carry personal data (issue 11):
// - nothing tells the asker that a person exists outside its reach; such a pair becomes a
//   duplicate review for whoever's reach covers both records (the national authority), audited;
// - every disclosure of personal data is audited, also inside an error body that rolls the
//   command back (409 possible_duplicate, a plan conflict) and in side answers (withdrawing a
//   consent that was withdrawn already).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=case_management';

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cwSe: 'caseworker@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu', palermo: 'officer@palermo.localpact.eu',
    cwHh: 'caseworker@hamburg.localpact.eu', se: 'coordinator@migrationsverket.localpact.eu', de: 'coordinator@bamf.localpact.eu',
    region: 'coordinator@stockholm-region.localpact.eu',
  })) c[k] = await t.signIn(email);
});
afterAll(async () => { await t?.close(); });

const send = (method: string, url: string, cookie: string, body?: unknown) => t.request({ method, url, cookie, body });

/** Audit rows as the platform sees them (past row-level security), with their purpose. */
async function auditRows(where: { action: string; recordId?: string }) {
  return t.database.db.transaction().execute(async (trx) => {
    await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
    const r = await sql<{ actor_email: string; record_id: string; purpose: string | null; detail: Record<string, unknown> | null }>`
      select a.actor_email, a.record_id, x.text::jsonb->>'purpose' as purpose, a.detail from audit_log a left join audit_texts x on x.id = a.text_id
      where a.action = ${where.action} and (${where.recordId ?? null}::text is null or a.record_id = ${where.recordId ?? null}) order by a.id`.execute(trx);
    return r.rows;
  });
}

async function aSollentunaPerson() {
  const items = (await send('GET', `/api/people?${P}&limit=50`, c.cwSe)).json().items as Array<{ id: string; givenName: string; familyName: string; birthDate: string | null; identityPending: boolean }>;
  return items.find((p) => p.birthDate && !p.identityPending)!;
}

describe('nothing reveals a person outside the caller\'s reach', () => {
  it('answers the duplicate check of another organisation with nothing at all, and audits what it does show', async () => {
    const p = await aSollentunaPerson();
    for (const [who, name] of [['palermo', p.familyName], ['sigtuna', p.familyName], ['palermo', p.familyName + 'x']] as const) {
      const res = await send('POST', '/api/people/duplicates', c[who], { givenName: p.givenName, familyName: name, birthDate: p.birthDate });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ matches: [] });
      expect(res.body).not.toMatch(/Sollentuna/i);
    }
    // Inside its own reach the asker sees the match, and the read is audited with its purpose.
    const own = await send('POST', '/api/people/duplicates', c.cwSe, { givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate });
    expect(own.json().matches.map((m: { id: string }) => m.id)).toContain(p.id);
    expect((await auditRows({ action: 'person.read', recordId: p.id })).filter((r) => r.purpose === 'duplicate_check')).toHaveLength(1);
  });

  it('registers a likely duplicate held elsewhere without a hint, and opens a review for the national authority', async () => {
    const p = await aSollentunaPerson();
    const res = await send('POST', '/api/people', c.sigtuna, {
      givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/Sollentuna/i);
    const newId = res.json().id as string;

    // Not for the asker, nor for a coordinator without the right, nor for another country's authority.
    expect((await send('GET', '/api/duplicate-reviews', c.sigtuna)).statusCode).toBe(403);
    expect((await send('GET', '/api/duplicate-reviews', c.region)).statusCode).toBe(403);
    expect((await send('GET', '/api/duplicate-reviews', c.de)).json()).toEqual({ items: [], total: 0 });

    // The home page's figure: a count, for the reviewer only.
    expect((await send('GET', '/api/duplicate-reviews/count', c.sigtuna)).statusCode).toBe(403);
    expect((await send('GET', '/api/duplicate-reviews/count', c.de)).json()).toEqual({ open: 0 });
    const waiting = (await send('GET', '/api/duplicate-reviews/count', c.se)).json().open as number;
    expect(waiting).toBeGreaterThanOrEqual(1);
    const list = await send('GET', '/api/duplicate-reviews', c.se);
    expect(list.statusCode).toBe(200);
    const review = list.json().items.find((r: { people: Array<{ id: string }> }) => r.people[0].id === newId);
    expect(review).toMatchObject({ status: 'open', version: 1, people: [
      { id: newId, givenName: p.givenName, familyName: p.familyName, organisation: { name: 'Sigtuna kommun' } },
      { id: p.id, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, organisation: { name: 'Sollentuna kommun' } },
    ] });
    // Opening and every listing are in the audit log; the listing as a read of both people.
    expect(await auditRows({ action: 'duplicate_review.open', recordId: review.id })).toHaveLength(1);
    const reads = await auditRows({ action: 'duplicate_review.read' });
    expect(reads.filter((r) => r.actor_email === 'coordinator@migrationsverket.localpact.eu').map((r) => r.record_id)).toEqual(expect.arrayContaining([newId, p.id]));

    // Another country's authority cannot decide it either (404, as if it did not exist).
    expect((await send('POST', `/api/duplicate-reviews/${review.id}/resolve`, c.de, { outcome: 'same_person', version: 1 })).statusCode).toBe(404);
    const done = await send('POST', `/api/duplicate-reviews/${review.id}/resolve`, c.se, { outcome: 'different_people', note: 'Different places of birth on the two passports', version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'different_people', version: 2, note: 'Different places of birth on the two passports' });
    expect((await send('POST', `/api/duplicate-reviews/${review.id}/resolve`, c.se, { outcome: 'same_person', version: 1 })).statusCode).toBe(409);
    expect(await auditRows({ action: 'duplicate_review.resolve', recordId: review.id })).toHaveLength(1);
    expect((await send('GET', '/api/duplicate-reviews/count', c.se)).json()).toEqual({ open: waiting - 1 });
    expect((await send('GET', '/api/duplicate-reviews', c.se)).json().items.find((r: { id: string }) => r.id === review.id)).toBeUndefined();
    expect((await send('GET', '/api/duplicate-reviews?status=different_people', c.se)).json().items.map((r: { id: string }) => r.id)).toContain(review.id);
  });
});

describe('every disclosure of personal data is audited', () => {
  it('audits the people a 409 possible_duplicate names, although the registration rolls back', async () => {
    const p = await aSollentunaPerson();
    const before = (await auditRows({ action: 'person.read', recordId: p.id })).length;
    const res = await send('POST', '/api/people', c.cwSe, {
      givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().duplicates.matches.map((m: { id: string }) => m.id)).toContain(p.id);
    const after = await auditRows({ action: 'person.read', recordId: p.id });
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actor_email: 'caseworker@sollentuna.localpact.eu', purpose: 'duplicate_check' });
  });

  it('audits a plan conflict that shows the current goals', async () => {
    const p = await aSollentunaPerson();
    const goals = 'Swedish for immigrants, then a nursing assistant course';
    const first = await send('PUT', `/api/people/${p.id}/plan`, c.cwSe, { goals });
    const version = first.statusCode === 200 ? first.json().version : (await send('GET', `/api/people/${p.id}?${P}`, c.cwSe)).json().plan.version;
    await send('PUT', `/api/people/${p.id}/plan`, c.cwSe, { version, goals });
    const before = (await auditRows({ action: 'person.read', recordId: p.id })).filter((r) => r.purpose === 'plan_conflict').length;
    const stale = await send('PUT', `/api/people/${p.id}/plan`, c.cwSe, { version: 1, goals: 'stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.goals).toBe(goals);
    expect((await auditRows({ action: 'person.read', recordId: p.id })).filter((r) => r.purpose === 'plan_conflict')).toHaveLength(before + 1);
  });

  it('audits withdrawing a consent that was withdrawn already (the answer lists the consents)', async () => {
    const p = await aSollentunaPerson();
    const consents = await send('POST', `/api/people/${p.id}/consents`, c.cwSe, { purpose: 'contact', givenOn: '2026-01-10', how: 'in_writing' });
    expect(consents.statusCode).toBe(201);
    const id = consents.json().items.find((x: { purpose: string; withdrawnOn: string | null }) => x.purpose === 'contact' && !x.withdrawnOn).id;
    expect((await send('POST', `/api/consents/${id}/withdraw`, c.cwSe)).statusCode).toBe(200);
    const before = (await auditRows({ action: 'consent.withdraw', recordId: p.id })).length;
    const again = await send('POST', `/api/consents/${id}/withdraw`, c.cwSe);
    expect(again.statusCode).toBe(200);
    expect(again.json().items.length).toBeGreaterThan(0);
    const after = await auditRows({ action: 'consent.withdraw', recordId: p.id });
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ purpose: 'consent withdrawal', detail: { consentId: id, alreadyWithdrawn: true } });
  });
});
