// Calls of the dialogue API (types from packages/contracts, type-only).
import type {
  AnswerValue, Consultation, ConsultationRespondents, ConsultationResponse, ConsultationResults, ConsultationSummary, Issue, OpenConsultation, Practice, PracticeSummary,
} from '@localpact/contracts';
import { api } from '../../api/client';

export type { AnswerValue, Consultation, ConsultationRespondents, ConsultationResponse, ConsultationResults, ConsultationSummary, Issue, OpenConsultation, Practice, PracticeSummary };

const c = (id: string) => `/dialogue/consultations/${encodeURIComponent(id)}`;
export const consultations = (signal?: AbortSignal) => api<{ items: ConsultationSummary[] }>('/dialogue/consultations', { signal });
export const consultation = (id: string, signal?: AbortSignal) => api<Consultation>(c(id), { signal });
export const openConsultation = (body: OpenConsultation) => api<Consultation>('/dialogue/consultations', { method: 'POST', body });
export const myResponse = (id: string, signal?: AbortSignal) => api<ConsultationResponse>(`${c(id)}/response`, { signal });
export const saveResponse = (id: string, body: { version: number; visibility?: string; answers: AnswerValue[] }) =>
  api<ConsultationResponse>(`${c(id)}/response`, { method: 'PUT', body });
export const submitResponse = (id: string, version: number) => api<ConsultationResponse>(`${c(id)}/response/submit`, { method: 'POST', body: { version } });
export const results = (id: string, signal?: AbortSignal) => api<ConsultationResults>(`${c(id)}/results`, { signal });
export const respondents = (id: string, signal?: AbortSignal) => api<ConsultationRespondents>(`${c(id)}/respondents`, { signal });
export const publishOutcome = (id: string, body: { version: number; synthesis: string; feedback: string }) => api<Consultation>(`${c(id)}/publish`, { method: 'POST', body });
export const exportUrl = (id: string) => `/api${c(id)}/answers?format=csv`;

export const issues = (query: { territory?: string; status?: string }, signal?: AbortSignal) => api<{ items: Issue[] }>('/dialogue/issues', { query, signal });
export const raiseIssue = (body: { addressedTo: string; title: string; body: string }) => api<Issue>('/dialogue/issues', { method: 'POST', body });
export const supportIssue = (id: string) => api<Issue>(`/dialogue/issues/${encodeURIComponent(id)}/support`, { method: 'POST', body: {} });
export const answerIssue = (id: string, answer: string) => api<Issue>(`/dialogue/issues/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { answer } });
export const authoritiesIn = (territory: string, kind: string, signal?: AbortSignal) =>
  api<{ items: Array<{ id: string; name: string; kind: string; territory: { code: string } }>; total: number }>('/organisations', { query: { kind, territory, limit: 200 }, signal });

export const practices = (query: { q?: string; domain?: string; country?: string }, signal?: AbortSignal) => api<{ items: PracticeSummary[] }>('/dialogue/practices', { query, signal });
export const practice = (id: string, signal?: AbortSignal) => api<Practice>(`/dialogue/practices/${encodeURIComponent(id)}`, { signal });

export function formatDay(iso: string | null, lang: string): string {
  return iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';
}
export const formatNumber = (n: number, lang: string, digits = 1) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
