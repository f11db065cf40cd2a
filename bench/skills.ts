// ESCO search as you type (issue 14), through the HTTP API, over the whole ESCO v1.1.1 set:
// 3,007 occupations and 13,896 skills with 236,867 preferred and alternative labels in English,
// French, Spanish and Dutch. Queries are what a case worker types on the way to a real label:
// the first 2, 3 or 5 letters of one of its words, a whole word, the starts of two words, an
// ISCO-08 code; and the occupation an answer leads to (with its essential skills).
// Target: p95 < 30 ms per query. Runs on PGlite and, when reachable, on PostgreSQL.
// BENCH_N: samples per query kind (default 300).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startBenchServer, signIn, summarise, printTable, rng, postgresAvailable, timeRequests } from './support.ts';
import { escoSearchKey } from '../apps/server/src/modules/skills/search-key.ts';

const N = Number(process.env.BENCH_N || 300);
const WARMUP = 30;
const TARGET = 30;

function workload() {
  const random = rng(14);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const lines = gunzipSync(readFileSync(new URL('../data/esco-labels.tsv.gz', import.meta.url))).toString('utf8').split('\n').slice(1).filter(Boolean);
  const labels = lines.map((l) => { const [kind, , lang, , label] = l.split('\t'); return { kind, lang, words: escoSearchKey(label).split(' ').filter((w) => w.length >= 2) }; }).filter((l) => l.words.length);
  const isco = readFileSync(new URL('../data/isco-groups.tsv', import.meta.url), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]).filter((c) => c.length >= 2);
  const total = N + WARMUP;
  const q = (text: string, extra = '') => `/api/esco/search?q=${encodeURIComponent(text)}&limit=15${extra}`;
  const typed = (len: number) => Array.from({ length: total }, () => { const l = pick(labels); const w = pick(l.words); return q(w.slice(0, Math.max(2, Math.min(len, w.length))), `&lang=${l.lang}`); });
  const kinds: Array<[string, string[]]> = [
    ['2 letters of a word', typed(2)],
    ['3 letters', typed(3)],
    ['5 letters', typed(5)],
    ['a whole word', Array.from({ length: total }, () => { const l = pick(labels); return q(pick(l.words)); })],
    ['starts of two words', Array.from({ length: total }, () => { const l = pick(labels.filter((x) => x.words.length > 1)); return q(`${l.words[0].slice(0, 4)} ${l.words[1].slice(0, 3)}`); })],
    ['occupations only, 4 letters', Array.from({ length: total }, () => { const l = pick(labels.filter((x) => x.kind === 'o')); return q(pick(l.words).slice(0, 4), '&kind=occupation'); })],
    ['ISCO-08 code', Array.from({ length: total }, () => q(pick(isco).slice(0, 2 + Math.floor(random() * 3))))],
  ];
  return { kinds, total };
}

export async function run(): Promise<void> {
  const { kinds, total } = workload();
  const rows: Array<Array<string | number>> = [];
  const drivers: Array<'pglite' | 'postgres'> = ['pglite'];
  if (await postgresAvailable()) drivers.push('postgres'); else console.log('(PostgreSQL not reachable: PGlite only)');
  for (const driver of drivers) {
    const server = await startBenchServer(driver);
    try {
      const cookie = await signIn(server.baseUrl, 'caseworker@sollentuna.localpact.eu');
      for (const [label, reqs] of kinds) {
        const s = summarise(await timeRequests(server.baseUrl, cookie, reqs, WARMUP));
        rows.push([driver, label, s.n, s.p50, s.p95, s.p99, s.max, `${s.p95 < TARGET ? 'yes' : 'NO'} (< ${TARGET})`]);
      }
      // Choosing an answer: the occupation with its essential skills.
      const ids = (await server.database.db.selectFrom('esco_occupations').select('id').orderBy('code').execute()).map((r) => r.id);
      const random = rng(7);
      const occ = Array.from({ length: total }, () => `/api/esco/occupations/${ids[Math.floor(random() * ids.length)]}`);
      const s = summarise(await timeRequests(server.baseUrl, cookie, occ, WARMUP));
      rows.push([driver, 'occupation + essential skills', s.n, s.p50, s.p95, s.p99, s.max, `${s.p95 < TARGET ? 'yes' : 'NO'} (< ${TARGET})`]);
    } finally { await server.stop(); }
  }
  printTable('ESCO search as you type through the HTTP API (ms, sequential requests, one client; 236,867 labels of 16,903 concepts)', ['driver', 'query', 'n', 'p50', 'p95', 'p99', 'max', 'p95 target'], rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
