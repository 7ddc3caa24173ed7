import { Hono } from 'hono';
import { z } from 'zod';
import { can, MapRoleSchema, type MapRole } from '../../shared/policy.ts';
import { plainName } from '../../shared/plain-text.ts';
import { publicOrigin } from '../auth/origin.ts';
import type { InviteRow } from '../storage/rows.ts';
import { acceptInvite, createInvite, findUsableInvite } from '../maps/memberCommands.ts';
import type { AppEnv } from './env.ts';
import { ApiError, notFound } from './errors.ts';
import { requireMapAccess } from './mapAccess.ts';
import { memberError, type MembersRouteDeps } from './membersRoutes.ts';
import { clientIp, setSessionCookie } from './session.ts';
import { readJson } from './validate.ts';

/** Longest validity of an invite link. */
export const MAX_INVITE_DAYS = 90;

/** Longest label of an invite link. */
export const INVITE_LABEL_MAX = 80;

/** Most uses one link may be given (a customer link left unset has no use limit at all). */
export const MAX_INVITE_USES = 10_000;

const createBody = z.object({
  role: MapRoleSchema,
  expiresInDays: z.number().int().min(1).max(MAX_INVITE_DAYS).default(7),
  // Unset: 1 for member links, unlimited for customer links (see defaultMaxUses).
  maxUses: z.number().int().min(1).max(MAX_INVITE_USES).optional(),
  // What the link is for ("Customer 3, phone interview"); blank means none.
  label: plainName(
    z.string().trim().max(INVITE_LABEL_MAX, `label must be at most ${INVITE_LABEL_MAX} characters`),
  ).optional(),
});

const acceptBody = z.object({ name: z.string().trim().min(1).max(100).optional() }).default({});

/** Whether a link can still be accepted, and if not, why. */
function inviteStatus(invite: InviteRow, now: number): 'active' | 'revoked' | 'expired' | 'used' {
  if (invite.revokedAt !== null || invite.role === 'owner') return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used';
  return 'active';
}

function inviteJson(invite: InviteRow, responses: number, now = Date.now()) {
  return {
    id: invite.id,
    role: invite.role,
    ...(invite.label !== null ? { label: invite.label } : {}),
    createdBy: invite.createdBy,
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    maxUses: invite.maxUses,
    uses: invite.uses,
    status: inviteStatus(invite, now),
    /** Customer responses (anything saved) that came through this link. */
    responses,
  };
}

/**
 * Owners manage every link; editors only customer links (`invites.customer`), so they can run
 * customer sessions without being able to hand out internal roles.
 */
function requireInviteRole(holder: MapRole, role: MapRole): void {
  if (role === 'customer' ? can(holder, 'invites.customer') : can(holder, 'invites.manage')) return;
  throw new ApiError(
    403,
    'forbidden',
    `your role on this map (${holder}) may only manage customer links`,
  );
}

/** The path a browser opens to accept an invite (the client's /invite/:token page). */
function inviteUrl(requestUrl: string, publicUrl: string | undefined, token: string): string {
  return `${publicOrigin(requestUrl, publicUrl)}/invite/${token}`;
}

/**
 * /api/maps/:id/invites: invite links of a map: every link for owners, customer links for
 * editors too (they see only those).
 */
export function mapInvitesRoutes(deps: MembersRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/invites', async (c) => {
    const { map, role } = await requireMapAccess(c, deps, 'invites.customer');
    const all = await deps.storage.invites.list(map.id);
    const invites = can(role, 'invites.manage') ? all : all.filter((i) => i.role === 'customer');
    const responses = await deps.storage.feedback.responseCounts(map.id);
    return c.json({ invites: invites.map((i) => inviteJson(i, responses.get(i.id) ?? 0)) });
  });

  app.post('/:id/invites', async (c) => {
    const { map, user, role } = await requireMapAccess(c, deps, 'invites.customer');
    const { label, ...body } = await readJson(c, createBody);
    requireInviteRole(role, body.role);
    const created = await createInvite(deps, {
      mapId: map.id,
      createdBy: user.id,
      ...body,
      label: label ? label : null,
    });
    if (!created.ok) throw memberError(created.error);
    const { invite, token } = created.value;
    const url = inviteUrl(c.req.url, deps.auth.publicUrl, token);
    return c.json({ ...inviteJson(invite, 0), token, url }, 201);
  });

  app.delete('/:id/invites/:inviteId', async (c) => {
    const { map, role } = await requireMapAccess(c, deps, 'invites.customer');
    const inviteId = c.req.param('inviteId');
    const invite = await deps.storage.invites.get(map.id, inviteId);
    // An editor may not even learn that an internal link exists.
    if (!invite || (invite.role !== 'customer' && !can(role, 'invites.manage'))) {
      throw notFound('invite');
    }
    await deps.storage.invites.revoke(map.id, inviteId);
    return c.body(null, 204);
  });

  return app;
}

/** /api/invites/:token: what an invite offers, and accepting it. */
export function invitesRoutes(deps: MembersRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:token', async (c) => {
    const found = await findUsableInvite(deps, c.req.param('token'));
    if (!found.ok) throw memberError(found.error);
    const map = await deps.storage.maps.get(found.value.mapId);
    if (!map) throw memberError('invite-not-found');
    return c.json({
      mapTitle: map.title,
      role: found.value.role,
      expiresAt: new Date(found.value.expiresAt).toISOString(),
    });
  });

  app.post('/:token/accept', async (c) => {
    const isJson = c.req.header('content-type')?.includes('application/json') ?? false;
    const body = isJson ? await readJson(c, acceptBody) : {};
    const result = await acceptInvite(deps, {
      token: c.req.param('token'),
      user: c.var.auth?.user ?? null,
      guestName: body.name,
      ip: clientIp(c, deps.auth),
    });
    if (!result.ok) {
      if (result.retryAfterMs !== undefined) {
        c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
      }
      throw memberError(result.error);
    }
    const { mapId, role, userId, from, guestSession } = result.value;
    if (from !== null && from !== role) {
      deps.logger.info(
        { event: 'member_role_changed', mapId, userId, by: null, via: 'invite', from, to: role },
        'member role changed by invite link',
      );
    }
    if (guestSession) setSessionCookie(c, deps.auth, guestSession);
    return c.json({ mapId, role, guest: guestSession !== null });
  });

  return app;
}
