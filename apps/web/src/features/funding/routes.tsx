import { lazyPage, type Feature } from '../../app/feature';

const CallsPage = lazyPage(() => import('./CallsPage'), 'CallsPage');
const ProjectsPage = lazyPage(() => import('./ProjectsPage'), 'ProjectsPage');
const ProjectPage = lazyPage(() => import('./ProjectPage'), 'ProjectPage');
const IndicatorsPage = lazyPage(() => import('./IndicatorsPage'), 'IndicatorsPage');
const OpenCallsCard = lazyPage(() => import('./HomeCards'), 'OpenCallsCard');

export const fundingFeature: Feature = {
  name: 'funding',
  routes: [
    { path: '/funding/calls', element: <CallsPage />, auth: {} },
    { path: '/funding/projects', element: <ProjectsPage />, auth: { right: 'shared.read' } },
    { path: '/funding/projects/:id', element: <ProjectPage />, auth: { right: 'shared.read' } },
    { path: '/funding/projects/:id/indicators', element: <IndicatorsPage />, auth: { right: 'shared.read' } },
  ],
  nav: [
    { to: '/funding/calls', label: 'funding.nav.calls', show: ({ me }) => !!me && ['municipality', 'regional_authority', 'ngo', 'national_authority'].includes(me.organisation.kind) },
    { to: '/funding/projects', label: 'funding.nav.projects', show: ({ can }) => can('shared.read') },
  ],
  home: [{ id: 'funding.open-calls', show: ({ can, me }) => can('shared.write') && !!me && ['municipality', 'regional_authority'].includes(me.organisation.kind), element: <OpenCallsCard /> }],
};
