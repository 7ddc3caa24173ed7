import type { MapRole } from '../../shared/policy.ts';
import type { SinceLastVisitJson } from '../../shared/since-last-visit.ts';

/** A map as the catalogue API returns it, with my role on it. */
export interface MapSummary {
  id: string;
  title: string;
  template: string | null;
  role: MapRole;
  createdAt: string;
  updatedAt: string;
  /** Owners only: role changes made by someone else since they last opened the members. */
  unseenRoleChanges: number;
  /** Messages by others in this map's threads that I have not read (0 for customers). */
  unreadComments: number;
  /** How far customers confirmed the map (internal roles only). */
  validationState?: 'assumed' | 'partly-validated' | 'validated';
  /** The map this one was copied from (a TO-BE's AS-IS map); null otherwise or once deleted. */
  sourceMapId: string | null;
  /** Today's journey or the designed future one. */
  state: 'as-is' | 'to-be';
}

/** The signed-in user (`GET /api/me`). */
export interface User {
  id: string;
  email: string | null;
  name: string;
  department: string | null;
  /** Guests are invited customers without an account. */
  guest: boolean;
}

/** A department of the workspace. */
export interface Department {
  id: string;
  label: { es: string; en: string };
}

/** A member of a map. */
export interface Member {
  userId: string;
  email: string | null;
  name: string;
  department: string | null;
  guest: boolean;
  role: MapRole;
  joinedAt: string;
  /** The latest change of this member's role since they joined; changedBy null: an invite link. */
  roleChange: {
    from: MapRole;
    to: MapRole;
    changedBy: { userId: string; name: string } | null;
    changedAt: string;
    /** True for an owner who has not seen this change (made by someone else) yet. */
    unseen: boolean;
  } | null;
}

/** An invite link of a map (the token is only known right after creation). */
export interface Invite {
  id: string;
  role: MapRole;
  createdAt: string;
  expiresAt: string;
  /** How many people the link may admit; null: unlimited (customer links). */
  maxUses: number | null;
  uses: number;
  status: 'active' | 'expired' | 'revoked' | 'used';
  /** Who the link is for ("Cliente 3, entrevista telefónica"), at most 80 characters. */
  label?: string;
  /** Customer responses given through this link (0 for internal roles). */
  responses: number;
}

/** A just-created invite, with its link. */
export interface CreatedInvite extends Invite {
  token: string;
  url: string;
}

/** What an invite link offers, shown before accepting it. */
export interface InvitePreview {
  mapTitle: string;
  role: MapRole;
  expiresAt: string;
}

/** An error the API answered with (`{error: {code, message}}`). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized: (() => void) | null = null;

/** Called when an API call answers 401 (the session ended): the app sends the user to log in. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Calls whose 401 is an expected answer, not a lost session. */
function expects401(path: string): boolean {
  return path === '/api/me' || path.startsWith('/api/auth/') || path.startsWith('/api/invites/');
}

/** One call of the HTTP API: JSON in and out, errors as ApiRequestError. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (response.status === 401 && !expects401(path)) onUnauthorized?.();
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiRequestError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
    );
  }
  return data as T;
}

const mapPath = (id: string) => `/api/maps/${encodeURIComponent(id)}`;

/** Calls of the HTTP API used by the client. */
export const api = {
  me: () => request<User>('GET', '/api/me'),
  signUp: (input: { email: string; password: string; name: string; department: string }) =>
    request<{ user: User }>('POST', '/api/auth/signup', input).then((r) => r.user),
  logIn: (input: { email: string; password: string }) =>
    request<{ user: User }>('POST', '/api/auth/login', input).then((r) => r.user),
  logOut: () => request<undefined>('POST', '/api/auth/logout'),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    request<undefined>('PATCH', '/api/me/password', input),

  departments: () =>
    request<{ departments: Department[] }>('GET', '/api/departments').then((r) => r.departments),
  addDepartment: (name: string) => request<Department>('POST', '/api/departments', { name }),

  listMaps: () => request<{ maps: MapSummary[] }>('GET', '/api/maps').then((r) => r.maps),
  getMap: (id: string) => request<MapSummary>('GET', mapPath(id)),
  createMap: (input: { title: string; template?: string; locale: string }) =>
    request<MapSummary>('POST', '/api/maps', input),
  renameMap: (id: string, title: string) => request<MapSummary>('PATCH', mapPath(id), { title }),
  deleteMap: (id: string) => request<undefined>('DELETE', mapPath(id)),
  /** A linked copy with the same ids (a TO-BE made from an AS-IS map), owned by me. */
  copyMap: (id: string, input: { title: string; state?: 'as-is' | 'to-be' }) =>
    request<MapSummary>('POST', `${mapPath(id)}/copy`, input),

  members: (mapId: string) =>
    request<{ members: Member[] }>('GET', `${mapPath(mapId)}/members`).then((r) => r.members),
  addMember: (mapId: string, input: { email: string; role: MapRole }) =>
    request<Member>('POST', `${mapPath(mapId)}/members`, input),
  changeRole: (mapId: string, userId: string, role: MapRole) =>
    request<Member>('PATCH', `${mapPath(mapId)}/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (mapId: string, userId: string) =>
    request<undefined>('DELETE', `${mapPath(mapId)}/members/${encodeURIComponent(userId)}`),
  markRoleChangesSeen: (mapId: string) =>
    request<undefined>('POST', `${mapPath(mapId)}/members/role-changes/seen`),

  invites: (mapId: string) =>
    request<{ invites: Invite[] }>('GET', `${mapPath(mapId)}/invites`).then((r) => r.invites),
  createInvite: (mapId: string, input: { role: MapRole; expiresInDays: number; label?: string }) =>
    request<CreatedInvite>('POST', `${mapPath(mapId)}/invites`, input),
  revokeInvite: (mapId: string, inviteId: string) =>
    request<undefined>('DELETE', `${mapPath(mapId)}/invites/${encodeURIComponent(inviteId)}`),
  sinceLastVisit: (mapId: string) =>
    request<SinceLastVisitJson>('GET', `${mapPath(mapId)}/since-last-visit`),
  dismissSinceLastVisit: (mapId: string) =>
    request<undefined>('POST', `${mapPath(mapId)}/since-last-visit/dismiss`),
  previewInvite: (token: string) =>
    request<InvitePreview>('GET', `/api/invites/${encodeURIComponent(token)}`),
  acceptInvite: (token: string, name?: string) =>
    request<{ mapId: string; role: MapRole; guest: boolean }>(
      'POST',
      `/api/invites/${encodeURIComponent(token)}/accept`,
      name ? { name } : {},
    ),
};
