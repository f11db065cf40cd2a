import { lazyPage, type Feature } from '../../app/feature';

const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');

export const homeFeature: Feature = {
  name: 'home',
  routes: [{ path: '/', element: <HomePage />, auth: {} }],
  nav: [{ to: '/', label: 'nav.home', end: true, show: () => true }],
};
