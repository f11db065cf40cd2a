// The audit viewer of the data-protection officer: search and CSV export of the log that the
// platform's one audit writer (platform/audit.ts) appends to; the hash chain that makes a changed
// row show (`localpact audit verify`).
import type { CapabilityModule } from '../../platform/module.ts';
import { auditRoutes } from './routes.ts';
import { sealAuditLog, verifyAuditLog } from './service.ts';

export const audit: CapabilityModule = {
  name: 'audit',
  routes: auditRoutes,
  rights: ['audit.export'],
  jobs: [{
    name: 'audit seal', everyMs: 60_000, firstAfterMs: 30_000, runsIn: 'app',
    async run(db) {
      const n = await sealAuditLog(db);
      if (n) return `audit: sealed ${n} entr${n === 1 ? 'y' : 'ies'}`;
    },
  }],
  commands: [{
    name: 'audit verify',
    summary: 'check the audit log against its hash chain and report changed or deleted entries',
    help: `localpact audit verify [--seal]

Walks the audit log's hash chain and reports every entry changed or deleted since it was sealed
(exit code 1), the entries not sealed yet, and the chain's last hash (keep it elsewhere: a chain
rewritten from an earlier point will not end in it). --seal first links the entries written since
the last sealing pass (the server does this every minute).`,
    async run(args, ctx) {
      const database = await ctx.open();
      try {
        if (args.includes('--seal')) ctx.say(`sealed ${await sealAuditLog(database.db)} entries`);
        const r = await verifyAuditLog(database.db);
        for (const t of r.tampered) ctx.say(`TAMPERED audit entry ${t.auditId}: ${t.problem === 'missing' ? 'deleted' : t.problem === 'text_changed' ? 'its text changed' : 'changed'}`);
        ctx.say(`${r.sealed} entries sealed, ${r.unsealed} not sealed yet, ${r.tampered.length} tampered; chain head ${r.head ?? '(empty)'}`);
        return r.tampered.length ? 1 : 0;
      } finally { await database.close(); }
    },
  }],
};
