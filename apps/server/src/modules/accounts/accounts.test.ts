import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ signInFreeFailures: 3 }); });
afterAll(async () => { await t?.close(); });

const auditRows = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

describe('sign-in and sessions', () => {
  it('signs in with an httpOnly SameSite cookie, argon2id hashes, and audits it', async () => {
    const res = await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'Officer@Sollentuna.localpact.eu', password: 'localpact-demo' } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'localpact_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(res.json().organisation.territory.code).toBe('SE_0163');
    const stored = await t.database.db.selectFrom('users').select('password_hash').where('email', '=', 'officer@sollentuna.localpact.eu').executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    const sessions = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.some((s) => s.token_hash === c.value)).toBe(false); // only the hash is stored
    const rows = await auditRows('auth.sign_in');
    expect(rows.at(-1)!.actor_email).toBe('officer@sollentuna.localpact.eu');
  });

  it('refuses wrong passwords and unknown emails alike, audits them, and rate-limits', async () => {
    const wrong = await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'sigtuna-nobody@localpact.eu', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    for (let i = 0; i < 3; i++) {
      const r = await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'officer@sigtuna.localpact.eu', password: 'wrong-password' } });
      expect(r.statusCode).toBe(401);
    }
    const limited = await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'officer@sigtuna.localpact.eu', password: 'localpact-demo' } });
    expect(limited.statusCode).toBe(429);
    const failed = await auditRows('auth.sign_in_failed');
    expect(failed.filter((r) => r.actor_email === 'officer@sigtuna.localpact.eu').map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'denied']);
    expect(failed.some((r) => r.actor_email === 'sigtuna-nobody@localpact.eu')).toBe(true);
  });

  it('ends the session on sign-out', async () => {
    const cookie = await t.signIn('observer@ec.localpact.eu');
    expect((await t.request({ url: '/api/me', cookie })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/sign-out', cookie })).statusCode).toBe(204);
    expect((await t.request({ url: '/api/me', cookie })).statusCode).toBe(401);
  });

  it('remembers the UI language', async () => {
    const cookie = await t.signIn('caseworker@hamburg.localpact.eu');
    const r = await t.request({ method: 'PATCH', url: '/api/me', cookie, body: { locale: 'uk' } });
    expect(r.json().locale).toBe('uk');
    expect((await t.request({ url: '/api/me', cookie })).json().locale).toBe('uk');
    expect((await t.request({ method: 'PATCH', url: '/api/me', cookie, body: { locale: 'xx' } })).statusCode).toBe(400);
  });
});

describe('user administration', () => {
  it('creates users, changes roles with optimistic versions, and audits each change', async () => {
    const admin = await t.signIn('admin@localpact.eu');
    const orgs = await t.request({ url: '/api/organisations?q=sigtuna&kind=municipality', cookie: admin });
    const sigtuna = orgs.json().items[0];
    const created = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { email: 'new.officer@sigtuna.localpact.eu', displayName: 'New Officer', role: 'case_worker', organisationId: sigtuna.id, password: 'a-long-enough-password' } });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    const dup = await t.request({ method: 'POST', url: '/api/users', cookie: admin, body: { email: 'NEW.officer@sigtuna.localpact.eu', displayName: 'Again', role: 'case_worker', organisationId: sigtuna.id, password: 'a-long-enough-password' } });
    expect(dup.statusCode).toBe(409);
    // A role that does not fit the organisation's kind is refused with the field named.
    const misfit = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: 1, role: 'eu_observer' } });
    expect(misfit.statusCode).toBe(400);
    expect(misfit.json().errors[0].path).toBe('body.role');

    const newUserCookie = await t.signIn('new.officer@sigtuna.localpact.eu', 'a-long-enough-password');
    const first = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: 1, role: 'municipal_officer' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: 1, displayName: 'Stale write' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    expect((await t.request({ url: `/api/users/${user.id}`, cookie: admin })).json().displayName).toBe('New Officer');
    // A role change ends the user's sessions.
    expect((await t.request({ url: '/api/me', cookie: newUserCookie })).statusCode).toBe(401);

    const disabled = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: 2, active: false } });
    expect(disabled.json().active).toBe(false);
    const signIn = await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'new.officer@sigtuna.localpact.eu', password: 'a-long-enough-password' } });
    expect(signIn.statusCode).toBe(401);

    const actions = (await t.database.db.selectFrom('audit_log').select(['action', 'detail']).where('record_id', '=', user.id).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.role_change', 'user.update']));
  });

  it('refuses user management to everyone but user managers', async () => {
    const officer = await t.signIn('officer@sollentuna.localpact.eu');
    const me = (await t.request({ url: '/api/me', cookie: officer })).json();
    const r = await t.request({ method: 'POST', url: '/api/users', cookie: officer, body: { email: 'x@y.localpact.eu', displayName: 'X', role: 'case_worker', organisationId: me.organisation.id, password: 'a-long-enough-password' } });
    expect(r.statusCode).toBe(403);
    const colleagues = (await t.request({ url: '/api/users', cookie: officer })).json();
    expect(colleagues.items.map((u: { email: string }) => u.email).sort()).toEqual(['caseworker@sollentuna.localpact.eu', 'officer@sollentuna.localpact.eu']);
  });
});

describe('the audit log', () => {
  it('is append-only for the application and for the database owner alike', async () => {
    await expect(sql`update audit_log set action = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    const { asSystem } = await import('../../platform/context.ts');
    await expect(asSystem(t.database.db, (trx) => sql`delete from audit_log`.execute(trx))).rejects.toThrow();
  });

  it('is searchable by the data-protection officer and exported as CSV, both audited', async () => {
    const dpo = await t.signIn('dpo@localpact.eu');
    const res = await t.request({ url: '/api/audit?action=auth.sign_in_failed&limit=100', cookie: dpo });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((e: { action: string }) => e.action === 'auth.sign_in_failed')).toBe(true);
    const byActor = await t.request({ url: '/api/audit?actor=sigtuna&from=2000-01-01&to=2200-12-31', cookie: dpo });
    expect(byActor.json().items.every((e: { actor: { email: string } }) => e.actor.email.includes('sigtuna'))).toBe(true);
    const csv = await t.request({ url: '/api/audit.csv?action=auth.', cookie: dpo });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor_email,organisation_id,action,record_type,record_id,purpose,outcome,ip');
    expect(lines.length).toBeGreaterThan(3);
    const exports = await auditRows('audit.export');
    expect(exports.at(-1)!.actor_email).toBe('dpo@localpact.eu');
    const bad = await t.request({ url: '/api/audit?from=yesterday', cookie: dpo });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('querystring.from');
  });
});
