import { Hono } from 'hono';
import { sinceLastVisit } from '../activity/sinceLastVisit.ts';
import type { AppEnv } from './env.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';

/** What the "since your last visit" routes need. */
export interface SinceLastVisitRouteDeps extends MapAccessDeps {
  /** A gap between connections shorter than this does not end a visit (ActivityOptions). */
  visitGapMs: number;
}

/**
 * /api/maps/:id/since-last-visit (issue 10): what other people changed on the map, and the thread
 * activity, since the end of my previous visit or my last dismissal. Every internal role reads it
 * ('map.read': customers get 403, non-members 404).
 */
export function sinceLastVisitRoutes(deps: SinceLastVisitRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/since-last-visit', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'map.read');
    return c.json(
      await sinceLastVisit(deps.storage, map.id, user.id, {
        now: Date.now(),
        visitGapMs: deps.visitGapMs,
      }),
    );
  });

  app.post('/:id/since-last-visit/dismiss', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'map.read');
    await deps.storage.visits.dismiss(map.id, user.id, Date.now());
    return c.body(null, 204);
  });

  return app;
}
