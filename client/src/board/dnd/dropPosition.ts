import type { CardTarget, LaneId, StageId } from '../../../../shared/index.ts';

/** Where a card shows on screen: its id and its top and bottom edges (client pixels). */
export interface CardBox {
  readonly id: string;
  readonly top: number;
  readonly bottom: number;
}

/**
 * The card the pointer at height `y` drops before, among the boxes of a cell (the dragged card
 * left out), or null to drop after the last one. Works on what the person sees, so a cell
 * shown in another order (e.g. "disputed first") still drops where the line was drawn.
 */
export function dropBefore(boxes: readonly CardBox[], movedId: string, y: number): string | null {
  const visible = boxes.filter((box) => box.id !== movedId).sort((a, b) => a.top - b.top);
  return visible.find((box) => y < (box.top + box.bottom) / 2)?.id ?? null;
}

/**
 * The `moveCard` target for dropping a card in a cell just before the card `beforeId` (null:
 * at the end). `cellOrder` is the cell's cards in their stored order; the index counts the
 * cell's cards without the moved one, which is how `moveCard` reads it.
 */
export function cardDropTarget(
  cell: { readonly stageId: StageId; readonly laneId: LaneId },
  cellOrder: readonly string[],
  movedId: string,
  beforeId: string | null,
): CardTarget {
  const rest = cellOrder.filter((id) => id !== movedId);
  const at = beforeId === null ? -1 : rest.indexOf(beforeId);
  return { stageId: cell.stageId, laneId: cell.laneId, index: at < 0 ? rest.length : at };
}

/** True when moving the card to `target` leaves it where it is (same cell, same place). */
export function isSamePlace(
  from: { readonly stageId: StageId; readonly laneId: LaneId },
  cellOrder: readonly string[],
  movedId: string,
  target: CardTarget,
): boolean {
  if (from.stageId !== target.stageId || from.laneId !== target.laneId) return false;
  const current = cellOrder.indexOf(movedId);
  return current >= 0 && current === (target.index ?? cellOrder.length - 1);
}

/**
 * Height (client pixels) of the line showing where a dragged card will land: between the card
 * before and the card after, below the last card, or near the top of an empty cell.
 */
export function dropLineY(
  boxes: readonly CardBox[],
  movedId: string,
  beforeId: string | null,
  cellTop: number,
): number {
  const visible = boxes.filter((box) => box.id !== movedId).sort((a, b) => a.top - b.top);
  const at = beforeId === null ? visible.length : visible.findIndex((box) => box.id === beforeId);
  const above = visible[at - 1];
  const below = visible[at];
  if (above && below) return (above.bottom + below.top) / 2;
  if (below) return below.top - 3;
  if (above) return above.bottom + 3;
  return cellTop + 6;
}

/**
 * The index to give `moveStage`/`moveLane` when `movedId` is dropped on `overId`, on its far
 * side (`after`) or near side. The index counts the others (the moved one left out), which is
 * how those operations read it. Null when nothing moves.
 */
export function reorderIndex(
  order: readonly string[],
  movedId: string,
  overId: string,
  after: boolean,
): number | null {
  if (movedId === overId) return null;
  const rest = order.filter((id) => id !== movedId);
  const over = rest.indexOf(overId);
  if (over < 0) return null;
  const index = after ? over + 1 : over;
  return index === order.indexOf(movedId) ? null : index;
}
