// What every start does, in order: open the database, migrate, import the territory tree when it
// is missing, load demo data when asked and the database is empty, and build the HTTP app.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { migrate } from './migrate.ts';
import { buildApp } from './app.ts';
import { hasAnyOrganisation, loadDemo } from './demo.ts';
import { importTerritories, territoryCount, type ImportProgress } from '../modules/territories/importer.ts';

export interface BootOptions {
  demo: boolean;
  logger?: boolean;
  onProgress?: (message: string) => void;
  pgliteInstance?: unknown;
}

export async function prepareDatabase(config: Config, opts: BootOptions): Promise<DatabaseHandle> {
  const say = opts.onProgress ?? (() => {});
  const database = await openDatabase(config, { pgliteInstance: opts.pgliteInstance });
  try {
    const { applied } = await migrate(database.db);
    if (applied.length) say(`migrated: ${applied.join(', ')}`);
    if ((await territoryCount(database.db)) === 0) {
      say('importing territories (EU27, NUTS 2024, LAU municipalities)…');
      await importTerritories(database.db, { onProgress: progressPrinter(say) });
    }
    if (opts.demo && !(await hasAnyOrganisation(database.db))) {
      const r = await loadDemo(database.db);
      say(`demo data loaded: ${r.organisations} organisations, ${r.users} users`);
    }
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

export function progressPrinter(say: (m: string) => void) {
  let last = -1;
  return (p: ImportProgress) => {
    const pct = Math.floor((p.done / Math.max(p.total, 1)) * 100);
    if (p.phase === 'write' && pct >= last + 10) { last = pct; say(`  territories ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} (${pct} %)`); }
    if (p.phase === 'index') say('  building the tree counts…');
  };
}

export async function boot(config: Config, opts: BootOptions): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = await prepareDatabase(config, opts);
  const app = await buildApp(config, database, { logger: opts.logger });
  app.addHook('onClose', async () => { await database.close(); });
  return { app, database };
}
