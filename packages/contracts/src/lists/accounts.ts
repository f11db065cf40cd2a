import type { CapabilityLists } from './platform.ts';

export const accountsLists = {
  auditActions: ['auth.sign_in', 'auth.sign_in_failed', 'auth.sign_out', 'user.create', 'user.update', 'user.role_change'],
  recordTypes: ['user'],
} as const satisfies CapabilityLists;
