// EU funding: funds and their rules, calls, projects and their life cycle, cost categories,
// simplified cost options, the activities a project counts and the indicators computed from them.
import type { CapabilityLists } from './platform.ts';

/** The funds localpact knows (their rules are data: data/funding-instruments.json). */
export const fundCodes = ['amif', 'amif_thematic_facility', 'esf_plus', 'erdf', 'national', 'nrpp_2028'] as const;
export type FundCode = (typeof fundCodes)[number];
/** How the money reaches a local or regional government. */
export const managementModes = ['shared', 'direct', 'national'] as const;
/** Who may apply to a call. */
export const applicantRoutes = ['lrg_direct', 'national_programme', 'partnership'] as const;
export type ApplicantRoute = (typeof applicantRoutes)[number];

export const projectStatuses = ['draft', 'submitted', 'granted', 'running', 'closed'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
/** The only moves a project makes; anything else answers 409. A refused application goes back to draft. */
export const projectTransitions: Record<ProjectStatus, readonly ProjectStatus[]> = {
  draft: ['submitted'],
  submitted: ['granted', 'draft'],
  granted: ['running'],
  running: ['closed'],
  closed: [],
};
export const partnerRoles = ['partner', 'associated'] as const;
export const costCategories = ['staff', 'travel', 'equipment', 'subcontracting', 'participants', 'other_direct', 'indirect'] as const;
export type CostCategory = (typeof costCategories)[number];
/** Simplified cost options (CPR Art. 53–55) a project may use for its indirect or staff costs. */
export const flatRateBases = ['none', 'indirect_7_direct', 'indirect_15_staff', 'staff_20_other_direct'] as const;
export type FlatRateBasis = (typeof flatRateBases)[number];

/** What a counted plan step is, for the indicators (the project declares which steps count as which). */
export const activityKinds = [
  'language_course',
  'civic_orientation',
  'professional_guidance',
  'recognition_application',
  'long_term_residence_application',
  'family_reunification',
  'pre_departure',
  'other_support',
] as const;
export type ActivityKind = (typeof activityKinds)[number];
/** How an indicator's value comes about: computed from the record, or entered (survey results). */
export const indicatorSources = ['computed', 'entered'] as const;
/**
 * How an indicator is computed: participants in activities of given kinds (optionally of given age
 * bands or third-country nationals), participants whose CEFR level rose, local and regional
 * authorities among the project's organisations, projects an LRG leads; or entered, or not in the record.
 */
export const indicatorRules = ['participants', 'third_country', 'cefr_improved', 'lrg_supported', 'lrg_project', 'entered', 'not_in_record'] as const;
export type IndicatorRule = (typeof indicatorRules)[number];
export const ageBands = ['under_18', '18_29', '30_54', '55_60', 'over_60'] as const;

export const fundingLists = {
  rights: {
    'funding.calls.manage': { roles: ['platform_admin', 'national_coordinator'], means: 'publish funding calls (deadlines, budgets, who may apply)' },
  },
  auditActions: [
    'funding_call.create',
    'funding_project.create',
    'funding_project.update',
    'funding_project.transition',
    'funding_project.expenditure',
    'funding_project.indicators',
    'funding_project.report',
    'funding_project.participants',
  ],
  recordTypes: ['funding_project', 'funding_call'],
} as const satisfies CapabilityLists;
