// Kysely's view of the territory tables (migration 0001_platform); merged into platform's Database.
import type { Generated } from 'kysely';

export interface TerritoryTable {
  code: string;
  /** 0 EU, 1 country, 2–4 NUTS 1–3, 5 LAU (municipality). */
  level: number;
  parent_code: string | null;
  country: string | null;
  name: string;
  /** Lower-case, accent-free, punctuation-free form of the name (and its Latin transliteration). */
  search_name: string;
  population: number | null;
  lon: number | null;
  lat: number | null;
  area_km2: number | null;
  /** Codes from the root, '/'-joined and '/'-terminated: ancestry is a prefix test. */
  path: string;
  child_count: Generated<number>;
}

export interface CountryTable {
  code: string;
  iso3: string;
  name: string;
  population: number;
  population_year: number;
  gdp_usd: number;
  gdp_year: number;
}

declare module '../../platform/schema.ts' {
  interface Database {
    territories: TerritoryTable;
    countries: CountryTable;
  }
}
