import type { MapId } from '../../shared/ids.ts';
import { roleRank, type MapRole } from '../../shared/policy.ts';
import type { AuthServices } from '../auth/authServices.ts';
import type { NewSession } from '../auth/sessions.ts';
import { generateSecureRandomString, hashSecret } from '../auth/tokens.ts';
import type { CollabAccess } from '../collab/access.ts';
import { inTransaction, type Database } from '../db/database.ts';
import type { InviteRow } from '../db/invites.ts';
import type { UserRow } from '../db/users.ts';

/** What the member commands need. */
export interface MemberCommandDeps {
  db: Database;
  auth: AuthServices;
  collabAccess: CollabAccess;
}

/** Why a membership change was refused. */
export type MemberError =
  | 'user-not-found'
  | 'already-member'
  | 'not-member'
  | 'last-owner'
  | 'invite-not-found'
  | 'invite-expired'
  | 'invite-revoked'
  | 'sign-in-required';

/** Result of a membership command. */
export type MemberResult<T> = { ok: true; value: T } | { ok: false; error: MemberError };

const ok = <T>(value: T): MemberResult<T> => ({ ok: true, value });
const fail = <T>(error: MemberError): MemberResult<T> => ({ ok: false, error });

/** Adds an existing user, found by email, to a map. */
export function addMember(
  deps: MemberCommandDeps,
  mapId: MapId,
  input: { email: string; role: MapRole },
): MemberResult<UserRow> {
  const user = deps.auth.users.byEmail(input.email);
  if (!user) return fail('user-not-found');
  if (deps.auth.members.role(mapId, user.id)) return fail('already-member');
  deps.auth.members.add(mapId, user.id, input.role);
  return ok(user);
}

/**
 * Changes a member's role, refusing to demote the last owner, and closes that member's open
 * connections to the map so the new role applies at once.
 */
export function changeMemberRole(
  deps: MemberCommandDeps,
  mapId: MapId,
  userId: string,
  role: MapRole,
): MemberResult<MapRole> {
  const result = inTransaction(deps.db, (): MemberResult<MapRole> => {
    const current = deps.auth.members.role(mapId, userId);
    if (!current) return fail('not-member');
    if (current === 'owner' && role !== 'owner' && deps.auth.members.countOwners(mapId) <= 1) {
      return fail('last-owner');
    }
    deps.auth.members.setRole(mapId, userId, role);
    return ok(current);
  });
  if (result.ok && result.value !== role) deps.collabAccess.closeMember(mapId, userId);
  return result.ok ? ok(role) : result;
}

/** Removes a member (never the last owner) and closes their connections to the map. */
export function removeMember(
  deps: MemberCommandDeps,
  mapId: MapId,
  userId: string,
): MemberResult<null> {
  const result = inTransaction(deps.db, (): MemberResult<null> => {
    const current = deps.auth.members.role(mapId, userId);
    if (!current) return fail('not-member');
    if (current === 'owner' && deps.auth.members.countOwners(mapId) <= 1) return fail('last-owner');
    deps.auth.members.remove(mapId, userId);
    return ok(null);
  });
  if (result.ok) deps.collabAccess.closeMember(mapId, userId);
  return result;
}

/** A new invite and its token (shown once; only its hash is stored). */
export interface NewInvite {
  invite: InviteRow;
  token: string;
}

/** Creates an invite link that grants `role` until it expires. */
export function createInvite(
  deps: MemberCommandDeps,
  input: { mapId: MapId; role: MapRole; createdBy: string; expiresInDays: number },
): NewInvite {
  const token = generateSecureRandomString() + generateSecureRandomString();
  const invite = deps.auth.invites.create({
    mapId: input.mapId,
    role: input.role,
    tokenHash: hashSecret(token),
    createdBy: input.createdBy,
    expiresAt: Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000,
  });
  return { invite, token };
}

/** The invite a token opens, if it is still usable. */
export function findUsableInvite(deps: MemberCommandDeps, token: string): MemberResult<InviteRow> {
  const invite = deps.auth.invites.byTokenHash(hashSecret(token));
  if (!invite) return fail('invite-not-found');
  if (invite.revokedAt !== null) return fail('invite-revoked');
  if (invite.expiresAt <= Date.now()) return fail('invite-expired');
  return ok(invite);
}

/** What accepting an invite did. */
export interface AcceptedInvite {
  mapId: MapId;
  role: MapRole;
  /** A guest session, when a customer without a session accepted. */
  guestSession: NewSession | null;
}

/**
 * Accepts an invite. A signed-in user joins with the invite's role (never lowered: someone who
 * already holds a stronger role keeps it). Without a session, only a customer invite can be
 * accepted: it creates a guest user and a guest session, with no password.
 */
export function acceptInvite(
  deps: MemberCommandDeps,
  input: { token: string; user: UserRow | null; guestName: string | undefined },
): MemberResult<AcceptedInvite> {
  const found = findUsableInvite(deps, input.token);
  if (!found.ok) return found;
  const invite = found.value;
  const { members, users, sessions } = deps.auth;
  if (!input.user && invite.role !== 'customer') return fail('sign-in-required');
  const accepted = inTransaction(deps.db, () => {
    const user = input.user ?? users.createGuest(input.guestName ?? 'Guest');
    const current = members.role(invite.mapId, user.id);
    let role = invite.role;
    if (!current) members.add(invite.mapId, user.id, role);
    else if (roleRank(invite.role) > roleRank(current))
      members.setRole(invite.mapId, user.id, role);
    else role = current;
    const guestSession = input.user ? null : sessions.create(user.id);
    return { userId: user.id, upgraded: current !== null && role !== current, role, guestSession };
  });
  // An upgraded member's open connections reconnect to pick up the stronger role.
  if (accepted.upgraded) deps.collabAccess.closeMember(invite.mapId, accepted.userId);
  return ok({ mapId: invite.mapId, role: accepted.role, guestSession: accepted.guestSession });
}
