import { Hono } from 'hono';
import { z } from 'zod';
import { plainName, TEMPLATE_IDS } from '../../shared/index.ts';
import { can, type MapRole } from '../../shared/policy.ts';
import type { MapValidationState } from '../../shared/validation.ts';
import { buildValidation } from '../feedback/validationJson.ts';
import { feedbackRoutes, type FeedbackRouteDeps } from './feedbackRoutes.ts';
import { validationRoutes } from './validationRoutes.ts';
import type { MapRow } from '../storage/rows.ts';
import { createMap, deleteMap, renameMap, type MapCommandDeps } from '../maps/mapCommands.ts';
import type { AppEnv } from './env.ts';
import { resolveActivityOptions, type ActivityOptions } from '../activity/activityOptions.ts';
import { mapInvitesRoutes } from './invitesRoutes.ts';
import { requireMapAccess } from './mapAccess.ts';
import { membersRoutes, type MembersRouteDeps } from './membersRoutes.ts';
import { mapThreadsRoutes, type ThreadsRouteDeps } from './threadsRoutes.ts';
import { sinceLastVisitRoutes } from './sinceLastVisitRoutes.ts';
import { requireAccount, requireAuth } from './session.ts';
import { readJson } from './validate.ts';

/** What the maps routes need. */
export type MapsRouteDeps = MapCommandDeps &
  MembersRouteDeps &
  ThreadsRouteDeps &
  FeedbackRouteDeps & { activity?: Partial<ActivityOptions> | undefined };

const titleSchema = plainName(z.string().trim().min(1, 'title must not be empty').max(200));

const createMapBody = z.object({
  title: titleSchema,
  template: z.enum(TEMPLATE_IDS).optional(),
  locale: z.enum(['es', 'en']).default('es'),
});

const patchMapBody = z.object({ title: titleSchema });

/** A map as the API answers it (list items, summaries, created maps). */
export function mapJson(
  row: MapRow,
  role: MapRole,
  unseenRoleChanges = 0,
  unreadComments = 0,
  validationState?: MapValidationState,
) {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    role,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    /**
     * The map this one was copied from (a TO-BE's AS-IS map); null otherwise, once deleted, and
     * for customers (the id of a map they cannot see is internal).
     */
    sourceMapId: role === 'customer' ? null : row.sourceMapId,
    /** 'as-is' (today's journey) or 'to-be' (the desired one), as last stored. */
    state: row.state,
    /** Owners only: role changes on this map made by someone else that they have not seen. */
    unseenRoleChanges,
    /** Internal roles only: comment messages by someone else that I have not read (the list). */
    unreadComments,
    /** Internal roles only (in the list): assumed, partly validated or validated by customers. */
    ...(validationState ? { validationState } : {}),
  };
}

/**
 * /api/maps: my catalogue of maps and their lifecycle. Every route checks the caller's role with
 * shared/policy.ts (requireMapAccess): non-members get 404, members without the right 403.
 */
export function mapsRoutes(deps: MapsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const { user } = requireAuth(c);
    const maps = await deps.storage.members.mapsOf(user.id);
    const unseen = await deps.storage.members.unseenRoleChangeCounts(user.id);
    // One query for every map's unread count (customers get none: they hold no internal role).
    const unread = await deps.storage.threads.unreadCounts(user.id);
    // Maps without a single card answer are assumed; only the others need their document.
    const answered = await deps.storage.feedback.answeredMaps(user.id);
    const states = new Map<string, MapValidationState>();
    for (const id of answered) {
      try {
        states.set(id, (await buildValidation(deps, id)).state);
      } catch (error) {
        deps.logger.error({ err: error, mapId: id }, 'computing a map validation state failed');
      }
    }
    return c.json({
      maps: maps.map((row) =>
        mapJson(
          row,
          row.role,
          unseen.get(row.id),
          unread.get(row.id),
          can(row.role, 'validation.read') ? (states.get(row.id) ?? 'assumed') : undefined,
        ),
      ),
    });
  });

  app.post('/', async (c) => {
    const { user } = requireAccount(c);
    const body = await readJson(c, createMapBody);
    const row = await deps.storage.transaction(async (tx) => {
      const created = await createMap(tx, body);
      await tx.members.add(created.id, user.id, 'owner');
      return created;
    });
    return c.json(mapJson(row, 'owner'), 201);
  });

  app.get('/:id', async (c) => {
    const { map, role } = await requireMapAccess(c, deps, 'map.summary');
    return c.json(mapJson(map, role));
  });

  app.patch('/:id', async (c) => {
    const { map, role } = await requireMapAccess(c, deps, 'map.rename');
    const body = await readJson(c, patchMapBody);
    await renameMap(deps, map.id, body.title);
    return c.json(mapJson((await deps.storage.maps.get(map.id)) ?? map, role));
  });

  app.delete('/:id', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'map.delete');
    await deleteMap(deps, map.id);
    return c.body(null, 204);
  });

  app.route('/', membersRoutes(deps));
  app.route('/', mapThreadsRoutes(deps));
  app.route('/', mapInvitesRoutes(deps));
  app.route('/', feedbackRoutes(deps));
  app.route('/', validationRoutes(deps));
  app.route(
    '/',
    sinceLastVisitRoutes({ ...deps, visitGapMs: resolveActivityOptions(deps.activity).visitGapMs }),
  );
  return app;
}
