// Territory browsing and name search over every municipality, through the HTTP API, on PGlite
// and on PostgreSQL. Target (issue 2): p95 under 20 ms.
import { fileURLToPath } from 'node:url';
import { startBenchServer, signIn, summarise, printTable, rng, postgresAvailable, timeRequests } from './support.ts';

const WARMUP = 50;
const N = Number(process.env.BENCH_N || 400);


export async function run(): Promise<void> {
  const drivers: Array<'pglite' | 'postgres'> = ['pglite'];
  if (await postgresAvailable()) drivers.push('postgres'); else console.log('(PostgreSQL not reachable: PGlite only)');
  const rows: Array<Array<string | number>> = [];
  for (const driver of drivers) {
    const server = await startBenchServer(driver);
    try {
      const cookie = await signIn(server.baseUrl, 'officer@sollentuna.localpact.eu');
      const db = server.database.db;
      const all = await db.selectFrom('territories').select(['code', 'name', 'level', 'child_count']).execute();
      const lau = all.filter((t) => t.level === 5);
      const parents = all.filter((t) => t.child_count > 0);
      const random = rng(2026);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const total = N + WARMUP;
      const detail = Array.from({ length: total }, () => `/api/territories/${encodeURIComponent(pick(all).code)}`);
      const children = Array.from({ length: total }, () => { const p = pick(parents); const pages = Math.max(1, Math.ceil(p.child_count / 50)); return `/api/territories/${encodeURIComponent(p.code)}/children?limit=50&offset=${Math.floor(random() * pages) * 50}&sort=${random() < 0.5 ? 'name' : 'population'}`; });
      // Queries as people type them: a prefix of 3–8 letters of a real municipality name, lower case, accents stripped half the time.
      const search = Array.from({ length: total }, () => {
        const name = pick(lau).name;
        let q = name.slice(0, 3 + Math.floor(random() * 6)).toLowerCase();
        if (random() < 0.5) q = q.normalize('NFD').replace(/\p{M}/gu, '');
        return `/api/territories?q=${encodeURIComponent(q)}&limit=20`;
      });
      for (const [label, urls] of [['territory + ancestors', detail], ['children page (50)', children], ['name search', search]] as const) {
        const s = summarise(await timeRequests(server.baseUrl, cookie, urls, WARMUP));
        rows.push([driver, label, all.length, s.n, s.p50, s.p95, s.p99, s.p95 < 20 ? 'yes' : 'NO']);
      }
    } finally { await server.stop(); }
  }
  printTable('Territories through the HTTP API (ms, sequential requests, one client)', ['driver', 'request', 'territories', 'n', 'p50', 'p95', 'p99', 'p95 < 20 ms'], rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
