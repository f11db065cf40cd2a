import { lazyPage, type Feature } from '../../app/feature';

const RolesPage = lazyPage(() => import('./RolesPage'), 'RolesPage');

export const rolesFeature: Feature = {
  name: 'roles',
  routes: [{ path: '/roles', element: <RolesPage />, auth: {} }],
  nav: [{ to: '/roles', label: 'nav.roles', show: () => true }],
};
