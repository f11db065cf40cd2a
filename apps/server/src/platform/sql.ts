// Small SQL helpers shared by the repositories.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Db, Tx } from './context.ts';

/** Escapes LIKE's wildcards so user text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Case-insensitive "contains" pattern for `lower(column) like …`. */
export const containsPattern = (q: string) => `%${escapeLike(q.toLowerCase())}%`;

/** "Starts with" pattern, e.g. for materialised territory paths. */
export const prefixPattern = (s: string) => `${escapeLike(s)}%`;

/**
 * A repository's view of the database: only the tables it names (its module's own, and the few it
 * joins to read names and paths). A query on any other table does not compile.
 */
export type TablesOf<T extends keyof Database> = Kysely<Pick<Database, T>>;
export const tablesOf = <T extends keyof Database>() => (q: Db | Tx): TablesOf<T> => q as unknown as TablesOf<T>;
