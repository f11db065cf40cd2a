import type { Feature } from '../../app/feature';
import { UsersAdminPage } from './UsersAdminPage';

export const usersFeature: Feature = {
  name: 'users',
  routes: [{ path: '/admin/users', element: <UsersAdminPage />, auth: { right: 'users.manage' } }],
  nav: [{ to: '/admin/users', label: 'nav.users', show: ({ can }) => can('users.manage') }],
};
