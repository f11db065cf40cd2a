import { lazyPage, type Feature } from '../../app/feature';

const DuplicateReviewsPage = lazyPage(() => import('./DuplicateReviewsPage'), 'DuplicateReviewsPage');
const ExportPage = lazyPage(() => import('./ExportPage'), 'ExportPage');
const PeoplePage = lazyPage(() => import('./PeoplePage'), 'PeoplePage');
const PersonPage = lazyPage(() => import('./PersonPage'), 'PersonPage');
const ReferralsPage = lazyPage(() => import('./ReferralsPage'), 'ReferralsPage');
const StatusTypesPage = lazyPage(() => import('./StatusTypesPage'), 'StatusTypesPage');
const SubjectRequestsPage = lazyPage(() => import('./SubjectRequestsPage'), 'SubjectRequestsPage');
const TemplatesPage = lazyPage(() => import('./TemplatesPage'), 'TemplatesPage');
const WorklistPage = lazyPage(() => import('./WorklistPage'), 'WorklistPage');
const CasesTodayCard = lazyPage(() => import('./HomeCards'), 'CasesTodayCard');
const IncomingReferralsCard = lazyPage(() => import('./HomeCards'), 'IncomingReferralsCard');
const DpoDeskCard = lazyPage(() => import('./HomeCards'), 'DpoDeskCard');
const DuplicateReviewsCard = lazyPage(() => import('./DuplicateReviewsCard'), 'DuplicateReviewsCard');

export const pathwaysFeature: Feature = {
  name: 'pathways',
  routes: [
    { path: '/people', element: <PeoplePage />, auth: { right: 'people.read' } },
    { path: '/people/:id', element: <PersonPage />, auth: { right: 'people.read' } },
    { path: '/people/:id/export', element: <ExportPage />, auth: { right: 'people.rights' } },
    { path: '/worklist', element: <WorklistPage />, auth: { right: 'people.read' } },
    { path: '/pathways/templates', element: <TemplatesPage />, auth: { right: 'shared.write' } },
    { path: '/referrals', element: <ReferralsPage />, auth: { right: 'referrals.receive' } },
    { path: '/subject-requests', element: <SubjectRequestsPage />, auth: { right: 'people.rights' } },
    { path: '/admin/status-types', element: <StatusTypesPage />, auth: { right: 'status_types.manage' } },
    { path: '/duplicate-reviews', element: <DuplicateReviewsPage />, auth: { right: 'duplicates.review' } },
  ],
  nav: [
    { to: '/worklist', label: 'pathways.nav.worklist', show: ({ can }) => can('people.read') },
    { to: '/people', label: 'pathways.nav.people', show: ({ can }) => can('people.read') },
    { to: '/pathways/templates', label: 'pathways.nav.templates', show: ({ can }) => can('people.read') && can('shared.write') },
    { to: '/referrals', label: 'pathways.nav.referrals', show: ({ can }) => can('referrals.receive') },
    { to: '/subject-requests', label: 'pathways.nav.dpo', show: ({ can }) => can('people.rights') && can('audit.read') },
    { to: '/admin/status-types', label: 'pathways.nav.statusTypes', show: ({ can }) => can('status_types.manage') },
    { to: '/duplicate-reviews', label: 'duplicateReviews.nav', show: ({ can }) => can('duplicates.review') },
  ],
  home: [
    { id: 'pathways.cases-today', show: ({ can }) => can('people.read'), element: <CasesTodayCard /> },
    { id: 'pathways.referrals-incoming', show: ({ can }) => can('referrals.receive'), element: <IncomingReferralsCard /> },
    { id: 'pathways.dpo-desk', show: ({ can }) => can('people.rights') && can('audit.read'), element: <DpoDeskCard /> },
    { id: 'pathways.duplicate-reviews', show: ({ can }) => can('duplicates.review'), element: <DuplicateReviewsCard /> },
  ],
};
