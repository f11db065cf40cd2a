// Reception (issue 3): capacity declarations and their roll-ups, arrival notices and their state
// machine, with the overdue sweep that escalates unanswered notices.
import type { CapabilityModule } from '../../platform/module.ts';
import { referenceText } from '../../platform/erasure.ts';
import * as m0002 from './migrations/0002_reception.ts';
import * as m0005 from './migrations/0005_reception_holds.ts';
import { receptionRoutes } from './routes.ts';
import { receptionDemo, receptionTables } from './demo.ts';
import { messages } from './messages.ts';
import { capacityRecord, noticeRecord } from './records.ts';
import { sweepNotices } from './service.ts';

/** How often the overdue sweep runs (RECEPTION_ESCALATION_SECONDS, default 60). */
export const ESCALATION_INTERVAL_MS = Number(process.env.RECEPTION_ESCALATION_SECONDS || 60) * 1000;

export const reception: CapabilityModule = {
  name: 'reception',
  routes: receptionRoutes,
  migrations: { '0002_reception': m0002, '0005_reception_holds': m0005 },
  tables: receptionTables,
  // Capacity and notices concern organisations and pseudonymous households (a reference the sending
  // authority can resolve), never a named person; notes and reasons are about places and dates.
  freeText: [
    ...referenceText('resource_types', 'code', 'labels', 'unit'),
    ...referenceText('capacity_declarations', 'group_path', 'resource_code', 'territory_path'),
    ...referenceText('capacity_history', 'reason', 'resource_code', 'territory_path'),
    ...referenceText('capacity_daily', 'group_path', 'resource_code'),
    ...referenceText('arrival_notices', 'issuer_territory_path', 'needs', 'note', 'procedure', 'reason', 'reference', 'resource_code', 'state', 'target_territory_path'),
    ...referenceText('arrival_notice_versions', 'action', 'snapshot'),
    ...referenceText('arrival_notice_households', 'languages', 'reference', 'sexes'),
  ],
  recordTypes: [capacityRecord, noticeRecord],
  demo: receptionDemo,
  messages,
  jobs: [{
    // Every instance runs it; the conditional update lets only one stamp a notice.
    name: 'notice sweep (escalation, expiry)', everyMs: ESCALATION_INTERVAL_MS, runsIn: 'app',
    run: async (db) => { await sweepNotices(db); },
  }],
};
