import type { Hocuspocus } from '@hocuspocus/server';
import type { ActionPatch, NewAction } from '../../shared/actions.ts';
import { mapRoots, recordMap } from '../../shared/doc-schema.ts';
import type { MapId } from '../../shared/ids.ts';
import { can, INTERNAL_ROLES, type MapRole } from '../../shared/policy.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import type { ActionRow } from '../storage/rows.ts';
import type { ActionChanges, Storage } from '../storage/storage.ts';
import type { ActionsMirror } from './actionsMirror.ts';

/** What the action commands need. */
export interface ActionCommandDeps {
  storage: Pick<Storage, 'actions' | 'members'>;
  hocuspocus: Hocuspocus;
  actionsMirror: ActionsMirror;
}

/** Why a command was refused (the routes turn each into the contract's error). */
export type ActionRefusal =
  | { kind: 'invalid-owner'; ownerId: string }
  | { kind: 'unknown-card'; ids: string[] }
  /** The caller may change only the status of an action they own, and asked for more. */
  | { kind: 'status-only'; fields: string[] }
  /** The caller may neither manage actions nor change this one's status. */
  | { kind: 'forbidden' };

/** A refused action command. */
export class ActionCommandError extends Error {
  readonly refusal: ActionRefusal;

  constructor(refusal: ActionRefusal) {
    super(`action command refused: ${refusal.kind}`);
    this.refusal = refusal;
  }
}

/** Who is acting, and their role on the action's map. */
export interface ActionActor {
  userId: string;
  role: MapRole;
}

/** The owner of an action must be an internal member of its map (customers own nothing). */
async function checkOwner(deps: ActionCommandDeps, mapId: MapId, ownerId: string): Promise<void> {
  const role = await deps.storage.members.role(mapId, ownerId);
  if (!role || !(INTERNAL_ROLES as readonly MapRole[]).includes(role)) {
    throw new ActionCommandError({ kind: 'invalid-owner', ownerId });
  }
}

/**
 * Linked cards (and the KPI's card) must be cards of the map as everyone sees it now: the live
 * document through Hocuspocus, loaded from storage when nobody has it open. Placed or unplaced,
 * a card that exists counts.
 */
async function checkCards(
  deps: ActionCommandDeps,
  mapId: MapId,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const missing = await withMapDocument(deps.hocuspocus, mapId, (doc) => {
    const cards = mapRoots(doc).cards;
    return ids.filter((id) => recordMap(cards, id) === undefined);
  });
  if (missing.length > 0) throw new ActionCommandError({ kind: 'unknown-card', ids: missing });
}

/** Creates an action on a map (the caller holds actions.manage there). */
export async function createAction(
  deps: ActionCommandDeps,
  mapId: MapId,
  createdBy: string,
  input: NewAction,
): Promise<ActionRow> {
  const cardIds = input.cardIds ?? [];
  await checkOwner(deps, mapId, input.ownerId);
  await checkCards(deps, mapId, [...cardIds, ...(input.kpi?.cardId ? [input.kpi.cardId] : [])]);
  const row = await deps.storage.actions.create({
    mapId,
    title: input.title,
    ownerId: input.ownerId,
    department: input.department ?? null,
    due: input.due ?? null,
    status: input.status ?? 'todo',
    cardIds,
    kpi: input.kpi ?? null,
    createdBy,
  });
  await deps.actionsMirror.refresh(mapId);
  return row;
}

/**
 * Changes an action. Managers (actions.manage) may change any field; otherwise the action's
 * owner (actions.update-own) may change its status and nothing else. Only what changes is
 * checked again: a new owner must be a member, newly linked cards must exist (cards linked
 * earlier and deleted since may stay, so an edit never fails over someone else's deletion).
 * Resolves to the action, or null when it went meanwhile.
 */
export async function updateAction(
  deps: ActionCommandDeps,
  actor: ActionActor,
  action: ActionRow,
  patch: ActionPatch,
): Promise<ActionRow | null> {
  const manager = can(actor.role, 'actions.manage');
  if (!manager) {
    const own = can(actor.role, 'actions.update-own') && action.ownerId === actor.userId;
    if (!own) throw new ActionCommandError({ kind: 'forbidden' });
    const fields = Object.keys(patch).filter((field) => field !== 'status');
    if (fields.length > 0) throw new ActionCommandError({ kind: 'status-only', fields });
  }
  if (patch.ownerId !== undefined && patch.ownerId !== action.ownerId) {
    await checkOwner(deps, action.mapId, patch.ownerId);
  }
  const linked = new Set<string>([
    ...action.cardIds,
    ...(action.kpi?.cardId ? [action.kpi.cardId] : []),
  ]);
  const wanted = [...(patch.cardIds ?? []), ...(patch.kpi?.cardId ? [patch.kpi.cardId] : [])];
  await checkCards(
    deps,
    action.mapId,
    wanted.filter((id) => !linked.has(id)),
  );
  const changes: ActionChanges = {
    title: patch.title,
    ownerId: patch.ownerId,
    department: patch.department,
    due: patch.due,
    status: patch.status,
    cardIds: patch.cardIds,
    kpi: patch.kpi,
  };
  // An owner's status change applies only while they still own the action.
  const row = await deps.storage.actions.update(
    action.id,
    changes,
    manager ? undefined : actor.userId,
  );
  if (!row && !manager && (await deps.storage.actions.get(action.id))) {
    throw new ActionCommandError({ kind: 'forbidden' });
  }
  await deps.actionsMirror.refresh(action.mapId);
  return row;
}

/** Deletes an action (the caller holds actions.manage on its map). */
export async function deleteAction(deps: ActionCommandDeps, action: ActionRow): Promise<void> {
  await deps.storage.actions.delete(action.id);
  await deps.actionsMirror.refresh(action.mapId);
}
