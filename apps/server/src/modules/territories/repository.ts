// SQL for the territory tree. Reference data: no personal data, no row-level security.
import { sql } from 'kysely';
import type { Db } from '../../platform/context.ts';
import type { TerritoryTable } from './schema.ts';
import { escapeLike, tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf). */
const own = tablesOf<'territories' | 'countries'>();

export type TerritoryRecord = Omit<TerritoryTable, 'child_count' | 'search_name'> & { child_count: number };

const columns = ['code', 'level', 'parent_code', 'country', 'name', 'population', 'lon', 'lat', 'area_km2', 'path', 'child_count'] as const;

export async function findByCode(db: Db, code: string): Promise<TerritoryRecord | undefined> {
  return own(db).selectFrom('territories').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function findManyByCode(db: Db, codes: string[]): Promise<TerritoryRecord[]> {
  if (codes.length === 0) return [];
  return own(db).selectFrom('territories').select(columns).where('code', 'in', codes).execute();
}

export async function children(db: Db, code: string, opts: { limit: number; offset: number; sort: 'name' | 'population' }): Promise<{ items: TerritoryRecord[]; total: number }> {
  let q = own(db).selectFrom('territories').select(columns).where('parent_code', '=', code);
  q = opts.sort === 'population'
    ? q.orderBy(sql`population desc nulls last`).orderBy('code')
    : q.orderBy(sql`name collate "und-x-icu"`).orderBy('code');
  const items = await q.limit(opts.limit).offset(opts.offset).execute();
  return { items, total: items.length < opts.limit && opts.offset === 0 ? items.length : await countChildren(db, code) };
}

async function countChildren(db: Db, code: string): Promise<number> {
  const r = await own(db).selectFrom('territories').select('child_count').where('code', '=', code).executeTakeFirst();
  return r?.child_count ?? 0;
}

/**
 * Name search, best matches first: exact, then prefix, then word start, then elsewhere in the name;
 * larger places first within each. Most people type the beginning of a name, so prefix matches
 * come from the ordered index alone; the trigram index is asked only when they are too few.
 */
export async function search(db: Db, key: string, opts: { withinPath: string | null; limit: number }): Promise<TerritoryRecord[]> {
  const like = escapeLike(key);
  const scoped = () => {
    let q = own(db).selectFrom('territories').select(columns);
    if (opts.withinPath) q = q.where('path', 'like', escapeLike(opts.withinPath) + '%');
    return q;
  };
  const prefix = await scoped().where('search_name', 'like', like + '%')
    .orderBy(sql`search_name = ${key}`, 'desc').orderBy(sql`population desc nulls last`).orderBy('code')
    .limit(opts.limit).execute();
  if (prefix.length >= opts.limit) return prefix;
  let rest = scoped().where('search_name', 'not like', like + '%');
  rest = key.length < 3
    ? rest.where('search_name', 'like', '% ' + like + '%')
    : rest.where('search_name', 'like', '%' + like + '%');
  const more = await rest
    .orderBy(sql`search_name like ${'% ' + like + '%'}`, 'desc').orderBy(sql`population desc nulls last`).orderBy('code')
    .limit(opts.limit - prefix.length).execute();
  return [...prefix, ...more];
}
