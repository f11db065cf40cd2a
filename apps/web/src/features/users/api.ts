import { api } from '../../api/client';
import type { Page, Role, User } from '../../api/types';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  password: string;
}

export interface UserChanges {
  version: number;
  displayName?: string;
  role?: Role;
  organisationId?: string;
  active?: boolean;
  password?: string;
}

export function listUsers(params: { q: string; limit: number; offset: number }, signal?: AbortSignal) {
  return api<Page<User>>('/users', { query: params, signal });
}

export function createUser(body: NewUser) {
  return api<User>('/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UserChanges) {
  return api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
