// Forward-only migrations, listed statically so they bundle and run the same on both drivers.
import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m0001 from './migrations/0001_platform.ts';
import * as m0002 from './migrations/0002_reception.ts';
import * as m0003 from './migrations/0003_pathways.ts';
import * as m0004 from './migrations/0004_placement.ts';
import * as m0005 from './migrations/0005_security.ts';

const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_reception': m0002,
  '0003_pathways': m0003,
  '0004_placement': m0004,
  '0005_security': m0005,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() { return migrations; }
}

export const latestMigration = Object.keys(migrations).length;

export async function migrate(db: Kysely<any>): Promise<{ applied: string[]; version: number }> {
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock',
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
