// The integration-pathways API as the web client uses it. Record types come from the API's own
// schemas (packages/contracts), type-only; the enumerations from its lists (plain values, no
// schema code in the bundle). Every read of personal data states a purpose (the server audits it).
import { api } from '../../api/client';
import type {
  Consent, CorrectPerson, Duplicates, PersonDetail, PersonSummary, Referral, ReferralView, RegisterPerson, StatusType, Step, Template, Worklist,
  NewConsent, NewReferral, NewStep, UpdateStep, NewLegalStatus,
} from '@localpact/contracts';

export type { Consent, Duplicates, PersonDetail, PersonSummary, Referral, ReferralView, RegisterPerson, StatusType, Step, Template, Worklist };

export {
  statusTypeCodes as STATUS_TYPES, stepDomains as DOMAINS, stepStatuses as STEP_STATUSES, consentPurposes as CONSENT_PURPOSES,
  consentHows as CONSENT_HOWS, referralShares as SHARES, sexes as SEXES, householdRoles as HOUSEHOLD_ROLES, cefrLevels as CEFR,
  worklistKinds as WORKLIST_KINDS, templateAudiences as TEMPLATE_AUDIENCES, templateStepFor as STEP_FOR, identifierTypes as IDENTIFIER_TYPES,
} from '@localpact/contracts';

/** The purpose the case-management screens declare for their reads. */
export const CASE_MANAGEMENT = 'case_management';

const enc = encodeURIComponent;

