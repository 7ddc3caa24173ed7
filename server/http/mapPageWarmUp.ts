import type { MiddlewareHandler } from 'hono';
import { isId, type MapId } from '../../shared/ids.ts';
import { canReadDocument } from '../../shared/policy.ts';
import type { MapWarmUp } from '../collab/mapWarmUp.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { AppEnv } from './env.ts';

/**
 * On a request for a map's page (`/maps/:id`, `/maps/:id/...`) by a member who may read the map,
 * starts loading the map's document (MapWarmUp) once the page is served, while the browser starts
 * the app. Runs after the session middleware; never delays or changes the response.
 */
export function mapPageWarmUp(deps: {
  storage: Pick<StorageStores, 'members'>;
  warmUp: MapWarmUp;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param('id');
    const user = c.var.auth?.user;
    await next();
    if (!user || !isId(id)) return;
    const mapId = id as MapId;
    // After the page went out: loading a big map keeps the server busy for a while (decoding
    // it), and the page itself must not wait for that.
    setImmediate(() => {
      deps.storage.members
        .role(mapId, user.id)
        .then((role) => {
          if (canReadDocument(role, 'map')) deps.warmUp.warm(mapId);
        })
        .catch(() => undefined);
    });
  };
}
