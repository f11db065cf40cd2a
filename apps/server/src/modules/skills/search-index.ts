// ESCO search as you type, in memory. The labels are reference data that never change while a
// server runs (ESCO v1.1.1, imported once), so each process builds one word index from the
// esco_labels table on its first search and answers from it. Measured first with a pg_trgm index
// and ORDER BY in SQL: p95 of 100–300 ms for two or three letters on this machine (every label
// containing "ma" must be ranked); the word index answers in a few milliseconds.
//
// The index: for each prefix of one to four letters, the labels with a word that starts with it,
// and those whose first word does, each list in rank order (preferred before alternative, shorter
// before longer): a query scans one or two lists from the start and stops when it has enough.
import * as repo from './repository.ts';
import type { Db } from '../../platform/context.ts';

export interface LabelHit { kind: string; concept_id: string; lang: string; preferred: boolean; label: string }

interface Index {
  labels: LabelHit[];
  keys: string[];                    // ' ' + search key of each label, by label number
  /** Labels with a word that starts with this prefix (1 to 4 letters), in rank order. */
  words: Map<string, Int32Array>;
  /** Labels whose first word starts with this prefix (1 to 4 letters), in rank order. */
  starts: Map<string, Int32Array>;
}

const PREFIX = 4;
const indexes = new WeakMap<Db, Promise<Index>>();

function push(m: Map<string, number[]>, key: string, n: number) {
  const list = m.get(key);
  if (!list) m.set(key, [n]);
  else if (list[list.length - 1] !== n) list.push(n);
}
const frozen = (m: Map<string, number[]>) => new Map([...m].map(([k, v]) => [k, Int32Array.from(v)]));

async function build(db: Db): Promise<Index> {
  return indexOf(await repo.labelsInRankOrder(db));
}

/** The index of labels given in rank order. */
export function indexOf(rows: ReadonlyArray<LabelHit & { search_key: string }>): Index {
  const labels: LabelHit[] = [];
  const keys: string[] = [];
  const words = new Map<string, number[]>();
  const starts = new Map<string, number[]>();
  // Labels are numbered in rank order, so every list below is built already sorted.
  for (const r of rows) {
    const n = labels.length;
    labels.push({ kind: r.kind, concept_id: r.concept_id, lang: r.lang, preferred: r.preferred, label: r.label });
    keys.push(r.search_key);
    const ws = r.search_key.split(' ').filter(Boolean);
    for (let l = 1; l <= PREFIX && ws[0] && l <= ws[0].length; l++) push(starts, ws[0].slice(0, l), n);
    for (const w of ws) for (let l = 1; l <= PREFIX && l <= w.length; l++) push(words, w.slice(0, l), n);
  }
  return { labels, keys, words: frozen(words), starts: frozen(starts) };
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

/**
 * Labels each of whose query words starts a word of, best first: labels starting with the whole
 * query, then the rest, each in rank order; at most `limit` labels. Both scans stop as soon as
 * they have enough, so a query of two letters costs no more than a long one.
 */
export function searchIndex(ix: Index, words: string[], kind: 'o' | 's' | undefined, limit: number): LabelHit[] {
  if (!words.length) return [];
  // The rarest word prefix gives the shortest list to scan.
  const lists = words.map((w) => ix.words.get(w.slice(0, PREFIX)) ?? new Int32Array(0));
  const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
  const phrase = ` ${words.join(' ')}`;
  const needs = words.map((w) => ` ${w}`);
  const fits = (n: number) => (!kind || ix.labels[n].kind === kind) && needs.every((w) => ix.keys[n].includes(w));
  const first: number[] = [];
  const taken = new Set<number>();
  // Labels that start with the query: their first word starts with the query's first word.
  for (const n of ix.starts.get(words[0].slice(0, PREFIX)) ?? []) {
    if (first.length >= limit) break;
    if (ix.keys[n].startsWith(phrase) && fits(n)) { first.push(n); taken.add(n); }
  }
  const rest: number[] = [];
  for (const n of shortest) {
    if (first.length + rest.length >= limit) break;
    if (!taken.has(n) && fits(n)) rest.push(n);
  }
  return [...first, ...rest].map((n) => ix.labels[n]);
}
