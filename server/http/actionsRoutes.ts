import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ActionPatchSchema, NewActionSchema, type ActionJson } from '../../shared/actions.ts';
import { isId } from '../../shared/ids.ts';
import { can, type MapAction, type MapRole } from '../../shared/policy.ts';
import { readMap } from '../../shared/read-map.ts';
import {
  ActionCommandError,
  createAction,
  deleteAction,
  updateAction,
  type ActionRefusal,
} from '../actions/actionCommands.ts';
import { actionJson } from '../actions/actionJson.ts';
import {
  actionRows,
  actionsCsv,
  actionsXlsx,
  painPointRows,
  painPointsCsv,
} from '../actions/actionsExport.ts';
import { ActionsMirror } from '../actions/actionsMirror.ts';
import { fileStem } from '../export/fileName.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import type { MapCommandDeps } from '../maps/mapCommands.ts';
import type { ActionRow } from '../storage/rows.ts';
import type { AppEnv, AuthState } from './env.ts';
import { ApiError, notFound } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { requireAuth } from './session.ts';
import { readJson } from './validate.ts';

/** What the actions routes need (the live documents through the Hocuspocus instance). */
export type ActionsRouteDeps = MapAccessDeps & Pick<MapCommandDeps, 'storage' | 'hocuspocus'>;

const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']),
  what: z.enum(['actions', 'pain-points']).default('actions'),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The contract's error for a refused action command. */
function refusalError(refusal: ActionRefusal): ApiError {
  switch (refusal.kind) {
    case 'invalid-owner':
      return new ApiError(
        400,
        'invalid-owner',
        'ownerId: the owner must be an internal member of this map',
      );
    case 'unknown-card':
      return new ApiError(
        400,
        'unknown-card',
        `cardIds: no such card in this map: ${refusal.ids.join(', ')}`,
      );
    case 'status-only':
      return new ApiError(
        403,
        'forbidden',
        `as the owner of this action you may change only its status, not ${refusal.fields.join(', ')}`,
      );
    case 'forbidden':
      return new ApiError(403, 'forbidden', 'your role on this map does not allow this');
  }
}

/** Runs a command, turning its refusal into the contract's error. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof ActionCommandError) throw refusalError(error.refusal);
    throw error;
  }
}

/** A caller who may read an action (and maybe more), with their role on its map. */
interface ActionAccess extends AuthState {
  action: ActionRow;
  role: MapRole;
}

/**
 * The gate of /api/actions/:id: 401 when not signed in; 404 when the action does not exist or the
 * caller may not read its map's actions (non-members and customers cannot even learn it exists);
 * 403 when their role does not allow `action` (PATCH decides field by field in the command).
 */
async function requireActionAccess(
  c: Context<AppEnv>,
  deps: MapAccessDeps,
  needed: MapAction,
): Promise<ActionAccess> {
  const state = requireAuth(c);
  const id = c.req.param('id');
  const action = isId(id) ? await deps.storage.actions.get(id) : null;
  const role = action ? await deps.storage.members.role(action.mapId, state.user.id) : null;
  if (!action || !role || !can(role, 'actions.read')) throw notFound('action');
  if (!can(role, needed)) {
    throw new ApiError(403, 'forbidden', `your role on this map (${role}) does not allow this`);
  }
  return { ...state, action, role };
}

/**
 * Owned actions (issue 14), mounted under /api:
 * - `GET /maps/:id/actions` (actions.read: every internal role) -> `{actions}` in list order;
 * - `POST /maps/:id/actions` (actions.manage: owners and editors) -> 201 `{action}`; the owner
 *   must be an internal member (400 `invalid-owner`), the cards cards of the live map (400
 *   `unknown-card`);
 * - `PATCH /actions/:id` -> `{action}`: managers change anything; the action's owner, whatever
 *   their internal role, only its status (actions.update-own; any other field 403);
 * - `DELETE /actions/:id` (actions.manage) -> 204;
 * - `GET /me/actions` -> the caller's actions on maps where they are still an internal member;
 * - `GET /maps/:id/actions/export?format=csv|xlsx[&what=actions|pain-points]` (actions.read).
 * Customers and non-members get 404 (403 for a customer on /maps/:id routes, as mapAccess.ts
 * answers every internal map route). After every accepted command the live document
 * `map:<id>/actions` is brought up to date before the answer goes out.
 */
export function actionsRoutes(deps: ActionsRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const mirror = new ActionsMirror(deps.hocuspocus, deps.storage.actions);
  const commands = { ...deps, actionsMirror: mirror };

  app.get('/maps/:id/actions', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'actions.read');
    const rows = await deps.storage.actions.list(map.id);
    return c.json({ actions: rows.map(actionJson) });
  });

  app.post('/maps/:id/actions', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'actions.manage');
    const input = await readJson(c, NewActionSchema);
    const row = await run(() => createAction(commands, map.id, user.id, input));
    return c.json({ action: actionJson(row) }, 201);
  });

  app.get('/maps/:id/actions/export', async (c) => {
    const { map } = await requireMapAccess(c, deps, 'actions.read');
    const query = exportQuery.safeParse({
      format: c.req.query('format'),
      what: c.req.query('what'),
    });
    if (!query.success) {
      throw new ApiError(
        400,
        'invalid_query',
        'format must be csv or xlsx; what actions or pain-points',
      );
    }
    const { format, what } = query.data;
    const actions = (await deps.storage.actions.list(map.id)).map(actionJson);
    const view = await withMapDocument(deps.hocuspocus, map.id, (doc) => readMap(doc));
    const stem = fileStem(map.title);
    c.header('Cache-Control', 'private, no-store');
    if (format === 'xlsx') {
      const body = await actionsXlsx(
        actionRows(actions, view),
        painPointRows(view, actions),
        view.meta.title,
      );
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', `attachment; filename="${stem}-actions.xlsx"`);
      return c.body(new Uint8Array(body));
    }
    const body =
      what === 'actions'
        ? actionsCsv(actionRows(actions, view))
        : painPointsCsv(painPointRows(view, actions));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${stem}-${what}.csv"`);
    return c.body(new Uint8Array(body));
  });

  app.patch('/actions/:id', async (c) => {
    const { action, user, role } = await requireActionAccess(c, deps, 'actions.read');
    const patch = await readJson(c, ActionPatchSchema);
    const row = await run(() => updateAction(commands, { userId: user.id, role }, action, patch));
    if (!row) throw notFound('action');
    return c.json({ action: actionJson(row) });
  });

  app.delete('/actions/:id', async (c) => {
    const { action } = await requireActionAccess(c, deps, 'actions.manage');
    await deleteAction(commands, action);
    return c.body(null, 204);
  });

  app.get('/me/actions', async (c) => {
    const { user } = requireAuth(c);
    const rows = await deps.storage.actions.ownedBy(user.id);
    const actions: (ActionJson & { mapTitle: string })[] = rows.map((row) => ({
      ...actionJson(row),
      mapTitle: row.mapTitle,
    }));
    return c.json({ actions });
  });

  return app;
}
