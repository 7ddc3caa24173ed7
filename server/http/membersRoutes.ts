import { Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MapRoleSchema } from '../../shared/policy.ts';
import type { MemberRow, RoleChangeRow } from '../storage/rows.ts';
import {
  addMember,
  changeMemberRole,
  removeMember,
  type MemberCommandDeps,
  type MemberError,
} from '../maps/memberCommands.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { readJson } from './validate.ts';

/** What the members routes need (the logger records role changes and removals). */
export type MembersRouteDeps = MemberCommandDeps & MapAccessDeps & { logger: Logger };

const addBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('enter a valid email address')),
  role: MapRoleSchema,
});

const patchBody = z.object({ role: MapRoleSchema });

/** The contract's error for a refused membership change. */
export function memberError(error: MemberError): ApiError {
  switch (error) {
    case 'user-not-found':
      return new ApiError(
        404,
        'user_not_found',
        'no account uses this email: ask them to sign up first, or send them an invite link',
      );
    case 'already-member':
      return new ApiError(409, 'already_member', 'this person is already a member of the map');
    case 'not-member':
      return new ApiError(404, 'not_found', 'member not found');
    case 'last-owner':
      return new ApiError(
        409,
        'last_owner',
        'a map needs at least one owner: make someone else owner first',
      );
    case 'invite-not-found':
      return new ApiError(404, 'invite_not_found', 'this invite link does not exist');
    case 'invite-expired':
      return new ApiError(410, 'invite_expired', 'this invite link has expired: ask for a new one');
    case 'invite-revoked':
      return new ApiError(410, 'invite_revoked', 'this invite link was revoked: ask for a new one');
    case 'invite-used-up':
      return new ApiError(
        410,
        'invite_used_up',
        'this invite link has already been used: ask the map owner for a new one',
      );
    case 'owner-invite':
      return new ApiError(
        400,
        'owner_invite_forbidden',
        'ownership is never granted by link: invite them with another role, then make them owner in the members list',
      );
    case 'guest-rate-limited':
      return new ApiError(
        429,
        'too_many_guests',
        'too many guest accounts were created from this address: try again later',
      );
    case 'sign-in-required':
      return new ApiError(
        401,
        'unauthenticated',
        'sign in or create an account to accept this invite',
      );
  }
}

/** Which role changes are new to the caller: only owners are told, of changes made by others. */
interface RoleChangeReader {
  userId: string;
  /** The last change they have seen; null when they are not told (not an owner). */
  seenSeq: number | null;
}

function roleChangeJson(change: RoleChangeRow, reader?: RoleChangeReader) {
  const byOther = change.changedBy?.userId !== reader?.userId;
  return {
    from: change.from,
    to: change.to,
    changedBy: change.changedBy,
    changedAt: new Date(change.changedAt).toISOString(),
    unseen: reader?.seenSeq != null && byOther && change.seq > reader.seenSeq,
  };
}

/**
 * A member as the API shows it, with the latest change of their role since they joined (who made
 * it and when; changedBy null means an invite link upgraded them), or null.
 */
function memberJson(member: MemberRow, change?: RoleChangeRow, reader?: RoleChangeReader) {
  return {
    userId: member.userId,
    email: member.email,
    name: member.name,
    department: member.department,
    guest: member.guest,
    role: member.role,
    joinedAt: new Date(member.createdAt).toISOString(),
    roleChange:
      change && change.changedAt >= member.createdAt ? roleChangeJson(change, reader) : null,
  };
}

/** /api/maps/:id/members: who is on a map, and (owners only) changing that. */
export function membersRoutes(deps: MembersRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/members', async (c) => {
    const { map, user, role } = await requireMapAccess(c, deps, 'members.read');
    const { members } = deps.storage;
    const changes = await members.latestRoleChanges(map.id);
    const reader: RoleChangeReader = {
      userId: user.id,
      seenSeq: role === 'owner' ? await members.seenRoleChangeSeq(map.id, user.id) : null,
    };
    return c.json({
      members: (await members.list(map.id)).map((member) =>
        memberJson(member, changes.get(member.userId), reader),
      ),
    });
  });

  // An owner has seen the role changes so far (the members dialog was opened): they stop being new.
  app.post('/:id/members/role-changes/seen', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'members.manage');
    await deps.storage.members.markRoleChangesSeen(map.id, user.id);
    return c.body(null, 204);
  });

  app.post('/:id/members', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'members.manage');
    const body = await readJson(c, addBody);
    const result = await addMember(deps, map.id, body);
    if (!result.ok) throw memberError(result.error);
    const member = await deps.storage.members.get(map.id, result.value.id);
    if (!member) throw memberError('not-member');
    return c.json(memberJson(member), 201);
  });

  app.patch('/:id/members/:userId', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'members.manage');
    const body = await readJson(c, patchBody);
    const userId = c.req.param('userId');
    const before = await deps.storage.members.role(map.id, userId);
    const result = await changeMemberRole(deps, map.id, userId, body.role, user.id);
    if (!result.ok) throw memberError(result.error);
    if (before !== body.role) {
      deps.logger.info(
        {
          event: 'member_role_changed',
          mapId: map.id,
          userId,
          by: user.id,
          from: before,
          to: body.role,
        },
        'member role changed',
      );
    }
    const member = await deps.storage.members.get(map.id, userId);
    if (!member) throw memberError('not-member');
    const changes = await deps.storage.members.latestRoleChanges(map.id);
    return c.json(memberJson(member, changes.get(userId)));
  });

  app.delete('/:id/members/:userId', async (c) => {
    const userId = c.req.param('userId');
    // Anyone may leave a map; only owners may remove someone else.
    const { map, user } = await requireMapAccess(c, deps, 'map.summary');
    if (userId !== user.id) await requireMapAccess(c, deps, 'members.manage');
    const before = await deps.storage.members.role(map.id, userId);
    const result = await removeMember(deps, map.id, userId);
    if (!result.ok) throw memberError(result.error);
    deps.logger.info(
      { event: 'member_removed', mapId: map.id, userId, by: user.id, from: before },
      'member removed',
    );
    return c.body(null, 204);
  });

  return app;
}
