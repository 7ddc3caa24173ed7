import type { Context } from 'hono';
import { isId, type MapId } from '../../shared/ids.ts';
import { can, type MapAction, type MapRole } from '../../shared/policy.ts';
import type { AuthServices } from '../auth/authServices.ts';
import type { MapRow } from '../storage/rows.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { AppEnv, AuthState } from './env.ts';
import { ApiError, notFound } from './errors.ts';
import { requireAuth } from './session.ts';

/** What a map access check needs. */
export interface MapAccessDeps {
  storage: StorageStores;
  auth: AuthServices;
}

/** A caller allowed to perform an action on a map. */
export interface MapAccess extends AuthState {
  map: MapRow;
  role: MapRole;
}

/** The :id route parameter as a MapId; malformed ids are simply not found. */
export function mapIdParam(raw: string | undefined): MapId {
  if (!isId(raw)) throw notFound('map');
  return raw as MapId;
}

/**
 * The gate of every /api/maps/:id route: 401 when not signed in, 404 when the map does not exist
 * or the caller is not a member (a non-member cannot even learn that it exists), 403 when the
 * caller's role does not allow the action (shared/policy.ts decides).
 */
export async function requireMapAccess(
  c: Context<AppEnv>,
  deps: MapAccessDeps,
  action: MapAction,
): Promise<MapAccess> {
  const state = requireAuth(c);
  const mapId = mapIdParam(c.req.param('id'));
  const role = await deps.storage.members.role(mapId, state.user.id);
  const map = role ? await deps.storage.maps.get(mapId) : null;
  if (!role || !map) throw notFound('map');
  if (!can(role, action)) {
    throw new ApiError(403, 'forbidden', `your role on this map (${role}) does not allow this`);
  }
  return { ...state, map, role };
}
