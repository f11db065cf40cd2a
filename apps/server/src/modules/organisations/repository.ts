// SQL for the organisation directory.
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/context.ts';
import { containsPattern, prefixPattern, tablesOf } from '../../platform/sql.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its module's own, and those it joins
 * to read names and paths. */
const own = tablesOf<'organisations'
  | 'territories'>();

const columns = ['o.id', 'o.name', 'o.kind', 'o.territory_code', 'o.parent_id', 'o.email', 'o.website', 'o.version', 't.name as territory_name', 't.level as territory_level', 't.path as territory_path'] as const;

function base(db: Db | Tx) {
  return own(db).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code');
}

export async function findById(db: Db | Tx, id: string) {
  return base(db).select(columns).where('o.id', '=', id).executeTakeFirst();
}
export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

export async function list(db: Db | Tx, f: { q?: string; kind?: string; withinPath?: string; limit: number; offset: number }) {
  let q = base(db);
  if (f.q) q = q.where(sql`lower(o.name)`, 'like', containsPattern(f.q));
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.withinPath) q = q.where('t.path', 'like', prefixPattern(f.withinPath));
  const items = await q.select(columns).orderBy('t.path').orderBy(sql`o.name collate "und-x-icu"`).limit(f.limit).offset(f.offset).execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function insert(db: Db | Tx, o: { name: string; kind: string; territoryCode: string; parentId?: string | null; email?: string | null; website?: string | null }) {
  const r = await own(db).insertInto('organisations').values({
    name: o.name, kind: o.kind, territory_code: o.territoryCode, parent_id: o.parentId ?? null, email: o.email ?? null, website: o.website ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findByNameAndTerritory(db: Db | Tx, name: string, territoryCode: string) {
  return own(db).selectFrom('organisations').select('id').where('name', '=', name).where('territory_code', '=', territoryCode).executeTakeFirst();
}

/** Whether any organisation exists (an empty database gets the demo data). */
export async function any(db: Db | Tx): Promise<boolean> {
  return !!(await own(db).selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}
