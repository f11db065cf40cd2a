// One SQL dialect on two drivers: Kysely's PostgresDialect over a pg.Pool, either on real
// PostgreSQL (DATABASE_URL) or on embedded PGlite through its node-postgres adapter.
// kysely-pglite is deliberately not used: it shares one session between concurrent requests
// (see shared/STACK-NOTES.md).
import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import type { Config } from './config.ts';

export type Driver = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  driver: Driver;
  pool: pg.Pool;
  /** A dedicated connection string for LISTEN (PostgreSQL only). */
  databaseUrl: string | null;
  /** The embedded PGlite instance (its listen() delivers NOTIFY in process); null on PostgreSQL. */
  pglite: unknown | null;
  close(): Promise<void>;
}

// Dates stay strings (ISO) and bigint counts become numbers: the API speaks JSON.
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));
// Calendar dates (birth dates, status validity) stay 'YYYY-MM-DD': no time zone may shift them.
pg.types.setTypeParser(1082, (v: string) => v);

export async function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>, opts: { pgliteInstance?: unknown } = {}): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // A connection that the server ends while it is idle or closing (restart, DROP DATABASE … FORCE
    // after tests) must not crash the process: the pool replaces it, and queries report their own errors.
    pool.on('connect', (client) => { client.on('error', () => {}); });
    // The pool re-emits an idle client's error on itself; without a listener Node would throw.
    pool.on('error', (err) => { if (process.env.NODE_ENV !== 'test') console.warn(`localpact: database connection lost (${err.message}); the pool reconnects`); });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: 'postgres', pool, databaseUrl: config.databaseUrl, pglite: null, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let release = () => {};
  let pglite: InstanceType<typeof PGlite>;
  if (opts.pgliteInstance) {
    pglite = opts.pgliteInstance as InstanceType<typeof PGlite>;
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    release = holdLock(config.dataDir);
    pglite = await PGlite.create({ dataDir: config.dataDir, extensions: { pg_trgm } });
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db, driver: 'pglite', pool, databaseUrl: null, pglite,
    close: async () => {
      await db.destroy();
      if (!opts.pgliteInstance) await pglite.close();
      release();
    },
  };
}

/** PGlite takes no inter-process lock on its folder; two processes on one folder corrupt it. */
function holdLock(dir: string): () => void {
  const file = join(dir, '.localpact.lock');
  const tryTake = () => { const fd = openSync(file, 'wx'); writeFileSync(fd, String(process.pid)); closeSync(fd); };
  try {
    tryTake();
  } catch {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && isAlive(pid) && pid !== process.pid) {
      throw new Error(`The data folder ${dir} is in use by process ${pid}. Stop it first, or set DATA_DIR to another folder.`);
    }
    unlinkSync(file); // stale lock of a process that died
    tryTake();
  }
  let released = false;
  const release = () => { if (!released && existsSync(file)) { released = true; try { unlinkSync(file); } catch { /* gone */ } } };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
