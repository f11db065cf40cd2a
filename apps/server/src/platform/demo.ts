// Demo data: each module seeds its own (its manifest's `demo`), in the order of the module list,
// inside one transaction as the platform. Loaded on the first start of the embedded database;
// `localpact demo` resets it: every module's tables (later modules first, each children first),
// then the platform's own, are emptied; territories and the audit log are kept.
import { sql } from 'kysely';
import type { Db } from './context.ts';
import { asSystem } from './context.ts';
import { audit } from './audit.ts';
import type { CapabilityModule, DemoContext } from './module.ts';

/** Every demo account's password (published in the README). */
export const DEMO_PASSWORD = 'localpact-demo';

/** The platform's own resettable tables, emptied first (they refer to users). */
const platformTables = ['notification_reads', 'notification_cursors', 'events'];

/** Tables holding everything but reference data and the (append-only) audit log, children first. */
export function resettableTables(modules: readonly CapabilityModule[]): string[] {
  return [...platformTables, ...[...modules].reverse().flatMap((m) => m.tables ?? [])];
}

export async function hasDemoData(db: Db, modules: readonly CapabilityModule[]): Promise<boolean> {
  for (const m of modules) if (m.demo?.present && (await m.demo.present(db))) return true;
  return false;
}

/** The sign-ins the demo modules announce, for `localpact serve` to print. */
export function demoSignIns(modules: readonly CapabilityModule[]) {
  return modules.flatMap((m) => m.demo?.signIns ?? []);
}

export async function loadDemo(db: Db, modules: readonly CapabilityModule[], opts: { reset?: boolean } = {}): Promise<{ modules: string[] }> {
  return asSystem(db, async (trx) => {
    if (opts.reset) {
      await sql`reset role`.execute(trx); // deleting everything is the platform's own act, not a user's
      for (const t of resettableTables(modules)) await sql`delete from ${sql.table(t)}`.execute(trx);
      await sql`set local role localpact_app`.execute(trx);
    }
    const ctx: DemoContext = { organisations: new Map(), password: DEMO_PASSWORD };
    const seeded: string[] = [];
    for (const m of modules) {
      if (!m.demo) continue;
      await m.demo.seed(trx, ctx);
      seeded.push(m.name);
    }
    await audit(trx, null, { action: opts.reset ? 'demo.reset' : 'demo.load', detail: { modules: seeded, organisations: ctx.organisations.size } });
    return { modules: seeded };
  });
}
