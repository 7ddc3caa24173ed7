import type * as Y from 'yjs';
import { ACTION_STATUSES, type Action, type ActionStatus } from './actionTypes.ts';

function isStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

/** Whether a value of the live document looks like an Action (the server writes Action JSON). */
function isAction(value: unknown): value is Action {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof Action, unknown>>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.ownerId === 'string' &&
    isStatus(v.status) &&
    Array.isArray(v.cardIds)
  );
}

/**
 * Reads the server-owned `map:<id>/actions` document (root Y.Map `actions`: id -> Action JSON)
 * in the HTTP list's order: due date ascending, undated last, then creation. Anything that is not
 * an action is skipped rather than trusted.
 */
export function readActions(doc: Y.Doc): Action[] {
  const actions: Action[] = [];
  doc.getMap<unknown>('actions').forEach((value) => {
    if (isAction(value)) actions.push(value);
  });
  return actions.sort(compareActions);
}

/** The server's list order: due ascending, nulls last, then createdAt, then id. */
export function compareActions(a: Action, b: Action): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** The actions linked to each card, for the board's badges. */
export function actionsByCard(actions: readonly Action[]): Map<string, Action[]> {
  const byCard = new Map<string, Action[]>();
  for (const action of actions) {
    for (const cardId of action.cardIds) {
      const list = byCard.get(cardId);
      if (list) list.push(action);
      else byCard.set(cardId, [action]);
    }
  }
  return byCard;
}

/**
 * The status a card shows for its actions: done once all are done, to do while none started,
 * doing otherwise (some started or some finished).
 */
export function cardActionStatus(actions: readonly Action[]): ActionStatus | null {
  if (actions.length === 0) return null;
  if (actions.every((a) => a.status === 'done')) return 'done';
  if (actions.every((a) => a.status === 'todo')) return 'todo';
  return 'doing';
}
