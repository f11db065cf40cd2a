// The platform's lists: languages, organisation kinds, roles and how far each reaches, and the
// rights the access gate itself reads (apps/server/src/platform/access.ts). No TypeBox here: the
// web bundles these values (package.json says "sideEffects": false, so importing a list never
// pulls the schemas in).

/** What every capability's lists file declares; index.ts joins them into the one list of each kind. */
export interface CapabilityLists {
  /** Rights the capability introduces, with the roles that hold them and what they allow. */
  rights?: Record<string, RightSpec>;
  /** Every action string the capability writes to the audit log. */
  auditActions: readonly string[];
  /** Record types it declares (the audit log's record_type, the gate's record types). */
  recordTypes: readonly string[];
}

export const locales = ['en', 'fr', 'de', 'uk', 'ar'] as const;
export type LocaleCode = (typeof locales)[number];

export const organisationKinds = ['eu_body', 'national_authority', 'regional_authority', 'municipality', 'ngo', 'employer', 'training_provider'] as const;
export type OrganisationKindCode = (typeof organisationKinds)[number];

export const roles = [
  'platform_admin',
  'eu_observer',
  'national_coordinator',
  'regional_coordinator',
  'municipal_officer',
  'case_worker',
  'partner',
  'dpo',
] as const;
export type Role = (typeof roles)[number];

/**
 * How far down the territory tree a role's reach goes from its organisation's territory:
 * 'subtree' = the organisation's territory and everything below it; 'own' = its own records only;
 * 'all' = every territory; 'none' = no records.
 */
export const reaches = ['all', 'subtree', 'own', 'none'] as const;
export type Reach = (typeof reaches)[number];

export interface RightSpec {
  roles: readonly Role[];
  means: string;
}

const everyone = roles;

/** The rights the gate's record classes read (reference, directory, account, audit, shared, personal, referral). */
export const gateRights = {
  'territories.read': { roles: everyone, means: 'browse the territory tree and search names (reference data)' },
  'organisations.read': { roles: everyone, means: 'the directory of organisations' },
  'organisations.manage': { roles: ['platform_admin'], means: 'create and edit organisations' },
  'users.manage': { roles: ['platform_admin'], means: 'create users, change roles, disable accounts, reset passwords' },
  'colleagues.read': { roles: everyone, means: "see the accounts of one's own organisation" },
  'audit.read': { roles: ['platform_admin', 'dpo'], means: 'search the audit log' },
  'aggregates.read': {
    roles: ['eu_observer', 'national_coordinator', 'regional_coordinator', 'municipal_officer'],
    means: 'figures aggregated over territories in reach (no people)',
  },
  'shared.read': {
    roles: ['national_coordinator', 'regional_coordinator', 'municipal_officer', 'case_worker', 'partner'],
    means: 'operational records of organisations in reach (capacity, notices)',
  },
  'shared.write': { roles: ['national_coordinator', 'regional_coordinator', 'municipal_officer'], means: "write those records for one's own organisation" },
  'people.read': { roles: ['municipal_officer', 'case_worker'], means: "personal records of newcomers held by one's own organisation" },
  'people.write': { roles: ['municipal_officer', 'case_worker'], means: 'register and update those records' },
  'people.rights': { roles: ['municipal_officer', 'case_worker', 'dpo'], means: 'answer data-subject requests (GDPR Art. 15–17, 20): export, correct, erase' },
  'referrals.receive': { roles: ['partner'], means: 'a partner reads what a consented referral shares with its organisation' },
} as const satisfies Record<string, RightSpec>;

/** Each role's reach into shared operational records and into personal records. */
export const roleReach: Record<Role, { sharedReach: Reach; peopleReach: Reach }> = {
  platform_admin: { sharedReach: 'none', peopleReach: 'none' },
  eu_observer: { sharedReach: 'none', peopleReach: 'none' },
  national_coordinator: { sharedReach: 'subtree', peopleReach: 'none' },
  regional_coordinator: { sharedReach: 'subtree', peopleReach: 'none' },
  municipal_officer: { sharedReach: 'own', peopleReach: 'own' },
  case_worker: { sharedReach: 'own', peopleReach: 'own' },
  partner: { sharedReach: 'own', peopleReach: 'none' },
  dpo: { sharedReach: 'none', peopleReach: 'none' },
};

/** Which organisation kinds each role may belong to: a case worker is not employed by the EU. */
export const roleOrganisationKinds: Record<Role, readonly string[]> = {
  platform_admin: organisationKinds,
  eu_observer: ['eu_body'],
  national_coordinator: ['national_authority'],
  regional_coordinator: ['regional_authority'],
  municipal_officer: ['municipality'],
  case_worker: ['municipality', 'ngo'],
  partner: ['ngo', 'employer', 'training_provider'],
  dpo: organisationKinds,
};

export const auditOutcomes = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const platformLists = {
  rights: gateRights,
  auditActions: ['demo.load', 'demo.reset', 'request.cross_site'],
  recordTypes: [],
} as const satisfies CapabilityLists;
