import { lazyPage, type Feature } from '../../app/feature';

const OrganisationPage = lazyPage(() => import('./OrganisationPage'), 'OrganisationPage');
const OrganisationsPage = lazyPage(() => import('./OrganisationsPage'), 'OrganisationsPage');

export const organisationsFeature: Feature = {
  name: 'organisations',
  routes: [
    { path: '/organisations', element: <OrganisationsPage />, auth: { right: 'organisations.read' } },
    { path: '/organisations/:id', element: <OrganisationPage />, auth: { right: 'organisations.read' } },
  ],
  nav: [{ to: '/organisations', label: 'nav.organisations', show: ({ can }) => can('organisations.read') }],
};
