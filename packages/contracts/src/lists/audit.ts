import type { CapabilityLists } from './platform.ts';

export const auditLists = {
  rights: {
    'audit.export': { roles: ['platform_admin', 'dpo'], means: 'export the audit log as CSV' },
  },
  auditActions: ['audit.search', 'audit.export'],
  recordTypes: ['audit_log'],
} as const satisfies CapabilityLists;
