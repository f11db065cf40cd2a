// Reception (issue 3): capacity roll-ups for Germany at a past date through the HTTP API, and the
// latency of a live event from a write on instance A to an SSE client on instance B.
//
// Data: one municipality organisation for every German LAU territory in the data (~10,800), nine
// resource types each, two years of history with sparse random changes, generated in SQL
// (generate_series, INSERT … SELECT: no row-by-row inserts). PostgreSQL gets ~36 changes per
// series (≈ 3.5 million history rows); PGlite, where the load is single-threaded WebAssembly,
// gets 6 per series (≈ 0.6 million) — printed in the table. The roll-up reads the daily
// NUTS 3 table (repository.rollupByGroups); the NUTS 3 drill-down reads each municipality's series.
// Targets: roll-up p95 < 100 ms on PostgreSQL; event latency p95 < 250 ms.
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startBenchServer, signIn, summarise, printTable, rng, postgresAvailable, timeRequests, type BenchServer } from './support.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { boot } from '../apps/server/src/index.ts';
import { rebuildDaily } from '../apps/server/src/modules/reception/repository.ts';
import { openStream } from '../apps/server/test/sse.ts';

const N = Number(process.env.BENCH_N || 200);
const WARMUP = 20;

export async function loadGermany(server: BenchServer, changesPerSeries: number): Promise<{ municipalities: number; history: number; seconds: number }> {
  const db = server.database.db;
  const t0 = performance.now();
  await sql`
    insert into organisations (name, kind, territory_code, parent_id)
    select 'Gemeinde ' || t.name, 'municipality', t.code, null from territories t
    where t.country = 'DE' and t.level = 5
      and not exists (select 1 from organisations o where o.territory_code = t.code)`.execute(db);
  await sql`
    create temporary table bench_series as
    select o.id as organisation_id, rt.code as resource_code, t.path as territory_path,
           20 + (abs(hashtext(o.id::text || rt.code)) % 200) as base
    from organisations o join territories t on t.code = o.territory_code
    cross join (select code from resource_types order by sort_order limit 9) rt
    where o.kind = 'municipality' and t.path like 'EU/DE/%'
      and not exists (select 1 from capacity_declarations c where c.organisation_id = o.id and c.resource_code = rt.code)`.execute(db);
  // Sparse changes over two years: k random instants per series, random figures around a base.
  await sql`
    insert into capacity_history (organisation_id, resource_code, territory_path, valid_from, total, occupied, reserved, changed_by, reason)
    select s.organisation_id, s.resource_code, s.territory_path,
           now() - (random() * interval '730 days'),
           tot, (tot * random() * 0.9)::int, 0, null, 'bench'
    from bench_series s
    cross join generate_series(1, ${changesPerSeries}) g
    cross join lateral (select (s.base * (0.7 + random() * 0.6))::int + g * 0 as tot) v`.execute(db);
  await sql`
    insert into capacity_declarations (organisation_id, resource_code, territory_path, group_path, total, occupied, reserved, version, updated_at)
    select distinct on (h.organisation_id, h.resource_code) h.organisation_id, h.resource_code, h.territory_path,
           array_to_string((string_to_array(h.territory_path, '/'))[1:5], '/') || '/', h.total, h.occupied, h.reserved, 1, h.valid_from
    from capacity_history h join bench_series s on s.organisation_id = h.organisation_id and s.resource_code = h.resource_code
    order by h.organisation_id, h.resource_code, h.valid_from desc`.execute(db);
  await rebuildDaily(db);
  // What autovacuum does on a live server after a bulk load: statistics and the visibility map
  // (index-only scans of the daily table).
  await sql`vacuum analyze`.execute(db);
  const m = await sql<{ n: number }>`select count(*)::int as n from bench_series`.execute(db);
  const h = await sql<{ n: number }>`select count(*)::int as n from capacity_history where territory_path like 'EU/DE/%'`.execute(db);
  return { municipalities: m.rows[0].n / 9, history: h.rows[0].n, seconds: (performance.now() - t0) / 1000 };
}


