import { lazyPage, type Feature } from '../../app/feature';

const ProfilePage = lazyPage(() => import('./ProfilePage'), 'ProfilePage');
const OffersPage = lazyPage(() => import('./OffersPage'), 'OffersPage');

export const skillsFeature: Feature = {
  name: 'skills',
  routes: [
    { path: '/people/:id/skills', element: <ProfilePage />, auth: { right: 'people.read' } },
    { path: '/offers', element: <OffersPage />, auth: {} },
  ],
  nav: [
    { to: '/offers', label: 'skills.offers.nav', show: ({ can }) => can('people.read') || can('offers.publish') },
  ],
};
