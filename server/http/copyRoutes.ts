import { Hono } from 'hono';
import { z } from 'zod';
import { MapStateSchema, mapToJson, plainName } from '../../shared/index.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { createMapFromJson, type MapCommandDeps } from '../maps/mapCommands.ts';
import type { AuthServices } from '../auth/authServices.ts';
import type { AppEnv } from './env.ts';
import { requireMapAccess } from './mapAccess.ts';
import { mapJson } from './mapsRoutes.ts';
import { requireAccount } from './session.ts';
import { readJson } from './validate.ts';

/** What the copy route needs. */
export type CopyRouteDeps = MapCommandDeps & { auth: AuthServices };

const copyBody = z.object({
  title: plainName(z.string().trim().min(1, 'title must not be empty').max(200)),
  /** A copy of an AS-IS map is usually its TO-BE: the desired journey, designed from today's. */
  state: MapStateSchema.default('to-be'),
});

/**
 * POST /api/maps/:id/copy (map.copy: owners and editors): a new map with the source's content
 * as every client sees it now, keeping every stage, lane, card and persona id (so the AS-IS and
 * its TO-BE can be compared card by card, shared/map-diff.ts), linked to its source and owned
 * by the caller alone. Comments, members, invites and feedback stay with the source.
 */
export function copyRoutes(deps: CopyRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/:id/copy', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'map.copy');
    requireAccount(c); // the copier owns the copy: guests own nothing
    const body = await readJson(c, copyBody);
    // The live document when someone has it open (loaded from storage otherwise).
    const json = await withMapDocument(deps.hocuspocus, map.id, (doc) => mapToJson(doc));
    const row = await deps.storage.transaction(async (tx) => {
      const created = await createMapFromJson(
        tx,
        { ...json, meta: { ...json.meta, title: body.title, state: body.state } },
        map.template,
        { sourceMapId: map.id },
      );
      await tx.members.add(created.id, user.id, 'owner');
      return created;
    });
    return c.json(mapJson(row, 'owner'), 201);
  });

  return app;
}
