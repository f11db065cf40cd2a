// SQL for the territory tree. Reference data: no personal data, no row-level security.
import { sql } from 'kysely';
import type { Db } from '../../platform/context.ts';
import type { TerritoryTable } from '../../platform/schema.ts';
import { escapeLike } from '../../platform/sql.ts';

export type TerritoryRecord = Omit<TerritoryTable, 'child_count' | 'search_name'> & { child_count: number };

const columns = ['code', 'level', 'parent_code', 'country', 'name', 'population', 'lon', 'lat', 'area_km2', 'path', 'child_count'] as const;

export async function findByCode(db: Db, code: string): Promise<TerritoryRecord | undefined> {
  return db.selectFrom('territories').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function findManyByCode(db: Db, codes: string[]): Promise<TerritoryRecord[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('territories').select(columns).where('code', 'in', codes).execute();
}

export async function children(db: Db, code: string, opts: { limit: number; offset: number; sort: 'name' | 'population' }): Promise<{ items: TerritoryRecord[]; total: number }> {
  let q = db.selectFrom('territories').select(columns).where('parent_code', '=', code);
  q = opts.sort === 'population'
    ? q.orderBy(sql`population desc nulls last`).orderBy('code')
    : q.orderBy(sql`name collate "und-x-icu"`).orderBy('code');
  const items = await q.limit(opts.limit).offset(opts.offset).execute();
  return { items, total: items.length < opts.limit && opts.offset === 0 ? items.length : await countChildren(db, code) };
}

async function countChildren(db: Db, code: string): Promise<number> {
  const r = await db.selectFrom('territories').select('child_count').where('code', '=', code).executeTakeFirst();
  return r?.child_count ?? 0;
}

/**
 * Name search. Short keys use the ordered index (prefix); longer ones the trigram index
 * (substring). Best matches first: exact, then prefix, then word start, then larger places.
 */
export async function search(db: Db, key: string, opts: { withinPath: string | null; limit: number }): Promise<TerritoryRecord[]> {
  const like = escapeLike(key);
  let q = db.selectFrom('territories').select(columns);
  q = key.length < 3
    ? q.where(sql<boolean>`(search_name like ${like + '%'} or search_name like ${'% ' + like + '%'})`)
    : q.where(sql<boolean>`search_name like ${'%' + like + '%'}`);
  if (opts.withinPath) q = q.where('path', 'like', escapeLike(opts.withinPath) + '%');
  return q
    .orderBy(sql`case when search_name = ${key} then 0 when search_name like ${like + '%'} then 1 when search_name like ${'% ' + like + '%'} then 2 else 3 end`)
    .orderBy(sql`population desc nulls last`)
    .orderBy('code')
    .limit(opts.limit)
    .execute();
}
