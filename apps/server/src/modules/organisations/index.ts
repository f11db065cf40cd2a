// The organisation directory: every organisation bound to one territory.
import type { CapabilityModule } from '../../platform/module.ts';
import { organisationRoutes } from './routes.ts';
import { organisationsDemo } from './demo.ts';

export const organisations: CapabilityModule = {
  name: 'organisations',
  routes: organisationRoutes,
  tables: ['organisations'],
  demo: organisationsDemo,
};
