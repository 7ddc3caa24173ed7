import type { MapId } from '../../shared/ids.ts';
import { roleRank, type MapRole } from '../../shared/policy.ts';
import type { AuthServices } from '../auth/authServices.ts';
import type { NewSession } from '../auth/sessions.ts';
import { generateSecureRandomString, hashSecret } from '../auth/tokens.ts';
import type { CollabAccessControl } from '../collab/access.ts';
import type { InviteRow, UserRow } from '../storage/rows.ts';
import type { Storage } from '../storage/storage.ts';

/** What the member commands need. */
export interface MemberCommandDeps {
  storage: Storage;
  auth: AuthServices;
  collabAccess: CollabAccessControl;
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
  | 'invite-used-up'
  | 'owner-invite'
  | 'guest-rate-limited'
  | 'sign-in-required';

/** Result of a membership command (retryAfterMs only with 'guest-rate-limited'). */
export type MemberResult<T> =
  { ok: true; value: T } | { ok: false; error: MemberError; retryAfterMs?: number };

const ok = <T>(value: T): MemberResult<T> => ({ ok: true, value });
const fail = <T>(error: MemberError): MemberResult<T> => ({ ok: false, error });

/** Adds an existing user, found by email, to a map. */
export async function addMember(
  deps: MemberCommandDeps,
  mapId: MapId,
  input: { email: string; role: MapRole },
): Promise<MemberResult<UserRow>> {
  return deps.storage.transaction(async (tx) => {
    const user = await tx.users.byEmail(input.email);
    if (!user) return fail('user-not-found');
    if (await tx.members.role(mapId, user.id)) return fail('already-member');
    await tx.members.add(mapId, user.id, input.role);
    return ok(user);
  });
}

/**
 * Changes a member's role, refusing to demote the last owner, records who changed it (the map's
 * owners see it in the members list) and closes that member's open connections to the map so the
 * new role applies at once.
 */
export async function changeMemberRole(
  deps: MemberCommandDeps,
  mapId: MapId,
  userId: string,
  role: MapRole,
  changedBy: string,
): Promise<MemberResult<MapRole>> {
  const result = await deps.storage.transaction(async (tx): Promise<MemberResult<MapRole>> => {
    const current = await tx.members.role(mapId, userId);
    if (!current) return fail('not-member');
    if (current === 'owner' && role !== 'owner' && (await tx.members.countOwners(mapId)) <= 1) {
      return fail('last-owner');
    }
    await tx.members.setRole(mapId, userId, role);
    if (current !== role) {
      await tx.members.recordRoleChange({ mapId, userId, changedBy, from: current, to: role });
    }
    return ok(current);
  });
  if (result.ok && result.value !== role) deps.collabAccess.closeMember(mapId, userId);
  return result.ok ? ok(role) : result;
}

/** Removes a member (never the last owner) and closes their connections to the map. */
export async function removeMember(
  deps: MemberCommandDeps,
  mapId: MapId,
  userId: string,
): Promise<MemberResult<null>> {
  const result = await deps.storage.transaction(async (tx): Promise<MemberResult<null>> => {
    const current = await tx.members.role(mapId, userId);
    if (!current) return fail('not-member');
    if (current === 'owner' && (await tx.members.countOwners(mapId)) <= 1) {
      return fail('last-owner');
    }
    await tx.members.remove(mapId, userId);
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

/**
 * How many times a new link may be accepted unless its creator says otherwise: once for member
 * links (one link, one person), unlimited for customer links (guest creation is rate-limited per
 * IP instead).
 */
export function defaultMaxUses(role: MapRole): number | null {
  return role === 'customer' ? null : 1;
}

/**
 * Creates an invite link that grants `role` until it expires or is used up. Ownership is never
 * granted by link (a leaked link must not hand over the map): owners are made in the members list.
 */
export async function createInvite(
  deps: MemberCommandDeps,
  input: {
    mapId: MapId;
    role: MapRole;
    createdBy: string;
    expiresInDays: number;
    maxUses?: number | undefined;
    label?: string | null;
  },
): Promise<MemberResult<NewInvite>> {
  if (input.role === 'owner') return fail('owner-invite');
  const token = generateSecureRandomString() + generateSecureRandomString();
  const invite = await deps.storage.invites.create({
    mapId: input.mapId,
    role: input.role,
    tokenHash: hashSecret(token),
    createdBy: input.createdBy,
    expiresAt: Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000,
    maxUses: input.maxUses ?? defaultMaxUses(input.role),
    label: input.label ?? null,
  });
  return ok({ invite, token });
}

/** The invite a token opens, if it is still usable. */
export async function findUsableInvite(
  deps: Pick<MemberCommandDeps, 'storage'>,
  token: string,
): Promise<MemberResult<InviteRow>> {
  const invite = await deps.storage.invites.byTokenHash(hashSecret(token));
  if (!invite) return fail('invite-not-found');
  // Owner links from before ownership stopped being granted by link are revoked by migration 0003;
  // refusing them here as well keeps that true whatever the data says.
  if (invite.revokedAt !== null || invite.role === 'owner') return fail('invite-revoked');
  if (invite.expiresAt <= Date.now()) return fail('invite-expired');
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return fail('invite-used-up');
  return ok(invite);
}

/** What accepting an invite did. */
export interface AcceptedInvite {
  mapId: MapId;
  role: MapRole;
  /** Who accepted (the new guest's id when a guest was created). */
  userId: string;
  /** Their role before, or null when they joined. */
  from: MapRole | null;
  /** A guest session, when a customer without a session accepted. */
  guestSession: NewSession | null;
}

/**
 * Accepts an invite. A signed-in user joins with the invite's role (never lowered: someone who
 * already holds a stronger role keeps it). Without a session, only a customer invite can be
 * accepted: it creates a guest user and a guest session, with no password, at most as fast as the
 * per-IP guest limit allows. Each acceptance that adds or upgrades a member takes one use of the
 * link, in the same transaction, so a single-use link admits exactly one person.
 */
export async function acceptInvite(
  deps: MemberCommandDeps,
  input: { token: string; user: UserRow | null; guestName: string | undefined; ip: string },
): Promise<MemberResult<AcceptedInvite>> {
  const found = await findUsableInvite(deps, input.token);
  if (!found.ok) return found;
  const invite = found.value;
  if (!input.user && invite.role !== 'customer') return fail('sign-in-required');
  if (!input.user) {
    const retryAfterMs = await deps.auth.guestLimiter.take(input.ip);
    if (retryAfterMs > 0) return { ok: false, error: 'guest-rate-limited', retryAfterMs };
  }
  const accepted = await deps.storage.transaction(async (tx) => {
    const { members, users, invites } = tx;
    const current = input.user ? await members.role(invite.mapId, input.user.id) : null;
    const joins = current === null || roleRank(invite.role) > roleRank(current);
    // Someone who already holds this role or a stronger one changes nothing and uses nothing.
    if (!joins)
      return {
        ok: true as const,
        userId: input.user?.id ?? '',
        from: current,
        role: current ?? invite.role,
        guestSession: null,
      };
    if (!(await invites.consumeUse(invite.id))) return { ok: false as const };
    const user = input.user ?? (await users.createGuest(input.guestName ?? 'Guest'));
    if (current === null) {
      await members.add(invite.mapId, user.id, invite.role);
      // A customer's response remembers the link it came through (response counts per link).
      if (invite.role === 'customer') await tx.feedback.arrive(invite.mapId, user.id, invite.id);
    } else {
      await members.setRole(invite.mapId, user.id, invite.role);
      await members.recordRoleChange({
        mapId: invite.mapId,
        userId: user.id,
        changedBy: null,
        from: current,
        to: invite.role,
      });
    }
    const guestSession = input.user ? null : await deps.auth.sessions.using(tx).create(user.id);
    return { ok: true as const, userId: user.id, from: current, role: invite.role, guestSession };
  });
  if (!accepted.ok) return fail('invite-used-up');
  // An upgraded member's open connections reconnect to pick up the stronger role.
  if (accepted.from !== null && accepted.from !== accepted.role) {
    deps.collabAccess.closeMember(invite.mapId, accepted.userId);
  }
  return ok({
    mapId: invite.mapId,
    role: accepted.role,
    from: accepted.from,
    userId: accepted.userId,
    guestSession: accepted.guestSession,
  });
}
