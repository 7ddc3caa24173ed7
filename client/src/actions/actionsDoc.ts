import type { Action, ActionStatus } from './actionTypes.ts';

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
