import { Hono } from 'hono';
import { z } from 'zod';
import { MapRoleSchema } from '../../shared/policy.ts';
import type { MemberRow } from '../db/members.ts';
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

/** What the members routes need. */
export type MembersRouteDeps = MemberCommandDeps & MapAccessDeps;

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
    case 'sign-in-required':
      return new ApiError(
        401,
        'unauthenticated',
        'sign in or create an account to accept this invite',
      );
  }
}

function memberJson(member: MemberRow) {
  return {
    userId: member.userId,
    email: member.email,
    name: member.name,
    department: member.department,
    guest: member.guest,
    role: member.role,
    joinedAt: new Date(member.createdAt).toISOString(),
  };
}

/** /api/maps/:id/members: who is on a map, and (owners only) changing that. */
export function membersRoutes(deps: MembersRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/members', (c) => {
    const { map } = requireMapAccess(c, deps, 'members.read');
    return c.json({ members: deps.auth.members.list(map.id).map(memberJson) });
  });

  app.post('/:id/members', async (c) => {
    const { map } = requireMapAccess(c, deps, 'members.manage');
    const body = await readJson(c, addBody);
    const result = addMember(deps, map.id, body);
    if (!result.ok) throw memberError(result.error);
    const member = deps.auth.members.get(map.id, result.value.id);
    if (!member) throw memberError('not-member');
    return c.json(memberJson(member), 201);
  });

  app.patch('/:id/members/:userId', async (c) => {
    const { map } = requireMapAccess(c, deps, 'members.manage');
    const body = await readJson(c, patchBody);
    const userId = c.req.param('userId');
    const result = changeMemberRole(deps, map.id, userId, body.role);
    if (!result.ok) throw memberError(result.error);
    const member = deps.auth.members.get(map.id, userId);
    if (!member) throw memberError('not-member');
    return c.json(memberJson(member));
  });

  app.delete('/:id/members/:userId', (c) => {
    const userId = c.req.param('userId');
    // Anyone may leave a map; only owners may remove someone else.
    const { map, user } = requireMapAccess(c, deps, 'map.summary');
    if (userId !== user.id) requireMapAccess(c, deps, 'members.manage');
    const result = removeMember(deps, map.id, userId);
    if (!result.ok) throw memberError(result.error);
    return c.body(null, 204);
  });

  return app;
}
