import { lazyPage, type Feature } from '../../app/feature';

const TerritoryPage = lazyPage(() => import('./TerritoryPage'), 'TerritoryPage');

export const territoriesFeature: Feature = {
  name: 'territories',
  routes: [{ path: '/territories/:code', element: <TerritoryPage />, auth: { right: 'territories.read' } }],
  nav: [{ to: '/territories/EU', label: 'nav.territories', show: ({ can }) => can('territories.read') }],
};
