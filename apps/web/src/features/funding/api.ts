// Calls of the funding API (types from packages/contracts, type-only).
import type { FundingCall, IndicatorReport, Instrument, Project, ProjectSummary } from '@localpact/contracts';
import { api } from '../../api/client';

export type { FundingCall, IndicatorReport, Instrument, Project, ProjectSummary };

export const instruments = (signal?: AbortSignal) => api<{ items: Instrument[] }>('/funding/instruments', { signal });
export const calls = (fitsMe: boolean, signal?: AbortSignal) => api<{ items: FundingCall[] }>('/funding/calls', { query: { fitsMe: fitsMe || undefined }, signal });
export const projects = (signal?: AbortSignal) => api<{ items: ProjectSummary[] }>('/funding/projects', { signal });
export const project = (id: string, signal?: AbortSignal) => api<Project>(`/funding/projects/${encodeURIComponent(id)}`, { signal });
export const createProject = (body: Record<string, unknown>) => api<Project>('/funding/projects', { method: 'POST', body });
export const updateProject = (id: string, body: Record<string, unknown>) => api<Project>(`/funding/projects/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const transition = (id: string, version: number, to: string) => api<Project>(`/funding/projects/${encodeURIComponent(id)}/transition`, { method: 'POST', body: { version, to } });
export const addExpenditure = (id: string, body: Record<string, unknown>) => api<Project>(`/funding/projects/${encodeURIComponent(id)}/expenditures`, { method: 'POST', body });
export const addMilestone = (id: string, body: Record<string, unknown>) => api<Project>(`/funding/projects/${encodeURIComponent(id)}/milestones`, { method: 'POST', body });
export const indicators = (id: string, asOf: string | null, signal?: AbortSignal) => api<IndicatorReport>(`/funding/projects/${encodeURIComponent(id)}/indicators`, { query: { asOf }, signal });
export const reportDates = (id: string, signal?: AbortSignal) => api<{ items: Array<{ date: string; indicators: boolean }> }>(`/funding/projects/${encodeURIComponent(id)}/report-dates`, { signal });
export const reportCsvUrl = (id: string, asOf: string) => `/api/funding/projects/${encodeURIComponent(id)}/report.csv?asOf=${encodeURIComponent(asOf)}`;
export const organisationsNear = (territory: string, signal?: AbortSignal) =>
  api<{ items: Array<{ id: string; name: string; kind: string }>; total: number }>('/organisations', { query: { territory, limit: 200 }, signal });

export const formatEur = (n: number, lang: string) => new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
export const formatDay = (iso: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
