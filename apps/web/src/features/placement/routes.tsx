import { lazyPage, type Feature } from '../../app/feature';

const PlacementPage = lazyPage(() => import('./PlacementPage'), 'PlacementPage');
const RunPage = lazyPage(() => import('./RunPage'), 'RunPage');
const PlacementTodayCard = lazyPage(() => import('./HomeCards'), 'PlacementTodayCard');

export const placementFeature: Feature = {
  name: 'placement',
  routes: [
    { path: '/placement', element: <PlacementPage />, auth: { right: 'placement.manage' } },
    { path: '/placement/runs/:id', element: <RunPage />, auth: { right: 'placement.manage' } },
  ],
  nav: [{ to: '/placement', label: 'nav.placement', show: ({ can }) => can('placement.manage') }],
  home: [{ id: 'placement.today', show: ({ can }) => can('placement.manage'), element: <PlacementTodayCard /> }],
};
