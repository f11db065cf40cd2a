import { sql } from 'kysely';
import { loadConfig } from './apps/server/src/platform/config.ts';
import { openDatabase } from './apps/server/src/platform/database.ts';
import { withActor } from './apps/server/src/platform/context.ts';
import * as repo from './apps/server/src/modules/pathways/repository.ts';
const h = await openDatabase(loadConfig({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/' + process.env.DB, port: 0 }));
const org = '3f4b1c62-a786-46a4-9154-6066cc365d9d';
const actor: any = { id: '00000000-0000-0000-0000-000000000000', organisationId: org, role: 'case_worker' };
for (let i = 0; i < 3; i++) await withActor(h.db as any, actor, async (trx) => {
  await sql`set local jit = off`.execute(trx);
  const t0 = performance.now();
  const rows = await repo.cohortRows(trx, org, 'temporary_protection', '2027-03-01', '2027-03-31');
  console.log('rows', rows.length, (performance.now() - t0).toFixed(1), 'ms');
});
await h.close(); process.exit(0);
