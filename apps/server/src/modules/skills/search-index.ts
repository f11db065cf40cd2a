// ESCO search as you type, in memory. The labels are reference data that never change while a
// server runs (ESCO v1.1.1, imported once), so each process builds one word index from the
// esco_labels table on its first search and answers from it. Measured first with a pg_trgm index
// and ORDER BY in SQL: p95 of 100–300 ms for two or three letters on this machine (every label
// containing "ma" must be ranked); the word index answers in a few milliseconds.
//
// The index: every word of every label, sorted, with the label it comes from. Labels are numbered
// in rank order (preferred before alternative, shorter before longer), so ranking a query's hits
// is sorting their numbers, after putting first the labels that start with the query's words.
import { sql } from 'kysely';
import type { Db } from '../../platform/context.ts';

export interface LabelHit { kind: string; concept_id: string; lang: string; preferred: boolean; label: string }

interface Index {
  labels: LabelHit[];
  keys: string[];          // ' ' + search key of each label, by label number
  words: string[];         // every word of every label, sorted
  wordLabel: Int32Array;   // the label number of each word
}

const indexes = new WeakMap<Db, Promise<Index>>();

async function build(db: Db): Promise<Index> {
  const rows = await sql<LabelHit & { search_key: string }>`
    select kind, concept_id, lang, preferred, label, search_key from esco_labels
     order by preferred desc, length(label), concept_id, lang, label`.execute(db);
  const labels: LabelHit[] = [];
  const keys: string[] = [];
  const pairs: Array<[string, number]> = [];
  for (const r of rows.rows) {
    const n = labels.length;
    labels.push({ kind: r.kind, concept_id: r.concept_id, lang: r.lang, preferred: r.preferred, label: r.label });
    keys.push(r.search_key);
    for (const w of new Set(r.search_key.split(' '))) if (w) pairs.push([w, n]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { labels, keys, words: pairs.map((p) => p[0]), wordLabel: Int32Array.from(pairs, (p) => p[1]) };
}

/** The index of this database's labels (built on first use, then shared by every request). */
export function escoIndex(db: Db): Promise<Index> {
  let p = indexes.get(db);
  if (!p) {
    p = build(db);
    p.catch(() => indexes.delete(db));
    indexes.set(db, p);
  }
  return p;
}

function lowerBound(words: string[], prefix: string): number {
  let lo = 0, hi = words.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (words[mid] < prefix) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * Labels each of whose query words starts a word of, best first: labels starting with the whole
 * query, then the rest, each in rank order; at most `limit` labels.
 */
export function searchIndex(ix: Index, words: string[], kind: 'o' | 's' | undefined, limit: number): LabelHit[] {
  if (!words.length) return [];
  // The longest word narrows most: its range of the sorted words gives the candidate labels.
  const lead = words.reduce((a, b) => (b.length > a.length ? b : a));
  const start = lowerBound(ix.words, lead);
  const candidates: number[] = [];
  for (let i = start; i < ix.words.length && ix.words[i].startsWith(lead); i++) candidates.push(ix.wordLabel[i]);
  const sorted = Int32Array.from(candidates).sort();
  const phrase = ` ${words.join(' ')}`;
  const others = words.filter((w) => w !== lead).map((w) => ` ${w}`);
  const first: number[] = [];
  const rest: number[] = [];
  let previous = -1;
  for (const n of sorted) {
    if (n === previous) continue;
    previous = n;
    if (kind && ix.labels[n].kind !== kind) continue;
    const key = ix.keys[n];
    if (!others.every((w) => key.includes(w))) continue;
    if (key.startsWith(phrase)) { first.push(n); } else if (first.length < limit) rest.push(n);
  }
  return [...first, ...rest].slice(0, limit).map((n) => ix.labels[n]);
}
