import { Hono } from 'hono';
import { z } from 'zod';
import { isId, plainName } from '../../shared/index.ts';
import type { VersionRow } from '../storage/rows.ts';
import {
  createNamedVersion,
  readVersion,
  restoreVersion,
  type VersionCommandDeps,
} from '../versions/versionCommands.ts';
import type { AppEnv } from './env.ts';
import { notFound } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { readJson } from './validate.ts';

/** What the versions routes need. */
export type VersionsRouteDeps = MapAccessDeps & VersionCommandDeps;

const createVersionBody = z.object({
  name: plainName(z.string().trim().min(1, 'name must not be empty').max(120)),
});

/** A version as the API shows it (never its state bytes). */
function versionJson(row: VersionRow) {
  return {
    id: row.id,
    createdAt: new Date(row.createdAt).toISOString(),
    name: row.name,
    authorName: row.authorName,
    auto: row.auto,
  };
}

/** The :vid route parameter; malformed ids are simply not found. */
function versionIdParam(raw: string | undefined): string {
  if (!isId(raw)) throw notFound('version');
  return raw;
}

/**
 * /api/maps/:id/versions: a map's version history (issue 13). Listing and reading a version is
 * for every internal role (`versions.read`), naming one and restoring one for owners and editors
 * (`versions.create`, `versions.restore`); customers and non-members are refused as on every
 * internal map route (mapAccess.ts). Versions are read from and written to the live document
 * through the Hocuspocus instance (server/versions/versionCommands.ts).
 */
export function versionsRoutes(deps: VersionsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/versions', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'versions.read');
    const rows = await deps.storage.versions.list(map.id);
    return c.json({ versions: rows.map(versionJson) });
  });

  app.post('/:id/versions', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'versions.create');
    const { name } = await readJson(c, createVersionBody);
    const row = await createNamedVersion(deps, map.id, name, user.id);
    return c.json({ version: versionJson(row) }, 201);
  });

  app.get('/:id/versions/:vid', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'versions.read');
    const found = await readVersion(deps, map.id, versionIdParam(c.req.param('vid')));
    if (!found) throw notFound('version');
    return c.json({ version: versionJson(found.version), map: found.map });
  });

  app.post('/:id/versions/:vid/restore', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'versions.restore');
    const saved = await restoreVersion(deps, map.id, versionIdParam(c.req.param('vid')), user.id);
    if (!saved) throw notFound('version');
    return c.json({ version: versionJson(saved) });
  });

  return app;
}
