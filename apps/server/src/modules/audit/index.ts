// The audit viewer of the data-protection officer: search and CSV export of the log that the
// platform's one audit writer (platform/audit.ts) appends to.
import type { CapabilityModule } from '../../platform/module.ts';
import { auditRoutes } from './routes.ts';

export const audit: CapabilityModule = {
  name: 'audit',
  routes: auditRoutes,
  rights: ['audit.export'],
};