async function eventLatency(server: BenchServer, databaseUrl: string): Promise<number[]> {
  // Instance B: a second localpact on the same database (its own pool and LISTEN connection).
  const b = await boot(loadConfig({ databaseUrl, port: 0 }), { demo: false });
  const bUrl = await b.app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await b.app.events.ready;
    const writer = await signIn(server.baseUrl, 'officer@hamburg.localpact.eu');
    const reader = await signIn(bUrl, 'coordinator@bamf.localpact.eu');
    const me = await (await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: writer } })).json() as { organisation: { id: string } };
    const stream = await openStream(bUrl, reader);
    const times: number[] = [];
    let version = (await (await fetch(`${server.baseUrl}/api/reception/capacity/${me.organisation.id}`, { headers: { cookie: writer } })).json() as { items: Array<{ resource: string; version: number }> }).items.find((x) => x.resource === 'health_slots')!.version;
    for (let i = 0; i < N + WARMUP; i++) {
      const total = 1000 + i;
      const t0 = performance.now();
      const r = await fetch(`${server.baseUrl}/api/reception/capacity/${me.organisation.id}/health_slots`, {
        method: 'PUT', headers: { cookie: writer, 'content-type': 'application/json' }, body: JSON.stringify({ total, occupied: 10, reserved: 0, version }),
      });
      if (!r.ok) throw new Error(`write: ${r.status} ${await r.text()}`);
      version = ((await r.json()) as { version: number }).version;
      const e = await stream.waitFor((x) => x.type === 'capacity.changed' && x.data.payload.declaration.total === total, 5000);
      if (i >= WARMUP) times.push(e.receivedAt - t0);
    }
    stream.close();
    return times;
  } finally { await b.app.close(); }
}

export async function run(): Promise<void> {
  const drivers: Array<'pglite' | 'postgres'> = [];
  if (await postgresAvailable()) drivers.push('postgres'); else console.log('(PostgreSQL not reachable: PGlite only)');
  if (process.env.BENCH_SKIP_PGLITE !== 'true') drivers.push('pglite');
  const rows: Array<Array<string | number>> = [];
  const latencyRows: Array<Array<string | number>> = [];
  for (const driver of drivers) {
    const server = await startBenchServer(driver);
    try {
      const load = await loadGermany(server, driver === 'postgres' ? 36 : 6);
      console.log(`${driver}: ${load.municipalities} German municipalities × 9 resources, ${load.history.toLocaleString('en')} history rows, loaded in ${load.seconds.toFixed(1)} s`);
      const cookie = await signIn(server.baseUrl, 'coordinator@bamf.localpact.eu');
      const random = rng(2026);
      const pastDay = () => new Date(Date.now() - (1 + Math.floor(random() * 720)) * 86_400_000).toISOString().slice(0, 10);
      const nuts3 = (await server.database.db.selectFrom('territories').select('code').where('country', '=', 'DE').where('level', '=', 4).execute()).map((t) => t.code);
      const total = N + WARMUP;
      const cases: Array<[string, string[]]> = [
        ['Germany, past date', Array.from({ length: total }, () => `/api/reception/rollup?territory=DE&at=${pastDay()}`)],
        ['Germany, now', Array.from({ length: total }, () => '/api/reception/rollup?territory=DE')],
        ['a NUTS 3, past date (municipality series)', Array.from({ length: total }, () => `/api/reception/rollup?territory=${nuts3[Math.floor(random() * nuts3.length)]}&at=${pastDay()}`)],
      ];
      for (const [label, urls] of cases) {
        const s = summarise(await timeRequests(server.baseUrl, cookie, urls, WARMUP));
        rows.push([driver, label, load.history, s.n, s.p50, s.p95, s.p99, s.p95 < 100 ? 'yes' : 'NO']);
      }
      if (driver === 'postgres') {
        const s = summarise(await eventLatency(server, server.database.databaseUrl!));
        latencyRows.push([driver, 'write on A → SSE client on B', s.n, s.p50, s.p95, s.max, s.p95 < 250 ? 'yes' : 'NO']);
      }
    } finally { await server.stop(); }
  }
  printTable('Capacity roll-up through the HTTP API (ms, sequential requests, national coordinator of Germany)', ['driver', 'request', 'history rows', 'n', 'p50', 'p95', 'p99', 'p95 < 100 ms'], rows);
  if (latencyRows.length) printTable('Live-event latency between two instances on one PostgreSQL (ms)', ['driver', 'path', 'n', 'p50', 'p95', 'max', 'p95 < 250 ms'], latencyRows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
