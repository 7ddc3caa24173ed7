import { cardsInCell, type CardTarget, type MapView } from '../../../../shared/index.ts';

/** An arrow key pressed with Alt on a grip. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** The direction of an Alt+Arrow key event, or null for any other key. */
export function altArrow(event: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): Direction | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  switch (event.key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    default:
      return null;
  }
}

/**
 * Where Alt+Arrow moves a card: left/right to the end of the same lane's cell in the previous
 * or next stage; up/down one place within its cell, and from the top (bottom) of the cell to
 * the bottom (top) of the cell in the lane above (below). Null at the edge of the map.
 */
export function cardKeyboardTarget(
  view: MapView,
  cardId: string,
  direction: Direction,
): CardTarget | null {
  const card = view.cards.find((c) => c.id === cardId);
  if (!card) return null;
  if (direction === 'left' || direction === 'right') {
    const at = view.stages.findIndex((s) => s.id === card.stageId);
    const stage = view.stages[direction === 'left' ? at - 1 : at + 1];
    return stage && at >= 0 ? { stageId: stage.id, laneId: card.laneId } : null;
  }
  const cell = cardsInCell(view, card.stageId, card.laneId);
  const at = cell.findIndex((c) => c.id === cardId);
  // The index counts the cell's other cards: the one above is at at-1, the one below at at.
  if (direction === 'up' && at > 0) return { ...place(card), index: at - 1 };
  if (direction === 'down' && at < cell.length - 1) return { ...place(card), index: at + 1 };
  const laneAt = view.lanes.findIndex((l) => l.id === card.laneId);
  const lane = view.lanes[direction === 'up' ? laneAt - 1 : laneAt + 1];
  if (!lane || laneAt < 0) return null;
  return direction === 'up'
    ? { stageId: card.stageId, laneId: lane.id }
    : { stageId: card.stageId, laneId: lane.id, index: 0 };
}

function place(card: { stageId: CardTarget['stageId']; laneId: CardTarget['laneId'] }) {
  return { stageId: card.stageId, laneId: card.laneId };
}

/**
 * The new index of `id` in `order` one step back (-1) or forward (+1), or null at the ends.
 * Counts the others, like moveStage and moveLane: one step forward is index + 1.
 */
export function stepIndex(order: readonly string[], id: string, step: -1 | 1): number | null {
  const at = order.indexOf(id);
  const next = at + step;
  return at < 0 || next < 0 || next >= order.length ? null : next;
}
