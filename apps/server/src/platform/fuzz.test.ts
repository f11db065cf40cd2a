// Every route of the API, fed invalid params, query strings and bodies: the answer is always a
// 4xx (or a 2xx when the input happens to be valid) with problem+json — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../test/harness.ts';

/** Dates at and past every limit; VALID_DATES are the ones inside the limits. */
const DATE_EDGES = ['0001-01-01', '0000-01-01', '1899-12-31', '1900-01-01', '2200-12-31', '2201-01-01', '9999-12-31', '275760-09-13', '+275760-09-13', '-271821-04-20',
  '294277-01-01', '5874897-12-31', '5874898-01-01', '2026-02-30', '2026-04-31', '2023-02-29', '2024-02-29', '2026-00-10', '2026-13-01',
  '2026-02-30T10:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:00:00+25:00', '1900-01-01T00:00:00+14:00', '2200-12-31T23:59:59-12:00'];
const VALID_DATES = new Set(['1900-01-01', '2200-12-31', '2024-02-29', '1900-01-01T00:00:00+14:00', '2200-12-31T23:59:59-12:00']);

let t: TestApp;
let cookies: Record<string, string> = {};
let operations: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  t = await startTestApp({ signInFreeFailures: 1000, signInAccountFreeFailures: 1000, signInAddressFreeFailures: 1000 });
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  cookies = { admin: await t.signIn('admin@localpact.eu'), officer: await t.signIn('officer@sollentuna.localpact.eu'), dpo: await t.signIn('dpo@localpact.eu'), caseworker: await t.signIn('caseworker@hamburg.localpact.eu'), coordinator: await t.signIn('coordinator@migrationsverket.localpact.eu'), anonymous: '' };
});
afterAll(async () => { await t?.close(); });

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '../../etc/passwd', '%00', '\u0000', 'null', 'undefined', '-1', '1e309', 'NaN', "' or 1=1 --", '<script>', 'ＳＥ', 'x'.repeat(3000), '00000000-0000-0000-0000-000000000000', 'SE_0163', '2026-13-45', '2026-02-30', '1900-01-01', '😀'),
  // Control characters and broken Unicode (issue 11).
  fc.constantFrom('a\u0000', 'ab\u0000c', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'x\udfffy', '😀\ud83d'),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 5 }),
  // Dates at and past the limits of the domain (1900..2200), of PostgreSQL (4713 BC..5874897 AD;
  // timestamps to 294276 AD) and of JavaScript (±275760-09-13), and impossible calendar days.
  fc.constantFrom(...DATE_EDGES),
);
const weirdValue = fc.oneof(weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }));
const knownKeys = ['email', 'password', 'locale', 'version', 'displayName', 'role', 'organisationId', 'active', 'name', 'kind', 'territoryCode', 'parentId', 'website', 'q', 'limit', 'offset', 'sort', 'within', 'from', 'to', 'actor', 'action', 'territory',
  // reception (issue 3)
  'total', 'occupied', 'reserved', 'persons', 'households', 'csv', 'at', 'state', 'reason', 'procedure', 'targetOrganisationId', 'expectedAt', 'deadlineHours', 'deadlineAt', 'ids', 'all', 'format', 'resource', 'direction', 'needs', 'unit', 'labels', 'code',
  // integration pathways
  'purpose', 'breakGlass', 'subjectRequest', 'givenName', 'familyName', 'birthDate', 'sex', 'nationalities', 'languages', 'householdId', 'status', 'typeCode',
  'endsOn', 'templateId', 'domain', 'title', 'dueOn', 'partnerOrganisationId', 'shares', 'givenOn', 'how', 'reason', 'toOrganisationId', 'goals', 'closed', 'confirmNotDuplicate',
  'decidedOn', 'validFrom', 'validUntil', 'expectedArrival', 'reference', 'otherNames', 'note', 'notes', 'labels'];
const weirdBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...knownKeys), weirdValue, { maxKeys: 6 }),
);

function fillPath(path: string, values: string[]): string {
  let i = 0;
  // A lone surrogate has no UTF-8 form: send the bytes a careless client would (CESU-8).
  const encode = (v: string) => { try { return encodeURIComponent(v); } catch { return '%ED%A0%80'; } };
  return path.replace(/\{[^}]+\}/g, () => encode(values[i++ % values.length] ?? 'x'));
}

async function expectNoServerError(res: { statusCode: number; headers: Record<string, unknown>; body: string }, label: string) {
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    const body = JSON.parse(res.body);
    expect(typeof body.title).toBe('string');
    expect(body.status).toBe(res.statusCode);
    for (const e of body.errors ?? []) { expect(typeof e.path).toBe('string'); expect(e.message.length).toBeGreaterThan(0); }
  }
}

