import { api } from '../../api/client';
import type { Page, Territory, TerritoryDetail, TerritorySearchHit } from '../../api/types';

export type ChildSort = 'name' | 'population';

export function getTerritory(code: string, signal?: AbortSignal) {
  return api<TerritoryDetail>(`/territories/${encodeURIComponent(code)}`, { signal });
}

export function getChildren(code: string, params: { limit: number; offset: number; sort: ChildSort }, signal?: AbortSignal) {
  return api<Page<Territory>>(`/territories/${encodeURIComponent(code)}/children`, { query: params, signal });
}

export function searchTerritories(params: { q: string; within?: string | null; limit?: number }, signal?: AbortSignal) {
  return api<{ items: TerritorySearchHit[] }>('/territories', {
    query: { q: params.q, within: params.within ?? undefined, limit: params.limit ?? 20 },
    signal,
  });
}
