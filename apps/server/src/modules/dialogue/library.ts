// The good-practice library (issue 16): entries seeded from the vendored data/practices.json,
// searchable by words (full-text prefixes), domain, country and language.
import type { Practice, PracticeSummary } from '@localpact/contracts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertRight, type Actor } from '../../platform/access.ts';
import { asSystem, type Db } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';

/** The vendored library (scripts/build-practices.ts). */
const PRACTICES_FILE = fileURLToPath(new URL('../../../../../data/practices.json', import.meta.url));

interface PracticeEntry {
  id: string; title: string; place: string; country: string; language: string; territory: string; namedInCemr: boolean; years: string; targetGroup: string;
  domains: string[]; whatItDoes: string[]; results: Array<{ figure: string; asOf: string; source: string }>; funding: string; contact: string; sources: string[]; notes: string;
}

export function practiceRows(entries: PracticeEntry[]) {
  return entries.map((p) => ({
    id: p.id, language: p.language, title: p.title, place: p.place, country: p.country, territoryCode: p.territory, domains: p.domains, namedInCemr: p.namedInCemr,
    years: p.years, targetGroup: p.targetGroup,
    entry: { whatItDoes: p.whatItDoes, results: p.results, funding: p.funding, contact: p.contact, sources: p.sources, notes: p.notes },
    searchText: [p.title, p.place, p.targetGroup, ...p.whatItDoes, p.funding, p.contact].join(' ').toLowerCase(),
  }));
}

/** At start: the vendored practices (data/practices.json), when the library is empty. */
export async function seedPractices(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    if ((await repo.practiceCount(trx)) > 0) return 0;
    const { practices } = JSON.parse(readFileSync(PRACTICES_FILE, 'utf8')) as { practices: PracticeEntry[] };
    await repo.insertPractices(trx, practiceRows(practices));
    return practices.length;
  });
}

type PracticeRow = Awaited<ReturnType<typeof repo.searchPractices>>[number];

function toPracticeSummary(r: PracticeRow): PracticeSummary {
  return {
    id: r.id, title: r.title, place: r.place, country: r.country, language: r.language, domains: r.domains as Practice['domains'], namedInCemr: r.named_in_cemr,
    years: r.years, targetGroup: r.target_group, population: r.population === null || r.population === undefined ? null : Number(r.population),
  };
}

function toPractice(r: NonNullable<Awaited<ReturnType<typeof repo.practice>>>): Practice {
  const e = (typeof r.entry === 'string' ? JSON.parse(r.entry) : r.entry) as Pick<PracticeEntry, 'whatItDoes' | 'results' | 'funding' | 'contact' | 'sources' | 'notes'>;
  return { ...toPracticeSummary(r), whatItDoes: e.whatItDoes, results: e.results, funding: e.funding, contact: e.contact, sources: e.sources, notes: e.notes };
}

/** "skills recogn" → "skills:* & recogn:*": every word, as a prefix; only letters and digits reach to_tsquery. */
export function toPrefixQuery(q: string | undefined): string | undefined {
  const words = (q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(' & ') : undefined;
}

/** The list shows each entry's summary; the whole entry comes with getPractice. */
export async function searchPractices(db: Db, actor: Actor, f: { q?: string; domain?: string; country?: string; language?: string; limit: number }): Promise<{ items: PracticeSummary[] }> {
  assertRight(actor, 'organisations.read');
  return { items: (await repo.searchPractices(db, { ...f, q: toPrefixQuery(f.q) })).map(toPracticeSummary) };
}

export async function getPractice(db: Db, actor: Actor, id: string): Promise<Practice> {
  assertRight(actor, 'organisations.read');
  const r = await repo.practice(db, id);
  if (!r) throw notFound('practice');
  return toPractice(r);
}
