import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => { t = await startTestApp(); cookie = await t.signIn('officer@sollentuna.localpact.eu'); });
afterAll(async () => { await t?.close(); });

const get = async (url: string) => { const r = await t.request({ url, cookie }); return { status: r.statusCode, body: r.json() }; };

describe('territory tree', () => {
  it('has the EU root, 27 countries and every municipality of the vendored data', async () => {
    const eu = await get('/api/territories/EU');
    expect(eu.status).toBe(200);
    expect(eu.body.childCount).toBe(27);
    const counts = await t.database.db.selectFrom('territories').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').orderBy('level').execute();
    expect(counts.map((c) => Number(c.n))).toEqual([1, 27, 93, 245, 1166, 95194]);
    // France counts: the EU's population is about 450 million, not the 384 million without it.
    expect(eu.body.population).toBeGreaterThan(445_000_000);
    expect(eu.body.population).toBeLessThan(455_000_000);
    const fr = await get('/api/territories/FR');
    expect(fr.body.population).toBeGreaterThan(67_000_000);
  });

  it('browses country → region → municipality with populations, names in people\'s order', async () => {
    const se = await get('/api/territories/SE/children');
    // Norra, Östra, Södra: Ö sorts with O for people, not after Z as its bytes would.
    expect(se.body.items.map((x: { name: string }) => x.name)).toEqual(['Norra Sverige', 'Östra Sverige', 'Södra Sverige']);
    const county = await get('/api/territories/SE110/children?limit=100');
    expect(county.body.total).toBe(26);
    const names = county.body.items.map((x: { name: string }) => x.name);
    expect(names).toContain('Sollentuna');
    // ICU order puts Ö after O-words and Ä/Å in Swedish-neutral order, never by byte value.
    expect(names.indexOf('Österåker')).toBeGreaterThan(names.indexOf('Botkyrka'));
    const sollentuna = county.body.items.find((x: { name: string }) => x.name === 'Sollentuna');
    expect(sollentuna.population).toBeGreaterThan(70000);
    const byPop = await get('/api/territories/SE110/children?sort=population&limit=1');
    expect(byPop.body.items[0].name).toBe('Stockholm');
    const paris = await get('/api/territories/FR101/children');
    expect(paris.body.items.map((x: { name: string }) => x.name)).toEqual(['Paris']);
  });

  it('gives the ancestors of a municipality, root first', async () => {
    const r = await get('/api/territories/SE_0163');
    expect(r.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['EU', 'SE', 'SE1', 'SE11', 'SE110']);
    expect(r.body.level).toBe('lau');
  });

  it('searches accent-insensitively, in every script, best match first', async () => {
    const malmo = await get('/api/territories?q=Malmo');
    expect(malmo.body.items[0].name).toBe('Malmö');
    expect(malmo.body.items[0].path).toContain('Skåne');
    const saint = await get('/api/territories?q=' + encodeURIComponent('Saint Ghislain'));
    expect(saint.body.items[0].name).toBe('Saint-Ghislain');
    const beziers = await get('/api/territories?q=beziers');
    expect(beziers.body.items[0].code).toBe('FR_34032');
    const upplands = await get('/api/territories?q=upplands%20vasby');
    expect(upplands.body.items[0].code).toBe('SE_0114');
    const lodz = await get('/api/territories?q=lodz');
    expect(lodz.body.items.some((x: { name: string }) => x.name.startsWith('Łódź'))).toBe(true);
    const greek = await get('/api/territories?q=' + encodeURIComponent('Αθηνα'));
    expect(greek.body.items.length).toBeGreaterThan(0);
    expect(greek.body.items[0].country).toBe('EL');
    const within = await get('/api/territories?q=berg&within=SE110');
    expect(within.body.items.every((x: { path: string }) => x.path.includes('Stockholms län'))).toBe(true);
  });

  it('answers unknown codes with a 404 problem', async () => {
    const r = await t.request({ url: '/api/territories/XX_000', cookie, headers: { 'accept-language': 'de' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().title).toBe('Nicht gefunden');
  });

  it('is not readable without signing in', async () => {
    const r = await t.request({ url: '/api/territories/SE' });
    expect(r.statusCode).toBe(401);
  });
});
