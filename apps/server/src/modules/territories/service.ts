// The territory tree: browsing, ancestry and search. Everyone signed in may read it (reference).
import type { Db } from '../../platform/context.ts';
import { assertReach, type Actor } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import type { Territory, TerritoryDetail, TerritoryHit, TerritoryLevel, TerritoryRef } from '@localpact/contracts';
import * as repo from './repository.ts';
import { searchKey } from './search-key.ts';

export const levelNames: TerritoryLevel[] = ['eu', 'country', 'nuts1', 'nuts2', 'nuts3', 'lau'];

export function toTerritory(r: repo.TerritoryRecord): Territory {
  return {
    code: r.code, level: levelNames[r.level], name: r.name, parentCode: r.parent_code, country: r.country,
    population: r.population === null ? null : Number(r.population), lon: r.lon, lat: r.lat, areaKm2: r.area_km2,
    childCount: r.child_count,
  };
}

export function ancestorCodes(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

export async function getTerritory(db: Db, actor: Actor, code: string): Promise<TerritoryDetail> {
  assertReach(actor, 'reference', 'read', undefined, 'territory');
  const r = await repo.findByCode(db, code);
  if (!r) throw notFound('territory');
  const anc = await repo.findManyByCode(db, ancestorCodes(r.path));
  const byCode = new Map(anc.map((a) => [a.code, a]));
  const ancestors: TerritoryRef[] = ancestorCodes(r.path).map((c) => byCode.get(c)!).filter(Boolean).map((a) => ({ code: a.code, name: a.name, level: levelNames[a.level] }));
  return { ...toTerritory(r), ancestors };
}

export async function getRef(db: Db, code: string): Promise<(TerritoryRef & { path: string }) | undefined> {
  const r = await repo.findByCode(db, code);
  return r ? { code: r.code, name: r.name, level: levelNames[r.level], path: r.path } : undefined;
}

export async function listChildren(db: Db, actor: Actor, code: string, opts: { limit: number; offset: number; sort: 'name' | 'population' }) {
  assertReach(actor, 'reference', 'read', undefined, 'territory');
  const parent = await repo.findByCode(db, code);
  if (!parent) throw notFound('territory');
  const { items, total } = await repo.children(db, code, opts);
  return { items: items.map(toTerritory), total };
}

export async function searchTerritories(db: Db, actor: Actor, q: string, opts: { within?: string; limit: number }): Promise<{ items: TerritoryHit[] }> {
  assertReach(actor, 'reference', 'read', undefined, 'territory');
  const key = searchKey(q);
  if (!key) return { items: [] };
  let withinPath: string | null = null;
  if (opts.within) {
    const w = await repo.findByCode(db, opts.within);
    if (!w) throw notFound('territory');
    withinPath = w.path;
  }
  const rows = await repo.search(db, key, { withinPath, limit: opts.limit });
  // One query for every ancestor name shown in the results' paths.
  const codes = [...new Set(rows.flatMap((r) => ancestorCodes(r.path).slice(1)))];
  const names = new Map((await repo.findManyByCode(db, codes)).map((a) => [a.code, a.name]));
  return {
    items: rows.map((r) => ({ ...toTerritory(r), path: ancestorCodes(r.path).slice(1).map((c) => names.get(c) ?? c).join(' › ') })),
  };
}

// For other modules (organisations, placement): look-ups by code, without a gate (reference data).
export { findByCode, findManyByCode } from './repository.ts';
