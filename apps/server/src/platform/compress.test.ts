// Responses are compressed when the client accepts it, and the live event stream is not (a
// compressor would hold events back until its buffer fills).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { openStream } from '../../test/sse.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => { t = await startTestApp(); cookie = await t.signIn('officer@sollentuna.localpact.eu'); });
afterAll(async () => { await t?.close(); });

describe('compression', () => {
  it('compresses JSON with brotli or gzip, as accepted, and leaves small or unasked responses alone', async () => {
    const plain = await t.request({ url: '/api/territories/SE110/children?limit=100', cookie });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ url: '/api/territories/SE110/children?limit=100', headers: { cookie, 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    const decoded = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(JSON.parse(decoded)).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await t.app.inject({ url: '/api/territories/SE110/children?limit=100', headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
    const small = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the OpenAPI document', async () => {
    const r = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBe('gzip');
  });

  it('never compresses the live event stream, so each event arrives at once', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/events/stream`, { headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'br, gzip, deflate' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    await res.body?.cancel();
    // Through the compression hook, an event still arrives while the stream stays open.
    const stream = await openStream(address, cookie);
    const sollentuna = (await t.request({ url: '/api/me', cookie })).json().organisation.id;
    const national = await t.signIn('coordinator@migrationsverket.localpact.eu');
    const notice = await t.request({ method: 'POST', url: '/api/reception/notices', cookie: national, body: { targetOrganisationId: sollentuna, procedure: 'asylum', expectedAt: new Date(Date.now() + 86_400_000).toISOString(), deadlineHours: 24, households: 1, persons: 1 } });
    expect(notice.statusCode).toBe(201);
    const e = await stream.waitFor((x) => x.type === 'notice.announced' && x.data.recordId === notice.json().id, 5_000);
    expect(e.data.payload.reference).toBe(notice.json().reference);
    stream.close();
  });
});
