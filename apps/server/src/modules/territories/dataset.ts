/**
 * Readers for the vendored territory reference data in `<repo>/data/` (built by
 * `npm run data:build`, see data/README.md and NOTICE for sources and attribution).
 *
 * `territories.tsv.gz` rows are emitted sorted by `code` (plain code-point order). That order
 * happens to put every parent before its children (a NUTS code is a prefix of its children's
 * codes, and LAU codes `CC_…` sort after every NUTS code of their country), but importers
 * should not rely on it.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";

export interface TerritoryRow {
  /** Country: NUTS 2-letter code (EL = Greece); region: NUTS 2024 code; municipality: GISCO LAU id (e.g. SE_0114). */
  code: string;
  /** 0 = country, 1/2/3 = NUTS level, 4 = LAU 2020 municipality (Portugal: parish). */
  level: 0 | 1 | 2 | 3 | 4;
  /** Parent code; null for countries. */
  parent: string | null;
  /** NUTS 2-letter country code (EL for Greece). */
  country: string;
  /** Official name as in the source, in its own script (English for countries). */
  name: string;
  /** LAU 2020 population (France: legal population 2020); for regions/countries the sum over their LAUs; null when unknown. */
  population: number | null;
  /** Population-weighted centre (WGS84), 5 decimals; null when unknown. */
  lon: number | null;
  lat: number | null;
  areaKm2: number | null;
}

export interface CountryRow {
  code: string;
  iso3: string;
  name: string;
  population: number;
  populationYear: number;
  gdpUsd: number;
  gdpYear: number;
}

const DATA_DIR = new URL("../../../../../data/", import.meta.url);

/** Absolute path of `data/<name>` in the repository. */
export function dataFile(name: string): string {
  return fileURLToPath(new URL(name, DATA_DIR));
}

const TERRITORY_COLUMNS = ["code", "level", "parent", "country", "name", "population", "lon", "lat", "area_km2"] as const;
const COUNTRY_COLUMNS = ["code", "iso3", "name", "population", "population_year", "gdp_usd", "gdp_year"] as const;

function columnIndex(header: string, expected: readonly string[], file: string): Record<string, number> {
  const cols = header.split("\t");
  const idx: Record<string, number> = {};
  for (const c of expected) {
    const i = cols.indexOf(c);
    if (i < 0) throw new Error(`${file}: missing column "${c}"`);
    idx[c] = i;
  }
  return idx;
}

function optNumber(v: string | undefined, file: string, line: number): number | null {
  if (v === undefined || v === "") return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${file}:${line}: not a number: "${v}"`);
  return n;
}

function reqNumber(v: string | undefined, file: string, line: number): number {
  const n = optNumber(v, file, line);
  if (n === null) throw new Error(`${file}:${line}: missing number`);
  return n;
}

/** Streams `territories.tsv.gz` (gunzip + line parse), one row at a time. */
export async function* readTerritories(path: string = dataFile("territories.tsv.gz")): AsyncGenerator<TerritoryRow> {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let idx: Record<string, number> | null = null;
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line === "") continue;
      if (!idx) {
        idx = columnIndex(line, TERRITORY_COLUMNS, path);
        continue;
      }
      const f = line.split("\t");
      const level = Number(f[idx.level]);
      if (level !== 0 && level !== 1 && level !== 2 && level !== 3 && level !== 4) {
        throw new Error(`${path}:${n}: bad level "${f[idx.level]}"`);
      }
      yield {
        code: f[idx.code],
        level,
        parent: f[idx.parent] || null,
        country: f[idx.country],
        name: f[idx.name],
        population: optNumber(f[idx.population], path, n),
        lon: optNumber(f[idx.lon], path, n),
        lat: optNumber(f[idx.lat], path, n),
        areaKm2: optNumber(f[idx.area_km2], path, n),
      };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Reads `countries.tsv` (EU27 population and GDP, World Bank). */
export async function readCountries(path: string = dataFile("countries.tsv")): Promise<CountryRow[]> {
  const [header, ...rest] = (await readFile(path, "utf8")).split(/\r?\n/);
  const idx = columnIndex(header, COUNTRY_COLUMNS, path);
  const out: CountryRow[] = [];
  rest.forEach((line, i) => {
    if (line === "") return;
    const f = line.split("\t");
    const n = i + 2;
    out.push({
      code: f[idx.code],
      iso3: f[idx.iso3],
      name: f[idx.name],
      population: reqNumber(f[idx.population], path, n),
      populationYear: reqNumber(f[idx.population_year], path, n),
      gdpUsd: reqNumber(f[idx.gdp_usd], path, n),
      gdpYear: reqNumber(f[idx.gdp_year], path, n),
    });
  });
  return out;
}
