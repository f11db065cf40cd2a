import type { CapabilityLists } from './platform.ts';

export const organisationsLists = {
  auditActions: ['organisation.create'],
  recordTypes: ['organisation'],
} as const satisfies CapabilityLists;
