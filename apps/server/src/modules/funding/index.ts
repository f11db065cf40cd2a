// EU funding (issue 15): funds and their rules, calls, projects, and the common indicators of AMIF
// and ESF+ computed from the pathway record (counts only, through the pathways service).
import type { CapabilityModule } from '../../platform/module.ts';
import * as m0009 from './migrations/0009_funding.ts';
import { fundingRoutes } from './routes.ts';
import { fundingDemo, fundingTables } from './demo.ts';
import { messages } from './messages.ts';
import { callRecord, projectRecord } from './records.ts';
import { loadReference } from './service.ts';
import './schema.ts';

export const funding: CapabilityModule = {
  name: 'funding',
  routes: fundingRoutes,
  migrations: { '0009_funding': m0009 },
  tables: fundingTables,
  rights: ['funding.calls.manage'],
  recordTypes: [projectRecord, callRecord],
  demo: fundingDemo,
  messages,
  onBoot: (db, say) => loadReference(db, say),
  freeText: [
    ...['id', 'fund', 'objective', 'kind', 'parent', 'code', 'text', 'unit', 'breakdown'].map((column) => ({ table: 'funding_indicators', column, holds: 'reference' as const })),
    ...['code', 'fund', 'management', 'name', 'regulation', 'rules', 'source'].map((column) => ({ table: 'funding_instruments', column, holds: 'reference' as const })),
    ...['instrument_code', 'reference', 'title', 'description', 'applicant_routes', 'eligible_kinds', 'territory_code', 'activity_kinds', 'source_url'].map((column) => ({ table: 'funding_calls', column, holds: 'reference' as const })),
    ...['instrument_code', 'programme', 'title', 'acronym', 'status', 'flat_rate'].map((column) => ({ table: 'funding_projects', column, holds: 'reference' as const })),
    { table: 'funding_project_partners', column: 'role', holds: 'reference' },
    { table: 'funding_budget_lines', column: 'category', holds: 'reference' },
    ...['kind', 'domains', 'language_code'].map((column) => ({ table: 'funding_activities', column, holds: 'reference' as const })),
    ...['title', 'deliverable'].map((column) => ({ table: 'funding_milestones', column, holds: 'reference' as const })),
    ...['category', 'document_ref'].map((column) => ({ table: 'funding_expenditures', column, holds: 'reference' as const })),
    { table: 'funding_indicator_entries', column: 'indicator_id', holds: 'reference' },
  ],
};
