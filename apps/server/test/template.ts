// Test databases. Building one (initdb, migrations, 60,000 territories, demo) takes seconds, so it
// is built once per run as a template and each test file gets a fresh copy:
// PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: a copy of the saved data folder.
import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { prepareDatabase } from '../src/index.ts';

export interface Template { kind: 'pglite' | 'postgres'; location: string }

declare module 'vitest' {
  export interface ProvidedContext { localpactTemplate: Template }
}

export function adminUrl(): string | null {
  return process.env.DATABASE_URL || null;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl()! });
  await client.connect();
  try { await client.query(sqlText); } finally { await client.end(); }
}

export async function buildTemplate(): Promise<Template> {
  const url = adminUrl();
  if (url) {
    const name = `localpact_tpl_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(`create database ${name}`);
    const database = await prepareDatabase(loadConfig({ databaseUrl: withDatabase(url, name) }), { demo: true });
    await database.close();
    return { kind: 'postgres', location: name };
  }
  const dir = mkdtempSync(join(tmpdir(), 'localpact-tpl-'));
  const database = await prepareDatabase(loadConfig({ databaseUrl: null, dataDir: dir }), { demo: true });
  await database.close();
  return { kind: 'pglite', location: dir };
}

export async function dropTemplate(t: Template): Promise<void> {
  if (t.kind === 'postgres') await adminQuery(`drop database if exists ${t.location} with (force)`);
  else rmSync(t.location, { recursive: true, force: true });
}

/**
 * Drops a test database once the app's own connections have finished closing. Forcing the drop
 * while a pool client is still ending makes PostgreSQL terminate it (57P01), which surfaces as an
 * unhandled error in whichever test file runs next; `with (force)` stays as the last resort.
 */
async function dropWhenClosed(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl()! });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const r = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

/** A fresh database from the template; returns the config that opens it and a disposer. */
export async function cloneTemplate(t: Template): Promise<{ databaseUrl: string | null; dataDir: string; dispose(): Promise<void> }> {
  if (t.kind === 'postgres') {
    const name = `localpact_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`create database ${name} template ${t.location}`);
    return { databaseUrl: withDatabase(adminUrl()!, name), dataDir: '', dispose: () => dropWhenClosed(name) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'localpact-test-'));
  cpSync(t.location, dir, { recursive: true });
  if (existsSync(join(dir, '.localpact.lock'))) rmSync(join(dir, '.localpact.lock'));
  return { databaseUrl: null, dataDir: dir, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}
