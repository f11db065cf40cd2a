// Shared by the benchmarks: a real localpact on a port (PGlite in a temp folder, or a fresh
// PostgreSQL database), latency percentiles, and a table printer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { boot } from '../apps/server/src/index.ts';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../apps/server/src/platform/database.ts';

export const pgAdminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  try { await c.connect(); await c.end(); return true; } catch { return false; }
}

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try { await c.query(sqlText); } finally { await c.end(); }
}

export interface BenchServer { baseUrl: string; app: FastifyInstance; database: DatabaseHandle; stop(): Promise<void> }

/** Starts localpact with demo data on 'pglite' (temp folder) or 'postgres' (a new database). */
export async function startBenchServer(driver: 'pglite' | 'postgres', opts: { existingDatabase?: string } = {}): Promise<BenchServer> {
  let cleanup: () => Promise<void>;
  let config;
  if (driver === 'postgres' && opts.existingDatabase) {
    // A database an earlier run generated and kept: measured again, left in place.
    const u = new URL(pgAdminUrl); u.pathname = '/' + opts.existingDatabase;
    config = loadConfig({ databaseUrl: u.toString(), port: 0 });
    cleanup = async () => {};
  } else if (driver === 'postgres') {
    const name = `localpact_bench_${process.pid}_${Date.now().toString(36)}`;
    await admin(`create database ${name}`);
    const u = new URL(pgAdminUrl); u.pathname = '/' + name;
    config = loadConfig({ databaseUrl: u.toString(), port: 0 });
    cleanup = () => admin(`drop database if exists ${name} with (force)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'localpact-bench-'));
    config = loadConfig({ databaseUrl: null, dataDir: dir, port: 0 });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const { app, database } = await boot(config, { demo: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, app, database, stop: async () => { await app.close(); await cleanup(); } };
}

export async function signIn(baseUrl: string, email: string, password = 'localpact-demo'): Promise<string> {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** A request of a latency bench: GET, or POST with a JSON body. */
export type BenchRequest = string | { url: string; body?: unknown };

/**
 * Sends the requests one after another with the session cookie and returns each latency (ms,
 * body read) after the first `warmup`; any non-2xx answer stops the bench.
 */
export async function timeRequests(baseUrl: string, cookie: string, requests: BenchRequest[], warmup: number): Promise<number[]> {
  const times: number[] = [];
  for (const [i, req] of requests.entries()) {
    const r = typeof req === 'string' ? { url: req } : req;
    const t0 = performance.now();
    const res = await fetch(baseUrl + r.url, r.body !== undefined ? { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(r.body) } : { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${r.url}: ${res.status}`);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return times;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] };
}

export function printTable(title: string, header: string[], rows: Array<Array<string | number>>) {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const [k, r] of cells.entries()) {
    console.log('| ' + r.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |');
    if (k === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  }
}

/** A seeded PRNG (mulberry32): the same workload on every run and both drivers. */
export function rng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
