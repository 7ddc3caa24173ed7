import { Hono } from 'hono';
import { z } from 'zod';
import { isId, TEMPLATE_IDS, type MapId } from '../../shared/index.ts';
import type { MapRow } from '../db/maps.ts';
import { createMap, deleteMap, renameMap, type MapCommandDeps } from '../maps/mapCommands.ts';
import { notFound } from './errors.ts';
import { readJson } from './validate.ts';

const titleSchema = z.string().trim().min(1, 'title must not be empty').max(200);

const createMapBody = z.object({
  title: titleSchema,
  template: z.enum(TEMPLATE_IDS).optional(),
  locale: z.enum(['es', 'en']).default('es'),
});

const patchMapBody = z.object({ title: titleSchema });

/** The :id route parameter as a MapId; malformed ids are simply not found. */
function mapIdParam(raw: string): MapId {
  if (!isId(raw)) throw notFound('map');
  return raw as MapId;
}

function mapJson(row: MapRow) {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** /api/maps: the catalogue of maps and their lifecycle. */
export function mapsRoutes(deps: MapCommandDeps): Hono {
  const app = new Hono();

  app.get('/', (c) => c.json({ maps: deps.maps.list().map(mapJson) }));

  app.post('/', async (c) => {
    const body = await readJson(c, createMapBody);
    const row = createMap(deps, body);
    return c.json(mapJson(row), 201);
  });

  app.get('/:id', (c) => {
    const row = deps.maps.get(mapIdParam(c.req.param('id')));
    if (!row) throw notFound('map');
    return c.json(mapJson(row));
  });

  app.patch('/:id', async (c) => {
    const id = mapIdParam(c.req.param('id'));
    if (!deps.maps.get(id)) throw notFound('map');
    const body = await readJson(c, patchMapBody);
    await renameMap(deps, id, body.title);
    const row = deps.maps.get(id);
    if (!row) throw notFound('map');
    return c.json(mapJson(row));
  });

  app.delete('/:id', (c) => {
    const id = mapIdParam(c.req.param('id'));
    if (!deps.maps.get(id)) throw notFound('map');
    deleteMap(deps, id);
    return c.body(null, 204);
  });

  return app;
}
