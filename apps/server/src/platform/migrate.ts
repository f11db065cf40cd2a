// Forward-only migrations, listed statically so they bundle and run the same on both drivers: the
// platform's own, then each module's (its manifest's `migrations`), all applied in name order.
import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { CapabilityModule } from './module.ts';
import * as m0001 from './migrations/0001_platform.ts';
import * as m0001events from './migrations/0001_platform_events.ts';
import * as m0006audit from './migrations/0006_audit_privacy.ts';

/** The platform's migrations: the tables every module stands on, the event log. */
export const platformMigrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0001_platform_events': m0001events,
  '0006_audit_privacy': m0006audit,
};

export function allMigrations(modules: readonly CapabilityModule[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platformMigrations };
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`migration ${name} of module ${m.name} has the name of another`);
      all[name] = migration;
    }
  }
  return all;
}

export async function migrate(db: Kysely<any>, modules: readonly CapabilityModule[]): Promise<{ applied: string[]; version: number }> {
  const migrations = allMigrations(modules);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock',
    // Modules are built in parallel and number their migrations ahead (0003 may land before 0002):
    // each migration only creates its own tables, so their order between modules does not matter.
    allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied, version: await migrationVersion(db) };
}

export async function migrationVersion(db: Kysely<any>): Promise<number> {
  try {
    const rows = await db.selectFrom('schema_migrations').select('name').execute();
    return rows.length;
  } catch {
    return 0;
  }
}
