// The EU observer sees aggregates only, everywhere (issue 11): its live events, notifications, roll-ups,
// map and people counts carry NUTS 3 regions at the finest, never an organisation's name, id or
// figures; counts of people below NUTS 3 are withheld under the small-cell threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { openStream } from '../../test/sse.ts';

let t: TestApp;
let base = '';
const c: Record<string, string> = {};
let sollentuna = '';
let municipalities: Array<{ id: string; name: string }> = [];

beforeAll(async () => {
  t = await startTestApp({ smallCellThreshold: 5 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  for (const [k, email] of Object.entries({ observer: 'observer@ec.localpact.eu', officer: 'officer@sollentuna.localpact.eu', national: 'coordinator@migrationsverket.localpact.eu', hamburg: 'officer@hamburg.localpact.eu', bamf: 'coordinator@bamf.localpact.eu' })) c[k] = await t.signIn(email);
  municipalities = await t.database.db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'municipality').execute();
  sollentuna = (await t.database.db.selectFrom('organisations').select('id').where('territory_code', '=', 'SE_0163').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });

/** Does this text name an organisation that holds capacity, or carry one's id? */
function leaks(text: string): string[] {
  return municipalities.flatMap((m) => [m.name, m.id]).filter((needle) => text.includes(needle));
}

describe('the EU observer', () => {
  it('gets capacity changes as NUTS 3 regions without names, ids or figures, live and in its notifications', async () => {
    const stream = await openStream(base, c.observer);
    const officerStream = await openStream(base, c.officer);
    const current = (await t.request({ url: `/api/reception/capacity/${sollentuna}`, cookie: c.officer })).json().items.find((i: { resource: string }) => i.resource === 'health_slots');
    const res = await t.request({ method: 'PUT', url: `/api/reception/capacity/${sollentuna}/health_slots`, cookie: c.officer, body: { total: 7919, occupied: 3, reserved: 0, version: current.version } });
    expect(res.statusCode).toBe(200);
    const seen = await stream.waitFor((e) => e.type === 'capacity.changed');
    // The officer's own stream still carries the full event.
    const full = await officerStream.waitFor((e) => e.type === 'capacity.changed');
    expect(full.data.payload.organisationName).toBe('Sollentuna kommun');
    expect(seen.data.recordId).toBeNull();
    expect(seen.data.payload).toEqual({ area: { code: 'SE110', name: expect.any(String) }, resource: 'health_slots' });
    expect(seen.data.payload.area.name).not.toBe('SE110');
    expect(leaks(JSON.stringify(seen.data))).toEqual([]);
    expect(JSON.stringify(seen.data)).not.toMatch(/7919|SE_0163/);

    const notes = await t.request({ url: '/api/notifications', cookie: c.observer });
    expect(notes.statusCode).toBe(200);
    const items = notes.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((n: { type: string; payload: Record<string, unknown> }) => n.type.startsWith('capacity.') && Object.keys(n.payload).sort().join() === 'area,resource')).toBe(true);
    expect(leaks(notes.body)).toEqual([]);
    expect(notes.body).not.toMatch(/7919|SE_0163/);
    stream.close(); officerStream.close();
  });

  it('reads roll-ups and the map down to NUTS 3 only; a municipality is not in its reach', async () => {
    const region = await t.request({ url: '/api/reception/rollup?territory=SE110', cookie: c.observer });
    expect(region.statusCode).toBe(200);
    expect(region.json().children).toEqual([]);
    for (const url of ['/api/reception/rollup?territory=SE_0163', '/api/reception/map?territory=SE_0163', '/api/reception/rollup?territory=SE_0163&at=2026-01-01']) {
      const res = await t.request({ url, cookie: c.observer });
      expect(res.statusCode, url).toBe(404);
    }
    // Every answer it can get from reception and pathways, for every level from the EU down to NUTS 3.
    for (const territory of ['EU', 'SE', 'SE1', 'SE11', 'SE110', 'DE', 'DE6', 'DE60', 'DE600']) {
      for (const url of [`/api/reception/rollup?territory=${territory}`, `/api/reception/map?territory=${territory}`, `/api/pathways/aggregate?territory=${territory}`]) {
        const res = await t.request({ url, cookie: c.observer });
        expect(res.statusCode, url).toBeLessThan(500);
        expect(leaks(res.body), url).toEqual([]);
      }
    }
    // The officer and the national coordinator still see their municipalities.
    expect((await t.request({ url: '/api/reception/rollup?territory=SE_0163', cookie: c.officer })).statusCode).toBe(200);
    expect((await t.request({ url: '/api/reception/rollup?territory=SE110', cookie: c.national })).json().children.length).toBeGreaterThan(0);
  });

  it('gets counts of people below NUTS 3 only from the small-cell threshold up', async () => {
    const scope = async (territory: string, who = 'observer') => (await t.request({ url: `/api/pathways/aggregate${territory ? `?territory=${territory}` : ''}`, cookie: c[who] })).json();
    // Hamburg-Mitte (LAU DE_02000000), in the NUTS 3 region Hamburg (DE600).
    const own = await scope('', 'hamburg');
    expect(own.suppressedBelow).toBeNull();
    expect(own.people).toBeGreaterThan(5);
    const small = Object.entries(own.byNationality as Record<string, number>).filter(([, n]) => n > 0 && n < 5).map(([k]) => k);
    expect(small.length).toBeGreaterThan(0);
    for (const who of ['observer', 'bamf']) {
      const lau = await scope('DE_02000000', who);
      expect(lau.suppressedBelow, who).toBe(5);
      expect(lau.people, who).toBe(own.people);
      for (const k of small) expect(lau.byNationality[k], `${who} ${k}`).toBeNull();
      const cells = [lau.people, lau.households, ...Object.values(lau.byStatus), ...Object.values(lau.byNationality), ...Object.values(lau.alerts)] as Array<number | null>;
      expect(cells.every((n) => n === null || n === 0 || n >= 5), who).toBe(true);
      // At NUTS 3 nothing is withheld.
      const region = await scope('DE600', who);
      expect(region.suppressedBelow, who).toBeNull();
      expect(region.byNationality[small[0]], who).toBe(own.byNationality[small[0]]);
    }
  });
});
