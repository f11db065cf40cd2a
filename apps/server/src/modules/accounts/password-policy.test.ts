// New passwords (issue 11, NIST SP 800-63B): common, breached and guessable ones are refused, and
// so are ones that contain the account's email, its local part or the person's name — on creating
// a user, on changing a password, and on the command line — with the reason in the caller's language.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { cloneTemplate } from '../../../test/template.ts';
import { DEMO_PASSWORD } from '../../platform/demo.ts';
import { passwordProblem } from './password-policy.ts';

let t: TestApp;
let admin = '';
let sigtuna = '';
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin@localpact.eu');
  sigtuna = (await t.request({ url: '/api/organisations?q=sigtuna&kind=municipality', cookie: admin })).json().items[0].id;
});
afterAll(async () => { await t?.close(); });

const create = (password: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => t.request({
  method: 'POST', url: '/api/users', cookie: admin, headers,
  body: { email: 'amira.haddad@sigtuna.localpact.eu', displayName: 'Amira Haddad', role: 'case_worker', organisationId: sigtuna, password, ...extra },
});
const passwordError = (res: { json(): { errors?: Array<{ path: string; message: string }> } }) => res.json().errors?.find((e) => e.path === 'body.password')?.message;

describe('password policy', () => {
  it('refuses the passwords that used to be accepted, saying why in the caller\'s language', async () => {
    const cases: Array<[string, string, string]> = [
      ['aaaaaaaaaaaa', 'en', 'repeats the same characters: choose a longer, less predictable one'],
      ['123456789012', 'fr', 'fait partie des mots de passe les plus courants : choisissez-en un plus long et moins prévisible'],
      ['password123456', 'de', 'gehört zu den häufigsten Passwörtern: Wählen Sie ein längeres, weniger vorhersehbares'],
      ['qwertyuiopasdfgh', 'uk', 'є одним із найпоширеніших паролів: оберіть довший і менш передбачуваний'],
      [DEMO_PASSWORD, 'ar', 'يجب ألا يحتوي على اسم هذه الخدمة'],
      ['Amira.Haddad-2026', 'en', 'must not contain the email address or the name of the account'],
      ['xx-amira.haddad-xx', 'en', 'must not contain the email address or the name of the account'],
      ['haddad-amira-1990', 'en', 'must not contain the email address or the name of the account'],
      ['sigtuna-2026-sigtuna', 'en', 'must not contain the email address or the name of the account'],
      ['zxcvbnmasdfghjkl', 'en', 'is one of the most common passwords: choose a longer, less predictable one'],
      ['abcdefghijklmnop', 'en', 'is a sequence such as 12345 or abcde: choose a longer, less predictable one'],
    ];
    for (const [password, lang, message] of cases) {
      const res = await create(password, {}, { 'accept-language': lang });
      expect(res.statusCode, password).toBe(400);
      expect(passwordError(res), password).toBe(message);
    }
    // Nothing was created.
    expect((await t.request({ url: '/api/users?q=amira', cookie: admin })).json().total).toBe(0);
    // A long, unpredictable password is fine.
    expect((await create('harbour-lantern-quietly-47')).statusCode).toBe(201);
  });

  it('checks a changed password against the account\'s own email and name', async () => {
    const users = (await t.request({ url: '/api/users?q=amira', cookie: admin })).json().items;
    const user = users[0];
    for (const bad of ['password123456', 'Amira Haddad rocks', 'amira.haddad@sigtuna.localpact.eu']) {
      const res = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: user.version, password: bad } });
      expect(res.statusCode, bad).toBe(400);
      expect(passwordError(res), bad).toBeTruthy();
    }
    const ok = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin, body: { version: user.version, password: 'tundra-violin-74-marigold' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: user.email, password: 'tundra-violin-74-marigold' } })).statusCode).toBe(200);
  });

  it('keeps the seeded demo password working for the demo accounts only', async () => {
    expect((await t.request({ method: 'POST', url: '/api/auth/sign-in', body: { email: 'officer@sigtuna.localpact.eu', password: DEMO_PASSWORD } })).statusCode).toBe(200);
    expect(await passwordProblem(DEMO_PASSWORD, { email: 'someone@example.eu' })).toBe('service');
  });

  it('refuses them on the command line too, naming the option', async () => {
    const copy = await cloneTemplate(inject('localpactTemplate'));
    const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      if (copy.databaseUrl) process.env.DATABASE_URL = copy.databaseUrl; else { delete process.env.DATABASE_URL; process.env.DATA_DIR = copy.dataDir; }
      process.env.LC_ALL = 'fr_BE.UTF-8';
      const { main } = await import('../../cli.ts');
      const code = await main(['user', 'add', '--email', 'cli.user@sigtuna.localpact.eu', '--name', 'Cli User', '--role', 'case_worker', '--organisation', sigtuna, '--password', 'password123456']);
      expect(code).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('--password fait partie des mots de passe les plus courants');
      const ok = await main(['user', 'add', '--email', 'cli.user@sigtuna.localpact.eu', '--name', 'Cli User', '--role', 'case_worker', '--organisation', sigtuna, '--password', 'harbour-lantern-quietly-47']);
      expect(ok).toBe(0);
    } finally {
      err.mockRestore(); out.mockRestore();
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
      await copy.dispose();
    }
  });
});
