import { sql } from 'kysely';
import { loadConfig } from '/work/wt/transition/apps/server/src/platform/config.ts';
import { openDatabase } from '/work/wt/transition/apps/server/src/platform/database.ts';
import { withActor } from '/work/wt/transition/apps/server/src/platform/context.ts';
import * as repo from '/work/wt/transition/apps/server/src/modules/pathways/repository.ts';
const url = 'postgres://postgres@127.0.0.1:5432/' + process.env.DB;
const h = await openDatabase(loadConfig({ databaseUrl: url, port: 0 }));
const org = '3f4b1c62-a786-46a4-9154-6066cc365d9d';
const actor: any = { id: '00000000-0000-0000-0000-000000000000', organisationId: org, role: 'case_worker' };
for (const day of ['2026-10-15', '2027-01-15']) {
  const parts = repo.worklistParts(org, 90, [6, 17], day, 50);
  for (const [k, part] of Object.entries(parts)) {
    const ts: number[] = [];
    for (let i = 0; i < 15; i++) {
      await withActor(h.db as any, actor, async (trx) => {
        await sql`set local jit = off`.execute(trx); await sql`set local work_mem = '64MB'`.execute(trx);
        const t0 = performance.now();
        await sql`select count(*) from (${part}) x`.execute(trx);
        const t1 = performance.now();
        await sql`select * from (${part}) x order by urgency nulls last, person_id, step_id limit 50`.execute(trx);
        ts.push(t1 - t0, performance.now() - t1);
      });
    }
    const c = ts.filter((_, i) => i % 2 === 0).sort((a, b) => a - b), p = ts.filter((_, i) => i % 2 === 1).sort((a, b) => a - b);
    console.log(day, k, 'count med', c[7].toFixed(1), 'page med', p[7].toFixed(1));
  }
}
await h.close(); process.exit(0);
