// Sign-in throttling (issue 11): counted and decided in one step before the password is checked,
// per account and address with growing waits, and device cookies that keep a user's own browser out
// of an attack on their email. Runs on PGlite and on PostgreSQL (real parallel requests there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD } from '../../platform/demo.ts';

let t: TestApp;
let base = '';
beforeAll(async () => {
  t = await startTestApp({ signInFreeFailures: 5, signInAccountFreeFailures: 20, signInAddressFreeFailures: 50, signInDelaySeconds: 60, signInMaxDelaySeconds: 600 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await t?.close(); });

const signInFrom = (address: string, email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: address, headers, payload: { email, password } });
const deviceCookie = (res: { cookies: Array<{ name: string; value: string }> }) => res.cookies.find((c) => c.name === 'localpact_device')?.value;
/** Moves every wait into the past, as if it had elapsed. */
const elapse = () => sql`update sign_in_throttle set next_at = clock_timestamp() - interval '1 second' where next_at > clock_timestamp()`.execute(t.database.db);

describe('sign-in throttling', () => {
  it('checks at most the free attempts when 100 wrong guesses arrive at once', async () => {
    const email = 'officer@palermo.localpact.eu';
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${base}/api/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'fr' }, body: JSON.stringify({ email, password: `wrong-guess-${i}` }),
    }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() }))));
    const checked = answers.filter((a) => a.status === 401).length;
    const throttled = answers.filter((a) => a.status === 429);
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked + throttled.length).toBe(100);
    expect(Number(throttled[0].retryAfter)).toBeGreaterThanOrEqual(1);
    expect(throttled[0].body.title).toBe('Trop de tentatives de connexion échouées');
    expect(throttled[0].body.detail).toMatch(/attendez \d+\s(secondes?|minutes?) avant de réessayer/);
    const audited = await t.database.db.selectFrom('audit_log').select('outcome').where('action', '=', 'auth.sign_in_failed').where('actor_email', '=', email).execute();
    expect(audited.filter((a) => a.outcome === 'failed').length).toBe(checked);
    expect(audited.filter((a) => a.outcome === 'denied').length).toBe(throttled.length);
    // Even the right password waits now: the decision is taken before any password is looked at.
    expect((await signInFrom('127.0.0.1', email, DEMO_PASSWORD)).statusCode).toBe(429);
  });

  it('lets the real user in from another address, and with a device cookie after a distributed attack', async () => {
    const email = 'officer@mechelen.localpact.eu';
    // The user signed in from this browser last week: it holds a device cookie.
    const first = await signInFrom('198.51.100.7', email, DEMO_PASSWORD);
    expect(first.statusCode).toBe(200);
    const device = deviceCookie(first)!;
    expect(device).toBeTruthy();
    expect(first.cookies.find((c) => c.name === 'localpact_device')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/sign-in' });

    // An attacker hammers the email from one address: after 5 checked guesses it only gets waits.
    const attack = [];
    for (let i = 0; i < 30; i++) attack.push((await signInFrom('203.0.113.9', email, `guess-${i}`)).statusCode);
    expect(attack.filter((s) => s === 401)).toHaveLength(5);
    expect(attack.filter((s) => s === 429)).toHaveLength(25);
    // The user, from the town hall's address, without the cookie: not stopped.
    expect((await signInFrom('192.0.2.10', email, DEMO_PASSWORD)).statusCode).toBe(200);

    // A botnet: one guess each from 20 addresses (the account's budget for unknown clients, which
    // the user's success above started again). The account, for unknown clients, now waits…
    for (let i = 0; i < 20; i++) expect((await signInFrom(`203.0.113.${100 + i}`, email, `botnet-${i}`)).statusCode).toBe(401);
    const stranger = await signInFrom('192.0.2.77', email, DEMO_PASSWORD);
    expect(stranger.statusCode).toBe(429);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // …but the user's own browser, with its device cookie, signs in at once.
    const own = await signInFrom('192.0.2.77', email, DEMO_PASSWORD, { cookie: `localpact_device=${device}` });
    expect(own.statusCode).toBe(200);
    expect(deviceCookie(own)).toBeUndefined(); // the cookie it has stays valid
    // A device cookie of another account does not help against this one.
    const other = await signInFrom('192.0.2.78', 'officer@lisboa.localpact.eu', DEMO_PASSWORD);
    const foreign = await signInFrom('192.0.2.77', 'officer@lisboa.localpact.eu', 'wrong', { cookie: `localpact_device=${device}` });
    expect(other.statusCode).toBe(200);
    expect(foreign.statusCode).toBe(401);
  });

  it('makes each wait longer than the one before, up to the cap', async () => {
    const email = 'officer@barcelona.localpact.eu';
    const address = '198.51.100.200';
    for (let i = 0; i < 5; i++) expect((await signInFrom(address, email, `free-${i}`)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      const blocked = await signInFrom(address, email, `blocked-${round}`);
      expect(blocked.statusCode).toBe(429);
      waits.push(Number(blocked.headers['retry-after']));
      await elapse();
      expect((await signInFrom(address, email, `after-wait-${round}`)).statusCode).toBe(401);
    }
    // A minute after the 5th failure, then 2, 4, 8 → capped at 10.
    expect(waits).toEqual([60, 120, 240, 480, 600]);
    // A success resets the account's counters: the next failure is free again.
    await elapse();
    expect((await signInFrom(address, email, DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await signInFrom(address, email, 'typo')).statusCode).toBe(401);
  });

  it('keeps neither emails nor addresses in the throttle table', async () => {
    const rows = await t.database.db.selectFrom('sign_in_throttle').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toMatch(/localpact\.eu|203\.0\.113|198\.51\.100/);
  });
});
