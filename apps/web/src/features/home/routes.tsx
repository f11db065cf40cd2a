import type { Feature } from '../../app/feature';
import { HomePage } from './HomePage';

export const homeFeature: Feature = {
  name: 'home',
  routes: [{ path: '/', element: <HomePage />, auth: {} }],
  nav: [{ to: '/', label: 'nav.home', end: true, show: () => true }],
};
