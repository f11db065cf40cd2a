import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, normalisePath, queryString, setApiLanguage, setUnauthorizedHandler } from './client';

function respond(status: number, body: unknown, contentType = 'application/json') {
  return vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(status === 204 ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': contentType },
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(null);
  setApiLanguage('en');
});

describe('api client', () => {
  it('sends the UI language, same-origin credentials and JSON', async () => {
    const fetch = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    setApiLanguage('uk');
    await api('/users', { method: 'POST', body: { a: 1 }, query: { q: 'x y', empty: '', none: undefined, limit: 5 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/users?q=x+y&limit=5');
    expect(init!.credentials).toBe('same-origin');
    expect((init!.headers as Record<string, string>)['Accept-Language']).toBe('uk');
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init!.body).toBe('{"a":1}');
  });

  it('parses problem+json into ApiError with field errors', async () => {
    vi.stubGlobal(
      'fetch',
      respond(
        400,
        { type: 'about:blank', title: 'Invalid input', status: 400, detail: 'Check the fields', errors: [{ path: 'body.email', message: 'Not an email' }, { path: '/password', message: 'Too short' }] },
        'application/problem+json',
      ),
    );
    const err = await api('/users', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect([e.status, e.title, e.detail]).toEqual([400, 'Invalid input', 'Check the fields']);
    expect(e.fieldErrors()).toEqual({ email: 'Not an email', password: 'Too short' });
  });

  it('reports 409 conflicts and 401 (calling the unauthorised handler except on sign-in)', async () => {
    vi.stubGlobal('fetch', respond(409, { title: 'Conflict', status: 409, detail: 'Stale version' }, 'application/problem+json'));
    const conflict = (await api('/users/1', { method: 'PATCH', body: { version: 1 } }).catch((e: unknown) => e)) as ApiError;
    expect(conflict.status).toBe(409);
    expect(conflict.detail).toBe('Stale version');

    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    vi.stubGlobal('fetch', respond(401, { title: 'Sign in', status: 401 }, 'application/problem+json'));
    await api('/auth/sign-in', { method: 'POST', body: {} }).catch(() => undefined);
    expect(handler).not.toHaveBeenCalled();
    await api('/me').catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into status 0 and 204 into undefined', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    expect(((await api('/me').catch((e: unknown) => e)) as ApiError).status).toBe(0);
    vi.stubGlobal('fetch', respond(204, null));
    expect(await api('/auth/sign-out', { method: 'POST' })).toBeUndefined();
  });

  it('helpers', () => {
    expect(queryString({ a: 'x', b: '', c: null, d: 0 })).toBe('?a=x&d=0');
    expect(queryString({})).toBe('');
    expect(normalisePath('body.organisationId')).toBe('organisationId');
    expect(normalisePath('/email')).toBe('email');
  });
});
