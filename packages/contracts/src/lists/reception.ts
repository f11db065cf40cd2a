// Reception: notice states and the actions that move them, procedures, resource units and the
// resource types every installation starts with (more are data: an administrator adds them).
import type { CapabilityLists } from './platform.ts';

export const noticeStates = ['announced', 'accepted', 'partially_accepted', 'declined', 'withdrawn', 'arrived', 'expired'] as const;
export type NoticeStateCode = (typeof noticeStates)[number];
export const noticeActions = ['accept', 'decline', 'withdraw', 'amend', 'arrived', 'depart'] as const;
export type NoticeAction = (typeof noticeActions)[number];
export const procedures = ['asylum', 'border_procedure', 'relocation', 'resettlement', 'temporary_protection'] as const;
export type ProcedureCode = (typeof procedures)[number];
export const resourceUnits = ['beds', 'places', 'seats', 'slots'] as const;
/** The resource types migration 0002 creates; the code names some of them (defaults, placement needs). */
export const builtInResourceTypes = [
  'emergency_beds',
  'housing_places',
  'uam_places',
  'primary_school_places',
  'secondary_school_places',
  'childcare_places',
  'language_course_seats',
  'health_slots',
  'psychosocial_slots',
  'step_free_places',
] as const;
export type BuiltInResourceType = (typeof builtInResourceTypes)[number];

export const receptionLists = {
  auditActions: [
    'resource_type.create',
    'capacity.declare',
    'capacity.import',
    'capacity.export',
    'notice.announce',
    'notice.accept',
    'notice.decline',
    'notice.withdraw',
    'notice.amend',
    'notice.arrived',
    'notice.escalate',
    'notice.export',
    'notice.expire',
    'notice.depart',
    'notice.households.read',
  ],
  recordTypes: ['capacity', 'notice', 'resource_type'],
} as const satisfies CapabilityLists;
