import { lazyPage, type Feature } from '../../app/feature';
import { TransitionHomeCard } from './HomeCard';

const CohortPage = lazyPage(() => import('./CohortPage'), 'CohortPage');
const ProgressPage = lazyPage(() => import('./ProgressPage'), 'ProgressPage');
const RoutesPage = lazyPage(() => import('./RoutesPage'), 'RoutesPage');

export const transitionFeature: Feature = {
  name: 'transition',
  routes: [
    { path: '/transition', element: <CohortPage />, auth: { right: 'people.write' } },
    { path: '/transition/progress', element: <ProgressPage />, auth: { right: 'aggregates.read' } },
    { path: '/transition/routes', element: <RoutesPage />, auth: {} },
  ],
  nav: [
    { to: '/transition', label: 'transition.nav.cohort', end: true, show: ({ can }) => can('people.write') },
    { to: '/transition/progress', label: 'transition.nav.progress', show: ({ can }) => can('aggregates.read') },
    { to: '/transition/routes', label: 'transition.nav.routes', show: ({ can }) => can('transition_routes.manage') || can('people.write') },
  ],
  home: [{ id: 'transition.statuses-ending', show: ({ can }) => can('people.write') && can('aggregates.read'), element: <TransitionHomeCard /> }],
};
