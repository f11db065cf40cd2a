// The request gate (issue 11): 401 before validation on every private operation, cross-site writes
// refused whatever their body (and audited), and the security headers from @fastify/helmet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { installErrorHandling } from './errors.ts';

let t: TestApp;
let operations: Array<{ method: string; path: string }> = [];
const PUBLIC = new Set(['POST /api/auth/sign-in', 'GET /api/health', 'GET /api/roles']);
const fill = (path: string) => path.replace(/\{[^}]+\}/g, 'not-an-id');

beforeAll(async () => {
  t = await startTestApp();
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => { await t?.close(); });

describe('authentication comes first', () => {
  it('answers 401 to every private operation without a session, before looking at params, query or body', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const op of operations) {
      const label = `${op.method} ${op.path}`;
      const res = await t.app.inject({
        method: op.method as 'GET', url: `${fill(op.path)}?limit=many&purpose=%00&zzz=1`,
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { headers: { 'content-type': 'application/json' }, payload: '{"bogus": "\\u0000", "version": "x"}' }),
      });
      if (PUBLIC.has(label)) { if (res.statusCode === 401) wrong.push(`${label} → 401 (public)`); continue; }
      if (res.statusCode !== 401) wrong.push(`${label} → ${res.statusCode}`);
      else expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(wrong).toEqual([]);
  });
});

describe('cross-site requests', () => {
  it('refuses a body-less text/plain POST from a foreign origin that used to withdraw a consent', async () => {
    const cookie = await t.signIn('caseworker@sollentuna.localpact.eu');
    const people = (await t.request({ url: '/api/people?purpose=case_management', cookie })).json();
    const personId = people.items[0].id;
    const given = await t.request({ method: 'POST', url: `/api/people/${personId}/consents`, cookie, body: { purpose: 'contact', givenOn: '2026-01-05', how: 'in_writing' } });
    expect(given.statusCode).toBe(201);
    const consent = given.json().items.find((c: { purpose: string }) => c.purpose === 'contact');

    const forged = await t.app.inject({ method: 'POST', url: `/api/consents/${consent.id}/withdraw`, headers: { cookie, origin: 'https://evil.example', 'content-type': 'text/plain' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(forged.json().type).toBe('https://localpact.eu/problems/cross-site');
    const after = (await t.request({ url: `/api/people/${personId}?purpose=case_management`, cookie })).json();
    expect(after.consents.find((c: { id: string }) => c.id === consent.id).withdrawnOn).toBeNull();
    const audited = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.cross_site').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ outcome: 'denied', actor_email: 'caseworker@sollentuna.localpact.eu' });
    expect(audited[0].detail).toMatchObject({ method: 'POST', route: '/api/consents/:id/withdraw', origin: 'https://evil.example' });
  });

  it('refuses every state-changing operation from another site: Sec-Fetch-Site, Origin, or Referer', async () => {
    const cookie = await t.signIn('admin@localpact.eu');
    const writes = operations.filter((o) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(o.method));
    expect(writes.length).toBeGreaterThan(30);
    const variants: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
    ];
    const wrong: string[] = [];
    for (const op of writes) {
      for (const headers of variants) {
        const res = await t.app.inject({ method: op.method as 'POST', url: fill(op.path), headers: { ...headers, cookie, 'content-type': 'application/json' }, payload: '{}' });
        if (res.statusCode !== 403 || res.json().type !== 'https://localpact.eu/problems/cross-site') wrong.push(`${op.method} ${op.path} ${JSON.stringify(headers)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets the own pages, an allowed origin and clients without browser headers through', async () => {
    const own = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { host: 'localpact.example.eu', origin: 'http://localpact.example.eu', 'sec-fetch-site': 'same-origin' }, payload: { email: 'dpo@localpact.eu', password: 'localpact-demo' } });
    expect(own.statusCode).toBe(200);
    const referer = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { host: 'localpact.example.eu', referer: 'http://localpact.example.eu/sign-in' }, payload: { email: 'dpo@localpact.eu', password: 'localpact-demo' } });
    expect(referer.statusCode).toBe(200);
    const curl = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'dpo@localpact.eu', password: 'localpact-demo' } });
    expect(curl.statusCode).toBe(200);
    const cookie = `localpact_session=${curl.cookies.find((c) => c.name === 'localpact_session')!.value}`;
    expect((await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { locale: 'de' } })).statusCode).toBe(200);
    // A login form on another site (login CSRF) is refused too.
    const loginCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { origin: 'https://evil.example' }, payload: { email: 'dpo@localpact.eu', password: 'localpact-demo' } });
    expect(loginCsrf.statusCode).toBe(403);
    // A form body is refused even from the own origin: writes take JSON.
    const form = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie, 'content-type': 'text/plain' }, payload: 'locale=fr' });
    expect(form.statusCode).toBe(415);
  });

  it('accepts the origins ALLOWED_ORIGINS names', async () => {
    const other = await startTestApp({ allowedOrigins: ['https://localpact.example.eu'] });
    try {
      const res = await other.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { host: '10.0.0.5:3000', origin: 'https://localpact.example.eu', 'sec-fetch-site': 'same-site' }, payload: { email: 'dpo@localpact.eu', password: 'localpact-demo' } });
      expect(res.statusCode).toBe(200);
    } finally { await other.close(); }
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy and the usual headers from helmet', async () => {
    for (const url of ['/api/health', '/api/roles', '/api/docs/', '/api/docs/static/swagger-ui-bundle.js', '/', '/no-such-page']) {
      const res = await t.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp.replace(/style-src[^;]*/, ''), url).not.toContain('unsafe-inline');
      if (!url.startsWith('/api/docs')) expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      // HSTS only behind TLS (SECURE_COOKIES=true).
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const tls = await startTestApp({ secureCookies: true });
    try {
      const res = await tls.app.inject({ url: '/api/health' });
      expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally { await tls.close(); }
  });
});

describe('the error handler\'s safety net', () => {
  it('answers a unique violation that escaped its path with 409, not 500', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.post('/x', async () => { throw Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), { code: '23505' }); });
    const res = await app.inject({ method: 'POST', url: '/x', headers: { 'accept-language': 'de' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: 'https://localpact.eu/problems/unique-violation', title: 'Existiert bereits', status: 409 });
    await app.close();
  });
});
