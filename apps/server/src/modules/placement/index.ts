// Placement (issue 4): a coordinator distributes pending households across the municipalities in
// reach, the engine (packages/placement) proposes and explains, a person decides.
import type { CapabilityModule } from '../../platform/module.ts';
import { referenceText } from '../../platform/erasure.ts';
import * as m0004 from './migrations/0004_placement.ts';
import * as m0005 from './migrations/0005_placement_notices.ts';
import { placementRoutes } from './routes.ts';
import { placementDemo, placementTables } from './demo.ts';
import { messages } from './messages.ts';
import { runRecord } from './records.ts';

export const placement: CapabilityModule = {
  name: 'placement',
  routes: placementRoutes,
  migrations: { '0004_placement': m0004, '0005_placement_notices': m0005 },
  tables: placementTables,
  // Placement works on pseudonymous households (ARCHITECTURE.md, wall 3): no names, no free text about one person.
  freeText: [
    ...referenceText('placement_households', 'languages', 'occupations', 'preferences', 'procedure', 'reference', 'sexes', 'status', 'ties'),
    ...referenceText('placement_runs', 'context', 'distribution_key', 'figures', 'instance', 'key_table', 'overrides', 'result', 'status', 'territory_code', 'weights'),
    ...referenceText('regional_labour_demand', 'isco', 'source', 'territory_code'),
  ],
  rights: ['placement.manage'],
  recordTypes: [runRecord],
  demo: placementDemo,
  messages,
  commands: [{
    name: 'placement',
    summary: 'solve or verify a placement instance (JSON)',
    async run(args) {
      const { placementCli } = await import('@localpact/placement/cli');
      return placementCli(args);
    },
  }],
};
