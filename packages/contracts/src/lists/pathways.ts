// Integration pathways: legal status types, step domains and statuses, consents, referrals, the
// household and identity vocabularies, worklist kinds.
import type { CapabilityLists } from './platform.ts';

export const statusTypeCodes = ['asylum_seeker', 'refugee', 'subsidiary_protection', 'temporary_protection', 'national_humanitarian', 'other_permit'] as const;
export type StatusTypeCode = (typeof statusTypeCodes)[number];
export const stepDomains = [
  'reception_housing',
  'language',
  'schooling_childcare',
  'employment_training',
  'qualifications',
  'health_psychosocial',
  'documents_legal',
] as const;
export type StepDomain = (typeof stepDomains)[number];
export const stepStatuses = ['planned', 'in_progress', 'done', 'stopped'] as const;
export type StepStatus = (typeof stepStatuses)[number];
export const consentPurposes = ['share_with_partner', 'job_matching', 'contact', 'transfer'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentHows = ['in_writing', 'orally_with_interpreter', 'orally', 'electronically'] as const;
export const referralShares = ['name', 'contact', 'languages', 'birth_year', 'legal_status', 'step'] as const;
export type ReferralShare = (typeof referralShares)[number];
export const referralStatuses = ['sent', 'accepted', 'closed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export const householdRoles = ['head', 'partner', 'child', 'other'] as const;
export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export const identifierTypes = ['passport', 'national_id', 'residence_permit', 'tp_certificate', 'asylum_case', 'other'] as const;
export const templateAudiences = ['adult', 'family', 'unaccompanied_minor', 'any'] as const;
export const templateStepFor = ['all', 'adult', 'child'] as const;
export const worklistKinds = ['status_ending', 'school_place', 'overdue_step', 'waiting_language'] as const;
export type WorklistKind = (typeof worklistKinds)[number];
/** How a personal record was reached: ordinary reach, a data-subject request, or breaking the glass. */
export const reachDoors = ['role', 'rights', 'glass'] as const;
export type ReachDoor = (typeof reachDoors)[number];

/** A duplicate review: two records of different organisations that may be one person. */
export const duplicateReviewStatuses = ['open', 'same_person', 'different_people'] as const;
export type DuplicateReviewStatus = (typeof duplicateReviewStatuses)[number];
export const duplicateReviewOutcomes = ['same_person', 'different_people'] as const;

export const pathwaysLists = {
  rights: {
    'status_types.manage': { roles: ['platform_admin'], means: 'maintain the table of legal status types and their end dates (e.g. TPD)' },
    'duplicates.review': {
      roles: ['national_coordinator'],
      means:
        'review possible duplicates between records of different organisations when its territory covers both (names and dates of birth of the two, audited)',
    },
  },
  auditActions: [
    'status_type.update',
    'person.create',
    'person.create_from_arrival',
    'person.read',
    'person.list',
    'person.worklist',
    'person.subject_request_search',
    'person.status_add',
    'person.correct',
    'person.break_glass',
    'person.export',
    'person.erase',
    'person.close',
    'person.reopen',
    'template.create',
    'template.update',
    'plan.apply_template',
    'plan.update',
    'step.create',
    'step.update',
    'pathways.aggregate',
    'consent.give',
    'consent.withdraw',
    'referral.create',
    'referral.refused',
    'referral.read',
    'referral.accepted',
    'referral.closed',
    'household.read',
    'household.transfer_out',
    'household.transfer_in',
    'household.erase',
    'retention.run',
    'duplicate_review.open',
    'duplicate_review.read',
    'duplicate_review.resolve',
  ],
  recordTypes: ['person', 'household', 'template', 'status_type', 'duplicate_review'],
} as const satisfies CapabilityLists;
