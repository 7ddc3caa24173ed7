import { Hono } from 'hono';
import { ValidationSettingsPatchSchema } from '../../shared/validation.ts';
import { buildValidation } from '../feedback/validationJson.ts';
import type { FeedbackRouteDeps } from './feedbackRoutes.ts';
import type { AppEnv } from './env.ts';
import { requireMapAccess } from './mapAccess.ts';
import { readJson } from './validate.ts';

/**
 * /api/maps/:id/validation: the map's validation from customer feedback, for the team (internal
 * roles: `validation.read`; customers get 403), and its thresholds (owners and editors). The same
 * JSON is live in the read-only document `map:<id>/validation`.
 */
export function validationRoutes(deps: FeedbackRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/validation', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'validation.read');
    return c.json(await buildValidation(deps, map.id));
  });

  app.patch('/:id/validation/settings', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'validation.settings');
    const patch = await readJson(c, ValidationSettingsPatchSchema);
    const settings = await deps.storage.feedback.setSettings(map.id, patch);
    await deps.validationMirror.refresh(map.id);
    return c.json(settings);
  });

  return app;
}
