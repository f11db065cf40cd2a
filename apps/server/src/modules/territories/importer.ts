// Loads the vendored territory tree (data/territories.tsv.gz, data/countries.tsv) into the
// database. Idempotent: a re-import updates names and figures in place (organisations keep their
// references), in one transaction.
import { sql } from 'kysely';
import type { Db } from '../../platform/context.ts';
import { readTerritories, readCountries, type TerritoryRow } from './dataset.ts';
import { indexKey } from './search-key.ts';

export const EU_ROOT = 'EU';

export interface ImportProgress { phase: 'read' | 'write' | 'index'; done: number; total: number }

export async function importTerritories(db: Db, opts: { territoriesPath?: string; countriesPath?: string; onProgress?: (p: ImportProgress) => void } = {}): Promise<{ territories: number; countries: number }> {
  const rows: TerritoryRow[] = [];
  for await (const row of readTerritories(opts.territoriesPath)) rows.push(row);
  opts.onProgress?.({ phase: 'read', done: rows.length, total: rows.length });
  const countries = await readCountries(opts.countriesPath);

  // Parents before children, and each row's path from the EU root.
  rows.sort((a, b) => a.level - b.level || (a.code < b.code ? -1 : 1));
  const paths = new Map<string, string>([[EU_ROOT, `${EU_ROOT}/`]]);
  const records = [{ code: EU_ROOT, level: 0, parent_code: null as string | null, country: null as string | null, name: 'European Union', search_name: indexKey('European Union EU'), population: null as number | null, lon: null as number | null, lat: null as number | null, area_km2: null as number | null, path: `${EU_ROOT}/` }];
  let euPopulation = 0;
  for (const r of rows) {
    const parent = r.level === 0 ? EU_ROOT : r.parent;
    const parentPath = parent ? paths.get(parent) : undefined;
    if (!parent || !parentPath) throw new Error(`territory ${r.code}: parent ${r.parent ?? '(none)'} is not in the data`);
    const path = `${parentPath}${r.code}/`;
    paths.set(r.code, path);
    if (r.level === 0 && r.population) euPopulation += r.population;
    records.push({
      code: r.code, level: r.level + 1, parent_code: parent, country: r.country, name: r.name,
      search_name: indexKey(r.name), population: r.population, lon: r.lon, lat: r.lat, area_km2: r.areaKm2, path,
    });
  }
  records[0].population = euPopulation || null;

  await db.transaction().execute(async (trx) => {
    const batch = 2000;
    for (let i = 0; i < records.length; i += batch) {
      await trx.insertInto('territories').values(records.slice(i, i + batch)).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code'), country: eb.ref('excluded.country'),
        name: eb.ref('excluded.name'), search_name: eb.ref('excluded.search_name'), population: eb.ref('excluded.population'),
        lon: eb.ref('excluded.lon'), lat: eb.ref('excluded.lat'), area_km2: eb.ref('excluded.area_km2'), path: eb.ref('excluded.path'),
      }))).execute();
      opts.onProgress?.({ phase: 'write', done: Math.min(i + batch, records.length), total: records.length });
    }
    await sql`update territories set child_count = 0 where child_count <> 0`.execute(trx);
    await sql`update territories t set child_count = c.n
              from (select parent_code, count(*) as n from territories where parent_code is not null group by parent_code) c
              where t.code = c.parent_code`.execute(trx);
    opts.onProgress?.({ phase: 'index', done: records.length, total: records.length });
    for (const c of countries) {
      await trx.insertInto('countries').values({
        code: c.code, iso3: c.iso3, name: c.name, population: c.population, population_year: c.populationYear, gdp_usd: c.gdpUsd, gdp_year: c.gdpYear,
      }).onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        iso3: eb.ref('excluded.iso3'), name: eb.ref('excluded.name'), population: eb.ref('excluded.population'),
        population_year: eb.ref('excluded.population_year'), gdp_usd: eb.ref('excluded.gdp_usd'), gdp_year: eb.ref('excluded.gdp_year'),
      }))).execute();
    }
  });
  await sql`analyze territories`.execute(db);
  return { territories: records.length, countries: countries.length };
}

export async function territoryCount(db: Db): Promise<number> {
  const r = await db.selectFrom('territories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Prints the import's progress every 10 %. */
export function progressPrinter(say: (m: string) => void) {
  let last = -1;
  return (p: ImportProgress) => {
    const pct = Math.floor((p.done / Math.max(p.total, 1)) * 100);
    if (p.phase === 'write' && pct >= last + 10) { last = pct; say(`  territories ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} (${pct} %)`); }
    if (p.phase === 'index') say('  building the tree counts…');
  };
}
