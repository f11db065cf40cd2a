import { lazyPage, type Feature } from '../../app/feature';
import { UnreadBadge } from './UnreadBadge';

const CapacityPage = lazyPage(() => import('./CapacityPage'), 'CapacityPage');
const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const NoticePage = lazyPage(() => import('./NoticePage'), 'NoticePage');
const NoticesPage = lazyPage(() => import('./NoticesPage'), 'NoticesPage');
const NotificationsPage = lazyPage(() => import('./NotificationsPage'), 'NotificationsPage');
const ResourceTypesPage = lazyPage(() => import('./ResourceTypesPage'), 'ResourceTypesPage');
const NoticesDueCard = lazyPage(() => import('./HomeCards'), 'NoticesDueCard');
const CapacityCheckCard = lazyPage(() => import('./HomeCards'), 'CapacityCheckCard');
const NearFullCard = lazyPage(() => import('./HomeCards'), 'NearFullCard');
const CapacityTrendCard = lazyPage(() => import('./HomeCards'), 'CapacityTrendCard');
const EuropePictureCard = lazyPage(() => import('./HomeCards'), 'EuropePictureCard');

const coordinating = (kind: string | undefined) => kind === 'national_authority' || kind === 'regional_authority';

export const receptionFeature: Feature = {
  name: 'reception',
  routes: [
    { path: '/reception/capacity', element: <CapacityPage />, auth: { right: 'shared.read' } },
    { path: '/reception/capacity/:organisationId', element: <CapacityPage />, auth: { right: 'shared.read' } },
    { path: '/reception/overview', element: <DashboardPage />, auth: { right: 'aggregates.read' } },
    { path: '/reception/notices', element: <NoticesPage />, auth: { right: 'shared.read' } },
    { path: '/reception/notices/:id', element: <NoticePage />, auth: { right: 'shared.read' } },
    { path: '/reception/resource-types', element: <ResourceTypesPage />, auth: { right: 'organisations.manage' } },
    { path: '/reception/notifications', element: <NotificationsPage />, auth: {} },
  ],
  nav: [
    { to: '/reception/capacity', label: 'reception.nav.capacity', show: ({ can, me }) => me?.organisation.kind === 'municipality' && can('shared.read') },
    { to: '/reception/overview', label: 'reception.nav.overview', show: ({ can }) => can('aggregates.read') },
    { to: '/reception/notices', label: 'reception.nav.notices', show: ({ can }) => can('shared.read') },
    { to: '/reception/notifications', label: 'reception.nav.notifications', badge: <UnreadBadge />, show: ({ can }) => can('shared.read') || can('aggregates.read') },
    // Adding a resource type needs organisations.manage (platform administrators), as the API does.
    { to: '/reception/resource-types', label: 'reception.nav.resourceTypes', show: ({ can }) => can('organisations.manage') },
  ],
  home: [
    // Those who answer notices (municipalities) and those who announce them and see escalations.
    { id: 'reception.notices-due', show: ({ can }) => can('shared.write'), element: <NoticesDueCard /> },
    { id: 'reception.capacity-check', show: ({ can, me }) => me?.organisation.kind === 'municipality' && can('shared.write'), element: <CapacityCheckCard /> },
    { id: 'reception.capacity-trend', show: ({ can, me }) => me?.organisation.kind === 'municipality' && can('shared.write') && can('aggregates.read'), element: <CapacityTrendCard /> },
    { id: 'reception.near-full', show: ({ can, me }) => coordinating(me?.organisation.kind) && can('shared.read') && can('aggregates.read'), element: <NearFullCard /> },
    // Aggregates without operational records: the EU observer's picture.
    { id: 'reception.europe', show: ({ can }) => can('aggregates.read') && !can('shared.read'), element: <EuropePictureCard /> },
  ],
};
