// The organisation directory: every organisation bound to one territory.
import type { CapabilityModule } from '../../platform/module.ts';
import { referenceText } from '../../platform/erasure.ts';
import { organisationRoutes } from './routes.ts';
import { organisationsDemo } from './demo.ts';

export const organisations: CapabilityModule = {
  name: 'organisations',
  routes: organisationRoutes,
  tables: ['organisations'],
  freeText: referenceText('organisations', 'email', 'kind', 'name', 'territory_code', 'website'),
  demo: organisationsDemo,
};
