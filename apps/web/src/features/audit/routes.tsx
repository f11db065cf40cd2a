import type { Feature } from '../../app/feature';
import { AuditPage } from './AuditPage';

export const auditFeature: Feature = {
  name: 'audit',
  routes: [{ path: '/audit', element: <AuditPage />, auth: { right: 'audit.read' } }],
  nav: [{ to: '/audit', label: 'nav.audit', show: ({ can }) => can('audit.read') }],
};
