import { Hono } from 'hono';
import { z } from 'zod';
import { inboxItemJson } from '../comments/inboxJson.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { requireAuth } from './session.ts';

/** Most items one inbox request may ask for. */
export const INBOX_MAX_LIMIT = 200;

const limitQuery = z.coerce.number().int().min(1).max(INBOX_MAX_LIMIT).default(50);

/**
 * /api/me/inbox: the comments addressed to me (mentions of me, replies in threads I opened) in
 * the maps where I still hold an internal role, newest first, with how many I have not read.
 * Anyone signed in may ask; a customer's inbox is simply empty.
 */
export function inboxRoutes(deps: { storage: StorageStores }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const { user } = requireAuth(c);
    const limit = limitQuery.safeParse(c.req.query('limit'));
    if (!limit.success) {
      throw new ApiError(
        400,
        'invalid_query',
        `limit: must be a whole number from 1 to ${INBOX_MAX_LIMIT}`,
      );
    }
    const [rows, unread] = await Promise.all([
      deps.storage.threads.inboxFor(user.id, { limit: limit.data }),
      deps.storage.threads.inboxUnread(user.id),
    ]);
    c.header('Cache-Control', 'no-store');
    return c.json({ unread, items: rows.map(inboxItemJson) });
  });

  return app;
}
