// The audit log is tamper-evident (issue 11): a sealing pass links every entry into a hash chain,
// and `localpact audit verify` reports an entry changed, deleted, or whose text was changed, by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import type { CliContext } from '../../platform/module.ts';
import { audit as auditModule } from './index.ts';
import { sealAuditLog, verifyAuditLog } from './service.ts';

let t: TestApp;
let dpo: string;
beforeAll(async () => { t = await startTestApp(); dpo = await t.signIn('dpo@localpact.eu'); });
afterAll(async () => { await t?.close(); });

/** As the database's owner, past the append-only triggers: what an intruder with the keys could do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction().execute(async (trx) => {
    await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
  });
}

async function runVerify(): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const ctx = { say: (m: string) => out.push(m), open: async () => ({ ...t.database, close: async () => {} }) } as unknown as CliContext;
  const code = await auditModule.commands!.find((c) => c.name === 'audit verify')!.run([], ctx);
  return { code, out };
}

describe('the audit log is tamper-evident', () => {
  it('seals every entry and verifies clean', async () => {
    expect((await t.request({ url: '/api/audit?q=x', cookie: dpo })).statusCode).toBe(200);
    expect(await sealAuditLog(t.database.db)).toBeGreaterThan(0);
    expect(await sealAuditLog(t.database.db)).toBe(0); // nothing new
    const r = await verifyAuditLog(t.database.db);
    expect(r).toMatchObject({ tampered: [], unsealed: 0 });
    expect(r.sealed).toBeGreaterThan(0);
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
    const cli = await runVerify();
    expect(cli.code).toBe(0);
    expect(cli.out.join('\n')).toContain('0 tampered');
  });

  it('reports a changed entry, a deleted entry and a changed text by id', async () => {
    for (const q of ['a', 'b', 'c']) expect((await t.request({ url: `/api/audit?q=${q}`, cookie: dpo })).statusCode).toBe(200);
    await sealAuditLog(t.database.db);
    const ids = (await t.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
      return sql<{ id: string; text_id: string | null }>`select id, text_id from audit_log order by id`.execute(trx);
    })).rows;
    const changed = Number(ids[1].id), deleted = Number(ids[2].id);
    const withText = ids.find((r) => r.text_id !== null && Number(r.id) !== changed && Number(r.id) !== deleted)!;
    await tamper(sql`update audit_log set actor_email = 'nobody@example.org' where id = ${changed}`);
    await tamper(sql`delete from audit_log where id = ${deleted}`);
    await tamper(sql`update audit_texts set text = '{"purpose":"routine check"}' where id = ${withText.text_id}`);
    const r = await verifyAuditLog(t.database.db);
    expect(r.tampered).toEqual(expect.arrayContaining([
      { auditId: changed, problem: 'changed' }, { auditId: deleted, problem: 'missing' }, { auditId: Number(withText.id), problem: 'text_changed' },
    ]));
    expect(r.tampered).toHaveLength(3);
    const cli = await runVerify();
    expect(cli.code).toBe(1);
    expect(cli.out.join('\n')).toContain(`TAMPERED audit entry ${changed}`);
  });

  it('keeps the chain append-only', async () => {
    await expect(t.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('localpact.system', 'on', true)`.execute(trx);
      await sql`update audit_chain set hash = 'x'`.execute(trx);
    })).rejects.toThrow(/append-only/);
  });
});
