import type { Feature } from '../../app/feature';
import { RolesPage } from './RolesPage';

export const rolesFeature: Feature = {
  name: 'roles',
  routes: [{ path: '/roles', element: <RolesPage />, auth: {} }],
  nav: [{ to: '/roles', label: 'nav.roles', show: () => true }],
};
