// Types of the localpact HTTP API as the web client uses them. Records and every list (roles,
// rights, organisation kinds, audit actions and outcomes) come from packages/contracts, the one
// source the server uses too: the lists are plain values (no TypeBox in the bundle), the schemas
// are imported as types only.
import type { Reach, Right, Role } from '@localpact/contracts';

export { roles as ROLES, organisationKinds as ORGANISATION_KINDS, auditActions as AUDIT_ACTIONS, auditOutcomes as AUDIT_OUTCOMES } from '@localpact/contracts';
export type { Role, Right, AuditAction, AuditOutcome, OrganisationKind, TerritoryLevel } from '@localpact/contracts';

export type {
  TerritoryRef,
  Territory,
  TerritoryDetail,
  TerritoryHit as TerritorySearchHit,
  Me,
  User,
  Organisation,
  AuditEntry,
} from '@localpact/contracts';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface RoleRights {
  role: Role;
  rights: Right[];
  /** How far the role reaches into shared operational records. */
  sharedReach?: Reach;
  /** How far the role reaches into personal records. */
  peopleReach?: Reach;
}