describe('fuzzing every route', () => {
  it('lists the routes from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
  });

  it('never answers 500 to invalid params, query strings or bodies, as any user', async () => {
    await fc.assert(fc.asyncProperty(
      fc.nat({ max: 10_000 }), fc.constantFrom('admin', 'officer', 'dpo', 'caseworker', 'anonymous'),
      fc.array(weirdString, { minLength: 1, maxLength: 2 }), fc.dictionary(fc.constantFrom(...knownKeys, 'zzz'), weirdString, { maxKeys: 4 }), weirdBody,
      async (i, who, params, query, body) => {
        const op = operations[i % operations.length];
        if (op.path === '/api/auth/sign-out') return; // would end the session the other runs use
        if (op.path === '/api/events/stream') return; // an endless stream: covered by reception.test.ts
        const qs = new URLSearchParams(query as Record<string, string>).toString();
        const url = fillPath(op.path, params) + (qs ? `?${qs}` : '');
        const res = await t.request({ method: op.method, url, cookie: cookies[who] || undefined, body: op.method === 'GET' ? undefined : body });
        await expectNoServerError(res, `${who} ${op.method} ${url}`);
      }), { numRuns: 600, seed: 2026 });
  });

  it('answers malformed JSON and wrong content types with 4xx problems', async () => {
    for (const op of operations.filter((o) => o.method !== 'GET')) {
      const url = fillPath(op.path, ['00000000-0000-0000-0000-000000000000']);
      for (const [type, payload] of [['application/json', '{"email": '], ['application/json', ''], ['text/plain', 'hello'], ['application/x-www-form-urlencoded', 'a=1']] as const) {
        const res = await t.app.inject({ method: op.method as 'POST', url, headers: { 'content-type': type, cookie: cookies.admin }, payload });
        await expectNoServerError(res, `${op.method} ${url} as ${type}`);
      }
    }
  });

  it('names the offending field, in the caller\'s language', async () => {
    const res = await t.request({ method: 'POST', url: '/api/users', cookie: cookies.admin, headers: { 'accept-language': 'fr-BE,fr;q=0.9' }, body: { email: 'not-an-email', displayName: '', role: 'king', organisationId: 'x', password: 'short' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.title).toBe("La requête n'est pas valide");
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.displayName', 'body.role', 'body.organisationId', 'body.password']));
    expect(body.errors.find((e: { path: string }) => e.path === 'body.displayName').message).toBe('doit comporter au moins 1 caractères');
    const ar = await t.request({ method: 'POST', url: '/api/auth/sign-in', headers: { 'accept-language': 'ar' }, body: { email: 'x@y.z' } });
    expect(ar.json().errors[0]).toEqual({ path: 'body.password', message: 'مطلوب' });
  });
});

// ---- issue 11: control characters, broken Unicode and dates, field by field ------------------------
type Schema = { type?: string | string[]; format?: string; enum?: string[]; properties?: Record<string, Schema>; anyOf?: Schema[]; items?: Schema };
type Operation = { parameters?: Array<{ in: string; name: string; schema: Schema }>; requestBody?: { content?: Record<string, { schema: Schema }> } };

const isString = (s: Schema | undefined): boolean => !!s && (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')) || !!s.anyOf?.some(isString));
const formatOf = (s: Schema | undefined): string | undefined => s?.format ?? s?.anyOf?.map(formatOf).find(Boolean);

describe('control characters, broken Unicode and dates at the limits', () => {
  const spec = () => t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const who = (path: string) => (path.startsWith('/api/audit') || path.startsWith('/api/users') || path.startsWith('/api/organisations') || path.startsWith('/api/status-types') || path.startsWith('/api/reception/resource-types') ? 'admin' : path.startsWith('/api/placement') ? 'coordinator' : 'caseworker');
  const HOSTILE = ['a\u0000', 'ab\u0000c', '\u0001', 'x\u001bz', '\u007f', 'a\u0085b', '\ud800', 'x\udc00y'];

  it('answers the reported cases with a 400 that names the field, on this driver', async () => {
    const cw = cookies.caseworker;
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/people?purpose=case_management&q=a%00', undefined, 'querystring.q'],
      ['GET', '/api/people?purpose=ab%00c', undefined, 'querystring.purpose'],
      ['POST', '/api/people', { givenName: 'Ada', familyName: 'Test', birthDate: '0001-01-01', sex: 'female', nationalities: [], languages: [] }, 'body.birthDate'],
      ['POST', '/api/people', { givenName: 'Ada', familyName: 'Test', birthDate: '2999-01-01', sex: 'female', nationalities: [], languages: [] }, 'body.birthDate'],
      ['POST', '/api/people', { givenName: 'Ad\u0000a', familyName: 'Test', birthDate: '1990-01-01', sex: 'female', nationalities: [], languages: [] }, 'body.givenName'],
      ['GET', '/api/reception/rollup?territory=DE&at=9999-12-31', undefined, 'querystring.at'],
      ['GET', '/api/reception/rollup?territory=DE&at=2026-02-30', undefined, 'querystring.at'],
      ['GET', '/api/people/%00?purpose=case_management', undefined, 'params.id'],
    ];
    for (const [method, url, body, path] of cases) {
      const res = await t.request({ method, url, cookie: method === 'GET' && url.includes('rollup') ? cookies.officer : cw, body, headers: { 'accept-language': 'de' } });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path), `${method} ${url}`).toContain(path);
    }
    const date = await t.request({ url: '/api/reception/rollup?territory=SE&at=2026-02-30', cookie: cookies.officer, headers: { 'accept-language': 'fr' } });
    expect(date.json().errors[0]).toEqual({ path: 'querystring.at', message: 'doit être un jour (AAAA-MM-JJ) ou une date et une heure entre 1900 et 2200' });
    const nul = await t.request({ url: '/api/people?purpose=case_management&q=a%00', cookie: cw, headers: { 'accept-language': 'uk' } });
    expect(nul.json().errors[0].message).toBe('не повинно містити керівних символів (як-от NUL) або пошкодженого Unicode');
    // Inside the limits, the same queries work.
    expect((await t.request({ url: '/api/reception/rollup?territory=SE_0163&at=2024-02-29', cookie: cookies.officer })).statusCode).toBe(200);
    expect((await t.request({ url: '/api/people?purpose=case_management&q=a%09b', cookie: cw })).statusCode).toBe(200);
  });

  it('refuses them in every string parameter, query and body field of every operation', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(spec().paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        if (path === '/api/auth/sign-out' || path === '/api/events/stream') continue;
        const cookie = cookies[who(path)];
        const targets: Array<{ where: 'path' | 'query' | 'body'; name: string; format?: string }> = [];
        for (const p of op.parameters ?? []) if ((p.in === 'query' || p.in === 'path') && isString(p.schema)) targets.push({ where: p.in, name: p.name, format: formatOf(p.schema) });
        const body = op.requestBody?.content?.['application/json']?.schema;
        for (const [name, s] of Object.entries(body?.properties ?? {})) if (isString(s)) targets.push({ where: 'body', name, format: formatOf(s) });
        for (const target of targets) {
          const dates = target.format && ['date', 'date-time', 'birth-date', 'day-or-instant'].includes(target.format) ? DATE_EDGES.filter((d) => !VALID_DATES.has(d) && !(target.format === 'birth-date' && d === '2024-02-29')) : [];
          for (const value of [...HOSTILE, ...dates]) {
            if (target.format === 'date-time' && DATE_EDGES.includes(value) && !value.includes('T')) continue; // a bare day is not a date-time anyway
            // A URL carries UTF-8: a lone surrogate cannot be written into one (see the raw bytes below).
            if (target.where !== 'body' && /[\ud800-\udfff]/.test(value)) continue;
            const valid = (name: string) => op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema.enum?.[0] ?? '00000000-0000-0000-0000-000000000000';
            let url = path.replace(/\{([^}]+)\}/g, (_, name) => (target.where === 'path' && name === target.name ? encodeURIComponent(value) : valid(name)));
            if (target.where === 'query') url += `?${new URLSearchParams({ [target.name]: value })}`;
            const res = await t.request({ method, url, cookie, body: method === 'GET' ? undefined : target.where === 'body' ? { [target.name]: value } : {} });
            checked++;
            const expected = `${target.where === 'query' ? 'querystring' : target.where === 'path' ? 'params' : 'body'}.${target.name}`;
            const paths = res.statusCode === 400 ? res.json().errors?.map((e: { path: string }) => e.path) ?? [] : [];
            if (res.statusCode !== 400 || !paths.includes(expected)) wrong.push(`${method} ${url} ${target.where}.${target.name}=${JSON.stringify(value)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  }, 600_000); // some 1,700 requests: about 20 s on an idle machine, minutes under a full parallel run

  it('answers bytes that are not UTF-8 in a path or query with a 4xx', async () => {
    for (const url of ['/api/people?purpose=case_management&q=%ED%A0%80', '/api/people?purpose=case_management&q=%C0%80', '/api/people/%ED%A0%80?purpose=case_management', '/api/people?purpose=%FF']) {
      await expectNoServerError(await t.request({ url, cookie: cookies.caseworker }), url);
    }
  });
});
