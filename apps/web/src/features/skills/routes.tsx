import { lazyPage, type Feature } from '../../app/feature';

const ProfilePage = lazyPage(() => import('./ProfilePage'), 'ProfilePage');

export const skillsFeature: Feature = {
  name: 'skills',
  routes: [
    { path: '/people/:id/skills', element: <ProfilePage />, auth: { right: 'people.read' } },
  ],
};
