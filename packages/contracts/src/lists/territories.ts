// Territories: the levels of the tree (EU → country → NUTS 1–3 → LAU municipality).
import type { CapabilityLists } from './platform.ts';

export const territoryLevels = ['eu', 'country', 'nuts1', 'nuts2', 'nuts3', 'lau'] as const;
export type TerritoryLevelCode = (typeof territoryLevels)[number];

export const territoriesLists = {
  auditActions: [],
  recordTypes: ['territory'],
} as const satisfies CapabilityLists;
