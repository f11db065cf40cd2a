// The transition API as the web client uses it (types from the contracts, type-only).
import { api } from '../../api/client';
import type { BulkAction, BulkPreview, BulkStepRequest, Cohort, CohortFilter, Progress, Projections, TransitionRoute } from '@localpact/contracts';

export type { BulkAction, BulkPreview, BulkStepRequest, Cohort, CohortFilter, Progress, Projections, TransitionRoute };
export { transitionConditions as CONDITIONS, transitionStates as STATES, bulkExclusions as EXCLUSIONS, bulkStepFor as STEP_FOR, stepDomains as DOMAINS } from '@localpact/contracts';

/** The purpose the transition screens declare for their reads of personal data. */
export const TRANSITION_PLANNING = 'transition_planning';
const enc = encodeURIComponent;

export const cohort = (f: CohortFilter & { limit: number; offset: number }, signal?: AbortSignal) =>
  api<Cohort>('/transition/cohort', { query: { purpose: TRANSITION_PLANNING, ...f }, signal });
export const previewBulk = (body: BulkStepRequest) => api<BulkPreview>('/transition/bulk-steps/preview', { method: 'POST', body });
export const applyBulk = (body: BulkStepRequest) => api<BulkAction & { excludedBecause: Record<string, number> }>('/transition/bulk-steps', { method: 'POST', body });
export const undoForPerson = (actionId: string, personId: string) => api<BulkAction>(`/transition/bulk-steps/${enc(actionId)}/people/${enc(personId)}/undo`, { method: 'POST', body: {} });
export const listRoutes = (country: string | undefined, signal?: AbortSignal) => api<{ items: TransitionRoute[] }>('/transition/routes', { query: { country }, signal });
export const updateRoute = (id: string, body: { version: number; applicationDeadline?: string | null; rank?: number; authority?: string }) => api<TransitionRoute>(`/transition/routes/${enc(id)}`, { method: 'PATCH', body });
export const projections = (q: { territory?: string; from: string; months: number }, signal?: AbortSignal) => api<Projections>('/transition/projections', { query: q, signal });
export const progress = (q: { territory?: string; from: string; to: string }, signal?: AbortSignal) => api<Progress>('/transition/progress', { query: q, signal });

/** A route's name in the reader's language, else English. */
export const routeName = (names: Record<string, string | undefined>, language: string) => names[language.slice(0, 2)] ?? names.en ?? '';
