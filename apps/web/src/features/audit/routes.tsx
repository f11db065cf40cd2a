import { lazyPage, type Feature } from '../../app/feature';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

export const auditFeature: Feature = {
  name: 'audit',
  routes: [{ path: '/audit', element: <AuditPage />, auth: { right: 'audit.read' } }],
  nav: [{ to: '/audit', label: 'nav.audit', show: ({ can }) => can('audit.read') }],
};
