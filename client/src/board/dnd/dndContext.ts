import { createContext, useContext } from 'react';
import type { CardId, LaneId, StageId } from '../../../../shared/index.ts';
import type { Direction } from './keyboardMoves.ts';

/** What is being dragged (the `data` of a dnd-kit draggable). */
export type DragItem =
  | { readonly kind: 'card'; readonly id: CardId }
  | { readonly kind: 'stage'; readonly id: StageId }
  | { readonly kind: 'lane'; readonly id: LaneId };

/** Where it can be dropped (the `data` of a dnd-kit droppable). */
export type DropSpot =
  | { readonly kind: 'cell'; readonly stageId: StageId; readonly laneId: LaneId }
  | { readonly kind: 'stage'; readonly id: StageId }
  | { readonly kind: 'lane'; readonly id: LaneId };

/** What the board's drag and drop offers to the grips and drop targets below it. */
export interface BoardDnd {
  /** False for read-only people: no grips, nothing to drop on. */
  readonly editable: boolean;
  /** Alt+Arrow on a grip: moves the item one step, announces it and keeps the focus on it. */
  keyboardMove(item: DragItem, direction: Direction): void;
  /** Remembers (or forgets, with null) the element of a drop target, to measure drops on it. */
  register(dropId: string, node: HTMLElement | null): void;
}

export const BoardDndContext = createContext<BoardDnd | null>(null);

/** The board's drag and drop, or null outside <BoardDndProvider>. */
export function useBoardDnd(): BoardDnd | null {
  return useContext(BoardDndContext);
}

/** The dnd-kit id of a draggable item; stage and lane headers are droppables with the same id. */
export function dndId(item: DragItem): string {
  return `${item.kind}:${item.id}`;
}

/** The dnd-kit id of a cell (droppable for cards). */
export function cellDropId(stageId: StageId, laneId: LaneId): string {
  return `cell:${stageId}:${laneId}`;
}

/** The DOM id of an item's grip: how the focus finds it again after it moved (and remounted). */
export function gripDomId(item: DragItem): string {
  return `dnd-grip-${item.kind}-${item.id}`;
}

/** `value` as a DragItem (dnd-kit types `data` loosely), or null. */
export function asDragItem(value: unknown): DragItem | null {
  if (typeof value !== 'object' || value === null || !('kind' in value) || !('id' in value))
    return null;
  const { kind, id } = value;
  if (typeof id !== 'string') return null;
  if (kind === 'card') return { kind, id: id as CardId };
  if (kind === 'stage') return { kind, id: id as StageId };
  if (kind === 'lane') return { kind, id: id as LaneId };
  return null;
}

/** `value` as a DropSpot, or null. */
export function asDropSpot(value: unknown): DropSpot | null {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return null;
  if (value.kind === 'cell' && 'stageId' in value && 'laneId' in value) {
    const { stageId, laneId } = value;
    if (typeof stageId === 'string' && typeof laneId === 'string')
      return { kind: 'cell', stageId: stageId as StageId, laneId: laneId as LaneId };
    return null;
  }
  const item = asDragItem(value);
  return item && item.kind !== 'card' ? item : null;
}

/**
 * True when a key event on the board belongs to drag and drop: Alt+Arrow on a grip, or any key
 * on a grip while dnd-kit's keyboard drag runs (its arrows move the item). The board's own
 * arrow-key navigation between cells must leave such events alone.
 */
export function ownsArrowKeys(event: { target: EventTarget | null; altKey: boolean }): boolean {
  if (!(event.target instanceof Element)) return false;
  const grip = event.target.closest('.dnd-grip');
  return grip !== null && (event.altKey || grip.getAttribute('aria-pressed') === 'true');
}
