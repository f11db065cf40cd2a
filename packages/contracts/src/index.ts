// The API's schemas, once: the server validates with them, OpenAPI is generated from them, and the
// web client and tests take their types from them.
//
// And the one source of every list (roles, rights, audit actions, record types, statuses): each
// capability declares its own in lists/<capability>.ts, and the lines below join them. A new
// capability adds its schemas file, its lists file, and one line to each of the two blocks here.
import { platformLists, roleReach, roles, type CapabilityLists, type Reach, type Role, type RightSpec } from './lists/platform.ts';
import { territoriesLists } from './lists/territories.ts';
import { organisationsLists } from './lists/organisations.ts';
import { accountsLists } from './lists/accounts.ts';
import { auditLists } from './lists/audit.ts';
import { receptionLists } from './lists/reception.ts';
import { placementLists } from './lists/placement.ts';
import { pathwaysLists } from './lists/pathways.ts';
import { transitionLists } from './lists/transition.ts';
import { skillsLists } from './lists/skills.ts';
import { dialogueLists } from './lists/dialogue.ts';
import { fundingLists } from './lists/funding.ts';

export * from './common.ts';
export * from './dates.ts';
export * from './territories.ts';
export * from './accounts.ts';
export * from './organisations.ts';
export * from './audit.ts';
export * from './reception.ts';
export * from './placement.ts';
export * from './pathways.ts';
export * from './transition.ts';
export * from './duplicates.ts';
export * from './pathways-today.ts';
export * from './skills.ts';
export * from './dialogue.ts';
export * from './funding.ts';

export * from './lists/platform.ts';
export * from './lists/territories.ts';
export * from './lists/reception.ts';
export * from './lists/placement.ts';
export * from './lists/pathways.ts';
export * from './lists/transition.ts';
export * from './lists/skills.ts';
export * from './lists/dialogue.ts';
export * from './lists/funding.ts';

/** Every capability's lists, platform first. */
export const capabilityLists = {
  platform: platformLists,
  territories: territoriesLists,
  organisations: organisationsLists,
  accounts: accountsLists,
  audit: auditLists,
  reception: receptionLists,
  placement: placementLists,
  pathways: pathwaysLists,
  transition: transitionLists,
  skills: skillsLists,
  dialogue: dialogueLists,
  funding: fundingLists,
} as const satisfies Record<string, CapabilityLists>;

type Lists = typeof capabilityLists;
type RightsOf<L> = L extends { rights: infer R } ? keyof R : never;
export type Right = { [K in keyof Lists]: RightsOf<Lists[K]> }[keyof Lists] & string;
export type AuditAction = Lists[keyof Lists]['auditActions'][number];
export type RecordTypeName = Lists[keyof Lists]['recordTypes'][number];

const rightSpecs = Object.assign({}, ...Object.values(capabilityLists).map((l) => ('rights' in l ? l.rights : {}))) as Record<Right, RightSpec>;

/** Every right, in the order the capabilities declare them. */
export const rights = Object.keys(rightSpecs) as Right[];
/** What each right allows, in words (docs/roles.md). */
export const rightMeaning = Object.fromEntries(rights.map((r) => [r, rightSpecs[r].means])) as Record<Right, string>;
/** Every action the server writes to the audit log. */
export const auditActions: readonly AuditAction[] = Object.values(capabilityLists).flatMap((l) => l.auditActions);
/** Every record type (the audit log's record_type). */
export const recordTypeNames: readonly RecordTypeName[] = Object.values(capabilityLists).flatMap((l) => l.recordTypes);

export interface RoleDefinition {
  rights: readonly Right[];
  sharedReach: Reach;
  peopleReach: Reach;
}

/** The one table of what each role may do, joined from the rights each capability declares. */
export const roleTable = Object.fromEntries(
  roles.map((role): [Role, RoleDefinition] => [
    role,
    {
      rights: rights.filter((r) => rightSpecs[r].roles.includes(role)),
      ...roleReach[role],
    },
  ]),
) as Record<Role, RoleDefinition>;

export function rightsOf(role: Role): readonly Right[] {
  return roleTable[role].rights;
}
