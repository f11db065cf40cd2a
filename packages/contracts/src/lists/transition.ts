// The transition from temporary protection to a durable status (issue 17): the conditions a route
// can ask for, why a person is left out of a bulk action, and the states of a transition.
import type { CapabilityLists } from './platform.ts';

/**
 * What a transition route can require. Each is checked against what the record already holds
 * (plan steps, legal status history, household); `income` cannot be read from the record and is
 * always "to verify" with the person.
 */
export const transitionConditions = ['employment', 'enrolment', 'residence_years', 'documents', 'family_member', 'adult', 'income'] as const;
export type TransitionCondition = (typeof transitionConditions)[number];

/** Why a person of the selected cohort is left out of a bulk action (shown in the preview). */
export const bulkExclusions = ['case_closed', 'granted', 'already_has_step', 'minor', 'adult'] as const;
export type BulkExclusion = (typeof bulkExclusions)[number];

/** Where a person of a cohort stands in the transition. */
export const transitionStates = ['granted', 'applied', 'pending', 'left', 'no_route'] as const;
export type TransitionState = (typeof transitionStates)[number];

/** Which members of a cohort a bulk step is for. */
export const bulkStepFor = ['all', 'adult', 'child'] as const;

export const transitionLists = {
  rights: {
    'transition_routes.manage': {
      roles: ['platform_admin'],
      means: 'maintain the transition routes of each country (statuses a person under temporary protection can move to, conditions, authority, deadline)',
    },
  },
  auditActions: [
    'transition_route.create',
    'transition_route.update',
    'transition.cohort',
    'transition.bulk_step',
    'transition.bulk_step_person',
    'transition.undo',
    'transition.projections',
    'transition.progress',
  ],
  recordTypes: ['transition_route', 'transition_action'],
} as const satisfies CapabilityLists;
