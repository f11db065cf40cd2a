// What every start does, in order: open the database, migrate, let each module prepare what it
// needs (e.g. import the territory tree when it is missing), load demo data when asked and the
// database is empty, and build the HTTP app.
import type { FastifyInstance } from 'fastify';
import { usePersonData } from './person-data.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { migrate } from './migrate.ts';
import { buildApp } from './app.ts';
import { hasDemoData, loadDemo } from './demo.ts';
import type { CapabilityModule } from './module.ts';
import { registerFreeText } from './erasure.ts';

export interface BootOptions {
  demo: boolean;
  logger?: boolean;
  onProgress?: (message: string) => void;
  pgliteInstance?: unknown;
}

export async function prepareDatabase(config: Config, modules: readonly CapabilityModule[], opts: BootOptions): Promise<DatabaseHandle> {
  const say = opts.onProgress ?? (() => {});
  // Before anything can export or erase a person: what each module holds about people (person-data.ts).
  usePersonData(modules);
  registerFreeText(modules);
  const database = await openDatabase(config, { pgliteInstance: opts.pgliteInstance });
  try {
    const { applied } = await migrate(database.db, modules);
    if (applied.length) say(`migrated: ${applied.join(', ')}`);
    for (const m of modules) if (m.onBoot) await m.onBoot(database.db, say);
    if (opts.demo && !(await hasDemoData(database.db, modules))) {
      const r = await loadDemo(database.db, modules);
      say(`demo data loaded: ${r.modules.join(', ')}`);
    }
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

export async function boot(config: Config, modules: readonly CapabilityModule[], opts: BootOptions): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const database = await prepareDatabase(config, modules, opts);
  const app = await buildApp(config, database, modules, { logger: opts.logger });
  app.addHook('onClose', async () => { await database.close(); });
  return { app, database };
}