export const listPeople = (q: { q?: string; householdId?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  api<{ items: PersonSummary[]; total: number }>('/people', { query: { purpose: CASE_MANAGEMENT, ...q }, signal });
export const getPerson = (id: string, o: { purpose?: string; breakGlass?: string; subjectRequest?: boolean } = {}, signal?: AbortSignal) =>
  api<PersonDetail>(`/people/${enc(id)}`, { query: { purpose: o.purpose ?? CASE_MANAGEMENT, breakGlass: o.breakGlass, subjectRequest: o.subjectRequest }, signal });
export const checkDuplicates = (body: { givenName: string; familyName: string; birthDate: string }) => api<Duplicates>('/people/duplicates', { method: 'POST', body });
export const registerPerson = (body: RegisterPerson) => api<PersonDetail>('/people', { method: 'POST', body });
/** Corrects personal data (kept as a dated correction with its reason); 409 on a stale version. */
export const correctPerson = (id: string, body: CorrectPerson) => api<PersonDetail>(`/people/${enc(id)}`, { method: 'PATCH', body });
export const addStatus = (id: string, body: NewLegalStatus) => api<{ items: unknown[] }>(`/people/${enc(id)}/statuses`, { method: 'POST', body });
export const listTemplates = (signal?: AbortSignal) => api<{ items: Template[] }>('/pathway-templates', { signal });
export const applyHouseholdTemplate = (householdId: string, templateId: string) => api<{ people: number; steps: number }>(`/households/${enc(householdId)}/plan`, { method: 'POST', body: { templateId } });
export const updateGoals = (id: string, goals: string | null, version?: number) => api<{ version: number }>(`/people/${enc(id)}/plan`, { method: 'PUT', body: { goals, ...(version ? { version } : {}) } });
export const addStep = (id: string, body: NewStep) => api<Step>(`/people/${enc(id)}/steps`, { method: 'POST', body });
export const updateStep = (id: string, body: UpdateStep) => api<Step>(`/steps/${enc(id)}`, { method: 'PATCH', body });
export const addConsent = (id: string, body: NewConsent) => api<{ items: Consent[] }>(`/people/${enc(id)}/consents`, { method: 'POST', body });
export const withdrawConsent = (id: string) => api<{ items: Consent[] }>(`/consents/${enc(id)}/withdraw`, { method: 'POST', body: {} });
export const createReferral = (id: string, body: NewReferral) => api<Referral>(`/people/${enc(id)}/referrals`, { method: 'POST', body });
export const worklist = (q: { kind?: string; limit: number; offset: number }, signal?: AbortSignal) => api<Worklist>('/worklist', { query: { purpose: CASE_MANAGEMENT, ...q }, signal });
export const listStatusTypes = (signal?: AbortSignal) => api<{ items: StatusType[] }>('/status-types', { signal });
export const updateStatusType = (code: string, body: { version: number; endsOn: string | null }) => api<StatusType>(`/status-types/${enc(code)}`, { method: 'PATCH', body });
export const exportPerson = (id: string, purpose: string, subjectRequest: boolean, signal?: AbortSignal) =>
  api<{ generatedAt: string; controller: { id: string; name: string }; language: string; person: PersonDetail; accesses: Array<{ at: string; action: string; organisationId: string | null; purpose: string | null; outcome: string }> }>(`/people/${enc(id)}/export`, { query: { purpose, subjectRequest }, signal });
export const eraseHousehold = (householdId: string, reason: string) => api<{ erased: number }>(`/households/${enc(householdId)}/erase`, { method: 'POST', body: { reason } });
export const erasePerson = (id: string, reason: string) => api<{ erased: number }>(`/people/${enc(id)}/erase`, { method: 'POST', body: { reason } });
export const findForSubjectRequest = (q: string, purpose: string, signal?: AbortSignal) => api<{ items: PersonSummary[]; total: number }>('/subject-requests/people', { query: { q, purpose }, signal });
export const breakGlassEvents = (signal?: AbortSignal) => api<{ items: Array<{ at: string; actorEmail: string | null; organisationId: string | null; personId: string | null; reason: string | null; outcome: string }> }>('/break-glass', { query: { limit: 100 }, signal });
export const incomingReferrals = (signal?: AbortSignal) => api<{ items: ReferralView[] }>('/referrals', { query: { purpose: 'referral_follow_up' }, signal });
export const updateReferral = (id: string, version: number, status: 'accepted' | 'closed') => api<ReferralView>(`/referrals/${enc(id)}`, { method: 'PATCH', body: { version, status } });
export const partnerOrganisations = (signal?: AbortSignal) =>
  Promise.all(['ngo', 'training_provider', 'employer'].map((kind) => api<{ items: Array<{ id: string; name: string }> }>('/organisations', { query: { kind, limit: 200 }, signal })))
    .then((pages) => pages.flatMap((p) => p.items));
export type TemplateInput = Pick<Template, 'name' | 'audience' | 'description' | 'steps'>;
export const createTemplate = (body: TemplateInput) => api<Template>('/pathway-templates', { method: 'POST', body });
export const updateTemplate = (id: string, body: TemplateInput & { version: number }) => api<Template>(`/pathway-templates/${enc(id)}`, { method: 'PATCH', body });

// ---- duplicate reviews (national authority): each listing is an audited read of both people ----
export type { DuplicateReview } from '@localpact/contracts';
export { duplicateReviewStatuses as REVIEW_STATUSES, duplicateReviewOutcomes as REVIEW_OUTCOMES } from '@localpact/contracts';
export const listDuplicateReviews = (status: string, signal?: AbortSignal) =>
  api<{ items: import('@localpact/contracts').DuplicateReview[]; total: number }>('/duplicate-reviews', { query: { status, limit: 50 }, signal });
export const resolveDuplicateReview = (id: string, body: { outcome: string; note?: string | null; version: number }) =>
  api<import('@localpact/contracts').DuplicateReview>(`/duplicate-reviews/${enc(id)}/resolve`, { method: 'POST', body });
export const openDuplicateReviewCount = (signal?: AbortSignal) => api<{ open: number }>('/duplicate-reviews/count', { signal });
export type { PathwaysToday } from '@localpact/contracts';
/** The home page's figures: new arrivals to open, referrals answered (the names are audited reads). */
export const pathwaysToday = (signal?: AbortSignal) => api<import('@localpact/contracts').PathwaysToday>('/pathways/today', { query: { purpose: CASE_MANAGEMENT }, signal });
