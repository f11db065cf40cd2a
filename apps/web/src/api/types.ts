// Types of the localpact HTTP API as the web client uses them.
// (packages/contracts is still empty; when it exports these, import them from there instead.)

export type Role =
  | 'platform_admin'
  | 'eu_observer'
  | 'national_coordinator'
  | 'regional_coordinator'
  | 'municipal_officer'
  | 'case_worker'
  | 'partner'
  | 'dpo';

export const ROLES: readonly Role[] = [
  'platform_admin',
  'eu_observer',
  'national_coordinator',
  'regional_coordinator',
  'municipal_officer',
  'case_worker',
  'partner',
  'dpo',
];

export type Right =
  | 'territories.read'
  | 'organisations.read'
  | 'organisations.manage'
  | 'users.manage'
  | 'audit.read'
  | 'audit.export'
  | 'people.read'
  | 'people.write'
  | 'aggregates.read'
  | 'colleagues.read'
  | 'shared.read'
  | 'shared.write'
  | (string & {});

export type TerritoryLevel = 'eu' | 'country' | 'nuts1' | 'nuts2' | 'nuts3' | 'lau';

export type OrganisationKind =
  | 'eu_body'
  | 'national_authority'
  | 'regional_authority'
  | 'municipality'
  | 'ngo'
  | 'employer'
  | 'training_provider';

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'eu_body',
  'national_authority',
  'regional_authority',
  'municipality',
  'ngo',
  'employer',
  'training_provider',
];

// Record types come from the API's own schemas (packages/contracts), type-only so that no
// schema code reaches the bundle.
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

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'user.create',
  'user.update',
  'organisation.create',
  'organisation.update',
  'person.read',
  'audit.search',
  'audit.export',
  'demo.load',
] as const;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface RoleRights {
  role: Role;
  rights: Right[];
  /** How far the role reaches into shared operational records: 'all' | 'subtree' | 'own' | 'none'. */
  sharedReach?: string;
  /** How far the role reaches into personal records. */
  peopleReach?: string;
}
