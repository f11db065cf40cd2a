// The capacity map puts each point where the places are: a municipality at its own centre (its
// LAU's population-weighted centre), and for readers of aggregates only, a NUTS 3 group at the
// mean of its municipalities' centres weighted by places — not at the region's centre.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  cookies.national = await t.signIn('coordinator@migrationsverket.localpact.eu');
  cookies.observer = await t.signIn('observer@ec.localpact.eu');
});
afterAll(async () => { await t?.close(); });

type Point = { code: string; name: string; organisationId: string | null; lon: number; lat: number; total: number };
const map = async (who: string, territory: string) => (await t.request({ url: `/api/reception/map?territory=${territory}`, cookie: cookies[who] })).json().items as Point[];
const territory = async (code: string) => (await t.request({ url: `/api/territories/${code}`, cookie: cookies.national })).json() as { lon: number; lat: number };

describe('map points at their real places', () => {
  it('puts each municipality at its own centre', async () => {
    for (const p of await map('national', 'SE')) {
      const own = await territory(p.code);
      expect([p.lon, p.lat], p.name).toEqual([own.lon, own.lat]);
    }
  });

  it('puts a group of one municipality on that municipality, not on its region\'s centre', async () => {
    const points = await map('observer', 'EU');
    const hamburg = points.find((p) => p.code === 'DE600')!;
    expect(hamburg.organisationId).toBeNull();
    const city = await territory('DE_02000000');
    expect(hamburg.lon).toBeCloseTo(city.lon, 6);
    expect(hamburg.lat).toBeCloseTo(city.lat, 6);
    const mechelen = points.find((p) => p.code === 'BE212')!;
    const town = await territory('BE_12025');
    const region = await territory('BE212');
    expect(mechelen.lon).toBeCloseTo(town.lon, 6);
    expect(Math.abs(mechelen.lon - region.lon) + Math.abs(mechelen.lat - region.lat)).toBeGreaterThan(0.01);
  });

  it('puts a group of several municipalities among them, weighted by places', async () => {
    const stockholm = (await map('observer', 'SE')).find((p) => p.code === 'SE110')!;
    const munis = await map('national', 'SE');
    const w = munis.reduce((a, m) => a + m.total, 0);
    expect(stockholm.lon).toBeCloseTo(munis.reduce((a, m) => a + m.lon * m.total, 0) / w, 6);
    expect(stockholm.lat).toBeCloseTo(munis.reduce((a, m) => a + m.lat * m.total, 0) / w, 6);
    const county = await territory('SE110');
    expect(Math.abs(stockholm.lat - county.lat)).toBeGreaterThan(0.05); // the county's centre is Stockholm city's south
  });
});
