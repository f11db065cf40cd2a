// Placement: statuses of runs and of households awaiting placement, distribution keys, weights.
import type { CapabilityLists } from './platform.ts';

export const runStatuses = ['proposed', 'approved', 'discarded'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const pendingHouseholdStatuses = ['pending', 'placed', 'withdrawn'] as const;
export type PendingHouseholdStatus = (typeof pendingHouseholdStatuses)[number];
export const distributionKeys = ['pact_reference', 'population', 'custom'] as const;
export type DistributionKeyCode = (typeof distributionKeys)[number];
/** The score's components, then the quota penalty (a weight, not a component). */
export const weightKeys = ['labour', 'ties', 'preference', 'services', 'language', 'quotaPenalty'] as const;
export type WeightKey = (typeof weightKeys)[number];

export const placementLists = {
  rights: {
    'placement.manage': {
      roles: ['national_coordinator', 'regional_coordinator'],
      means: 'register pending households, run, override and approve placements in reach',
    },
  },
  auditActions: [
    'placement.household.create',
    'placement_household.read',
    'placement.run.create',
    'placement.run.read',
    'placement.explanation.read',
    'placement.override',
    'placement.approve',
    'placement.discard',
    'placement.household.return',
  ],
  recordTypes: ['placement_household', 'placement_run'],
} as const satisfies CapabilityLists;
