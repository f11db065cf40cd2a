// Erasure leaves no name (issue 11): a person is read with purposes that name them, their record is
// opened by breaking the glass with a reason that names them, their name is typed into notes, a
// correction's reason and the DPO's audit search, and then they are erased with a reason that names
// them too. Afterwards no table of the database, in any column, holds their name; the audit log
// still holds every entry, and its hash chain still verifies. Run on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { sealAuditLog, verifyAuditLog } from '../audit/service.ts';

let t: TestApp;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({ cw: 'caseworker@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu', dpo: 'dpo@localpact.eu' })) c[k] = await t.signIn(email);
});
afterAll(async () => { await t?.close(); });

const send = (method: string, url: string, cookie: string, body?: unknown) => t.request({ method, url, cookie, body });
// Unusual names, so that any occurrence is this person's; the given name in Cyrillic is found in
// its Latin spelling too.
const GIVEN = 'Зоряна', GIVEN_LATIN = 'Zoriana', FAMILY = 'Quillfeatherova';
const needles = [GIVEN.toLowerCase(), GIVEN_LATIN.toLowerCase(), FAMILY.toLowerCase()];

/** Every table of the database, every column (the whole row cast to text): which rows name the person? */
async function rowsNaming(): Promise<string[]> {
  return t.database.db.transaction().execute(async (trx) => {
    await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(trx);
    expect(tables.rows.length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const r = await sql<{ row: string }>`select x::text as row from ${sql.table(name)} x
        where ${sql.join(needles.map((n) => sql`strpos(lower(x::text collate "und-x-icu"), ${n}) > 0`), sql` or `)}`.execute(trx);
      for (const row of r.rows) found.push(`${name}: ${row.row.slice(0, 300)}`);
    }
    return found;
  });
}

describe('erasure leaves no name', () => {
  it('finds the name nowhere in the database after reads, notes, a break of the glass, a search and the erasure itself named the person', async () => {
    const reg = await send('POST', '/api/people', c.cw, {
      givenName: GIVEN, familyName: FAMILY, otherNames: `${GIVEN_LATIN} ${FAMILY}`, birthDate: '1991-02-03', sex: 'female', nationalities: ['UA'],
      languages: [{ code: 'uk', level: 'native' }], phone: '+46 8 000 00 00', email: 'z.quillfeatherova@example.org', address: `c/o ${FAMILY}, Sollentuna`,
      identifiers: [{ type: 'passport', value: 'QF1234567' }], status: { typeCode: 'temporary_protection', note: `${FAMILY} showed her permit` }, confirmNotDuplicate: true,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const person = reg.json();
    const purpose = (p: string) => encodeURIComponent(p);
    expect((await send('GET', `/api/people/${person.id}?purpose=${purpose(`${GIVEN_LATIN} ${FAMILY} asked about her housing`)}`, c.cw)).statusCode).toBe(200);
    expect((await send('GET', `/api/people?purpose=${purpose(`looking for ${FAMILY}`)}&q=${FAMILY}`, c.cw)).json().total).toBe(1);
    const step = await send('POST', `/api/people/${person.id}/steps`, c.cw, { domain: 'language', title: `SFI course for ${GIVEN}`, notes: `${FAMILY} prefers evening classes` });
    expect(step.statusCode).toBe(201);
    const fix = await send('PATCH', `/api/people/${person.id}`, c.cw, { version: person.version, phone: '+46 8 000 00 01', reason: `${GIVEN_LATIN} ${FAMILY} called with a new number` });
    expect(fix.statusCode).toBe(200);
    // Another municipality of the same country breaks the glass, naming her in its reason.
    const glass = await send('GET', `/api/people/${person.id}?purpose=emergency&breakGlass=${purpose(`${FAMILY} arrived at our shelter at night`)}`, c.sigtuna);
    expect(glass.statusCode).toBe(200);
    expect((await send('GET', `/api/audit?q=${FAMILY}`, c.dpo)).statusCode).toBe(200);
    await sealAuditLog(t.database.db);

    const before = await rowsNaming();
    expect(before.some((r) => r.startsWith('audit_texts'))).toBe(true); // the texts exist until the erasure

    const auditRows = async () => Number((await t.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
      return sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(trx);
    })).rows[0].n);
    const entriesBefore = await auditRows();
    const erase = await send('POST', `/api/people/${person.id}/erase`, c.cw, { reason: `${GIVEN_LATIN} ${FAMILY} asked for erasure (letter of 3 Feb)` });
    expect(erase.statusCode).toBe(200);

    expect(await rowsNaming()).toEqual([]);
    // The log keeps every entry (one more: the erasure), and still verifies: only texts went.
    expect(await auditRows()).toBe(entriesBefore + 1);
    await sealAuditLog(t.database.db);
    const v = await verifyAuditLog(t.database.db);
    expect(v.tampered).toEqual([]);
    expect(v.unsealed).toBe(0);
  });
});
