import { lazyPage, type Feature } from '../../app/feature';

const UsersAdminPage = lazyPage(() => import('./UsersAdminPage'), 'UsersAdminPage');

export const usersFeature: Feature = {
  name: 'users',
  routes: [{ path: '/admin/users', element: <UsersAdminPage />, auth: { right: 'users.manage' } }],
  nav: [{ to: '/admin/users', label: 'nav.users', show: ({ can }) => can('users.manage') }],
};
