// The one table of what each role may do. The docs (docs/roles.md) and GET /api/roles show it;
// the access gate reads it. Reach (whose records) is decided by the gate from the territory tree.
export const roles = [
  'platform_admin', 'eu_observer', 'national_coordinator', 'regional_coordinator',
  'municipal_officer', 'case_worker', 'partner', 'dpo',
] as const;
export type Role = (typeof roles)[number];

export const rights = [
  'territories.read',      // browse the territory tree and search names (reference data)
  'organisations.read',    // the directory of organisations
  'organisations.manage',  // create and edit organisations
  'users.manage',          // create users, change roles, disable accounts, reset passwords
  'colleagues.read',       // see the accounts of one's own organisation
  'audit.read',            // search the audit log
  'audit.export',          // export the audit log as CSV
  'aggregates.read',       // figures aggregated over territories in reach (no people)
  'shared.read',           // operational records of organisations in reach (capacity, notices)
  'shared.write',          // write those records for one's own organisation
  'people.read',           // personal records of newcomers held by one's own organisation
  'people.write',          // register and update those records
  'placement.manage',      // register pending households, run, override and approve placements in reach
  'people.rights',         // answer data-subject requests (GDPR Art. 15–17, 20): export, correct, erase
  'referrals.receive',     // a partner reads what a consented referral shares with its organisation
  'status_types.manage',   // maintain the table of legal status types and their end dates (e.g. TPD)
] as const;
export type Right = (typeof rights)[number];

/**
 * How far down the territory tree a role's shared-data reach goes from its organisation's territory:
 * 'subtree' = the organisation's territory and everything below it; 'own' = its own records only;
 * 'all' = every territory; 'none' = no shared records.
 */
export type Reach = 'all' | 'subtree' | 'own' | 'none';

export interface RoleDefinition { rights: readonly Right[]; sharedReach: Reach; peopleReach: Reach }

const base: Right[] = ['territories.read', 'organisations.read', 'colleagues.read'];

export const roleTable: Record<Role, RoleDefinition> = {
  platform_admin:       { rights: [...base, 'organisations.manage', 'users.manage', 'audit.read', 'audit.export', 'status_types.manage'], sharedReach: 'none', peopleReach: 'none' },
  eu_observer:          { rights: [...base, 'aggregates.read'], sharedReach: 'none', peopleReach: 'none' },
  national_coordinator: { rights: [...base, 'aggregates.read', 'shared.read', 'shared.write', 'placement.manage'], sharedReach: 'subtree', peopleReach: 'none' },
  regional_coordinator: { rights: [...base, 'aggregates.read', 'shared.read', 'shared.write', 'placement.manage'], sharedReach: 'subtree', peopleReach: 'none' },
  municipal_officer:    { rights: [...base, 'aggregates.read', 'shared.read', 'shared.write', 'people.read', 'people.write', 'people.rights'], sharedReach: 'own', peopleReach: 'own' },
  case_worker:          { rights: [...base, 'shared.read', 'people.read', 'people.write', 'people.rights'], sharedReach: 'own', peopleReach: 'own' },
  partner:              { rights: [...base, 'shared.read', 'referrals.receive'], sharedReach: 'own', peopleReach: 'none' },
  dpo:                  { rights: [...base, 'audit.read', 'audit.export', 'people.rights'], sharedReach: 'none', peopleReach: 'none' },
};

export function rightsOf(role: Role): readonly Right[] {
  return roleTable[role].rights;
}

/** Which organisation kinds each role may belong to: a case worker is not employed by the EU. */
export const roleOrganisationKinds: Record<Role, readonly string[]> = {
  platform_admin: ['eu_body', 'national_authority', 'regional_authority', 'municipality', 'ngo', 'employer', 'training_provider'],
  eu_observer: ['eu_body'],
  national_coordinator: ['national_authority'],
  regional_coordinator: ['regional_authority'],
  municipal_officer: ['municipality'],
  case_worker: ['municipality', 'ngo'],
  partner: ['ngo', 'employer', 'training_provider'],
  dpo: ['eu_body', 'national_authority', 'regional_authority', 'municipality', 'ngo', 'employer', 'training_provider'],
};
