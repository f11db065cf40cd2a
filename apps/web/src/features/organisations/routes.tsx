import type { Feature } from '../../app/feature';
import { OrganisationPage } from './OrganisationPage';
import { OrganisationsPage } from './OrganisationsPage';

export const organisationsFeature: Feature = {
  name: 'organisations',
  routes: [
    { path: '/organisations', element: <OrganisationsPage />, auth: { right: 'organisations.read' } },
    { path: '/organisations/:id', element: <OrganisationPage />, auth: { right: 'organisations.read' } },
  ],
  nav: [{ to: '/organisations', label: 'nav.organisations', show: ({ can }) => can('organisations.read') }],
};
