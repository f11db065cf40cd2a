// The transition from temporary protection to a durable status (issue 17): transition routes per
// country (reference data), cohorts whose status ends in a window with their likely route and what
// is missing, bulk plan steps a person confirms (preview, one command, undo per person), monthly
// projections and progress per territory. People are reached only through pathways' service.
import type { CapabilityModule } from '../../platform/module.ts';
import * as m0007 from './migrations/0007_transition.ts';
import { transitionRoutes } from './routes.ts';
import { transitionDemo, transitionTables } from './demo.ts';
import { messages } from './messages.ts';

export const transition: CapabilityModule = {
  name: 'transition',
  routes: transitionRoutes,
  migrations: { '0007_transition': m0007 },
  tables: transitionTables,
  rights: ['transition_routes.manage'],
  demo: transitionDemo,
  messages,
  freeText: [
    // Reference data an administrator publishes: about a country's law, never about a person.
    ...(['country', 'names', 'target_status', 'conditions', 'authority', 'legal_basis', 'source'] as const).map((column) => ({ table: 'transition_routes', column, holds: 'reference' as const })),
    // A bulk action is about a cohort (hundreds or thousands of people), not one person: its
    // filter, the step's title and the reason are written for all of them and name nobody.
    ...(['cohort', 'step', 'reason'] as const).map((column) => ({ table: 'transition_actions', column, holds: 'reference' as const })),
  ],
};
