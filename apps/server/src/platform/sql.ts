// Small SQL helpers shared by the repositories.

/** Escapes LIKE's wildcards so user text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Case-insensitive "contains" pattern for `lower(column) like …`. */
export const containsPattern = (q: string) => `%${escapeLike(q.toLowerCase())}%`;

/** "Starts with" pattern, e.g. for materialised territory paths. */
export const prefixPattern = (s: string) => `${escapeLike(s)}%`;
