// Calls of the reception API (types from packages/contracts, type-only).
import type {
  ArrivalNotice, CapacityDeclaration, CapacityHistoryPoint, CapacityPreview, CapacityImportResult, MapPoint, NotificationList, OrganisationCapacity, ResourceType, Rollup,
} from '@localpact/contracts';
import { api } from '../../api/client';

export type { ArrivalNotice, CapacityDeclaration, CapacityHistoryPoint, CapacityPreview, MapPoint, NotificationList, OrganisationCapacity, ResourceType, Rollup };

export const resourceTypes = (signal?: AbortSignal) => api<{ items: ResourceType[] }>('/reception/resource-types', { signal });
export const addResourceType = (body: { code: string; unit: ResourceType['unit']; labels: Record<string, string>; sortOrder?: number }) =>
  api<ResourceType>('/reception/resource-types', { method: 'POST', body });
export const capacityOf = (organisationId: string, at: string | null, signal?: AbortSignal) =>
  api<OrganisationCapacity>(`/reception/capacity/${encodeURIComponent(organisationId)}`, { query: { at }, signal });
export const declare = (organisationId: string, resource: string, body: { total: number; occupied: number; reserved: number; version: number }) =>
  api<CapacityDeclaration>(`/reception/capacity/${encodeURIComponent(organisationId)}/${encodeURIComponent(resource)}`, { method: 'PUT', body });
export const historyOf = (organisationId: string, resource: string, signal?: AbortSignal) =>
  api<{ items: CapacityHistoryPoint[] }>(`/reception/capacity/${encodeURIComponent(organisationId)}/history`, { query: { resource, limit: 500 }, signal });
/** The organisation's template: its current figures, one row per resource type. */
export const templateUrl = (organisationId: string) => `/api/reception/capacity/template.csv?organisation=${encodeURIComponent(organisationId)}`;
export const previewCsv = (organisationId: string, csv: string) =>
  api<CapacityPreview>(`/reception/capacity/${encodeURIComponent(organisationId)}/import/preview`, { method: 'POST', body: { csv } });
export const confirmCsv = (organisationId: string, csv: string, versions: Record<string, number>) =>
  api<CapacityImportResult>(`/reception/capacity/${encodeURIComponent(organisationId)}/import`, { method: 'POST', body: { csv, versions } });
export const rollup = (territory: string, at: string | null, signal?: AbortSignal) => api<Rollup>('/reception/rollup', { query: { territory, at }, signal });
export const mapPoints = (territory: string, resource: string | null, signal?: AbortSignal) =>
  api<{ items: MapPoint[] }>('/reception/map', { query: { territory, resource }, signal });
export const notices = (query: { state?: string; direction?: string }, signal?: AbortSignal) =>
  api<{ items: ArrivalNotice[]; total: number }>('/reception/notices', { query: { ...query, limit: 100 }, signal });
export const notice = (id: string, signal?: AbortSignal) => api<ArrivalNotice>(`/reception/notices/${encodeURIComponent(id)}`, { signal });
export const worklist = (signal?: AbortSignal) => api<{ awaiting: ArrivalNotice[]; overdue: ArrivalNotice[] }>('/reception/worklist', { signal });
export const announce = (body: Record<string, unknown>) => api<ArrivalNotice>('/reception/notices', { method: 'POST', body });
export const act = (id: string, action: string, body: Record<string, unknown>) =>
  api<ArrivalNotice>(`/reception/notices/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
export const notifications = (signal?: AbortSignal) => api<NotificationList>('/notifications', { query: { limit: 100 }, signal });
/** Only the unread count is used (the navigation badge), so ask for one item. */
export const unreadCount = (signal?: AbortSignal) => api<NotificationList>('/notifications', { query: { limit: 1 }, signal }).then((l) => l.unread);
export const markRead = (body: { ids?: number[]; all?: boolean }) => api<void>('/notifications/read', { method: 'POST', body });
export const organisationsOfKind = (kind: string, territory: string, signal?: AbortSignal) =>
  api<{ items: Array<{ id: string; name: string; territory: { code: string } }>; total: number }>('/organisations', { query: { kind, territory, limit: 200 }, signal });

/** The label of a resource type in the UI language, English when it has none. */
export function resourceLabel(types: ResourceType[] | undefined, code: string, language: string): string {
  const t = types?.find((x) => x.code === code);
  return t ? (t.labels[language] ?? t.labels.en ?? code) : code;
}
