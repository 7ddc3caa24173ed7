import type { MiddlewareHandler } from 'hono';
import { isId, type MapId } from '../../shared/ids.ts';
import { canReadDocument } from '../../shared/policy.ts';
import type { MapWarmUp } from '../collab/mapWarmUp.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { AppEnv } from './env.ts';

/**
 * On a request for a map's page (`/maps/:id`, `/maps/:id/...`) by a member who may read the map,
 * starts loading the map's document (MapWarmUp) while the page is served. Runs after the session
 * middleware; never delays or changes the response: the check and the load run on their own.
 */
export function mapPageWarmUp(deps: {
  storage: Pick<StorageStores, 'members'>;
  warmUp: MapWarmUp;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param('id');
    const user = c.var.auth?.user;
    if (user && isId(id)) {
      const mapId = id as MapId;
      deps.storage.members
        .role(mapId, user.id)
        .then((role) => {
          if (canReadDocument(role, 'map')) deps.warmUp.warm(mapId);
        })
        .catch(() => undefined);
    }
    await next();
  };
}
