import { api } from '../../api/client';
import type { Run, Explanation, PendingHousehold, RunSummary, Weights, TerritoryLevel } from '@localpact/contracts';

export type { Run, Explanation, PendingHousehold, RunSummary, Weights };
export interface TerritoryOption { code: string; name: string; level: TerritoryLevel; depth: number }

export const listRuns = (signal?: AbortSignal) => api<{ items: RunSummary[] }>('/placement/runs', { query: { limit: 50 }, signal });
export const listHouseholds = (status: string, signal?: AbortSignal) => api<{ items: PendingHousehold[] }>('/placement/households', { query: { status, limit: 1000 }, signal });
export const createRun = (body: { territoryCode: string; distributionKey: string; weights: Weights; timeLimitSeconds?: number }) => api<Run>('/placement/runs', { method: 'POST', body });
export const getRun = (id: string, signal?: AbortSignal) => api<Run>(`/placement/runs/${encodeURIComponent(id)}`, { signal });
export const explain = (id: string, householdId: string, signal?: AbortSignal) => api<Explanation>(`/placement/runs/${encodeURIComponent(id)}/explanations/${encodeURIComponent(householdId)}`, { signal });
export const override = (id: string, body: { version: number; householdId: string; municipalityId: string | null; reason: string }) => api<Run>(`/placement/runs/${encodeURIComponent(id)}/overrides`, { method: 'POST', body });
export const approve = (id: string, version: number) => api<Run>(`/placement/runs/${encodeURIComponent(id)}/approve`, { method: 'POST', body: { version } });
export const discard = (id: string, version: number) => api<Run>(`/placement/runs/${encodeURIComponent(id)}/discard`, { method: 'POST', body: { version } });
export const resolveAgain = (id: string) => api<Run>(`/placement/runs/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: {} });

/** The coordinator's territory and the regions below it down to NUTS 3: the possible scopes of a run. */
export async function scopeOptions(rootCode: string, signal?: AbortSignal): Promise<TerritoryOption[]> {
  type T = { code: string; name: string; level: TerritoryLevel; childCount: number };
  const root = await api<T>(`/territories/${encodeURIComponent(rootCode)}`, { signal });
  const out: TerritoryOption[] = [{ code: root.code, name: root.name, level: root.level, depth: 0 }];
  async function walk(code: string, depth: number) {
    const { items } = await api<{ items: T[] }>(`/territories/${encodeURIComponent(code)}/children`, { query: { limit: 100 }, signal });
    for (const c of items) {
      if (c.level === 'lau') continue;
      out.push({ code: c.code, name: c.name, level: c.level, depth });
      if (c.level !== 'nuts3' && c.childCount > 0 && depth < 3) await walk(c.code, depth + 1);
    }
  }
  if (root.level !== 'nuts3' && root.level !== 'lau' && root.level !== 'eu') await walk(root.code, 1);
  return out;
}
