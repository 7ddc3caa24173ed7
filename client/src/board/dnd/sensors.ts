import type { PointerEvent } from 'react';
import {
  PointerSensor,
  type KeyboardCoordinateGetter,
  type PointerSensorOptions,
} from '@dnd-kit/core';
import { asDragItem, asDropSpot } from './dndContext.ts';

/**
 * The pointer sensor for mice and pens only: fingers go to the TouchSensor, whose press-and-hold
 * delay lets a swipe over a grip still scroll the board on a phone.
 */
export class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: PointerEvent, { onActivation }: PointerSensorOptions) => {
        if (event.pointerType === 'touch' || !event.isPrimary || event.button !== 0) return false;
        onActivation?.({ event });
        return true;
      },
    },
  ];
}

/** Arrow keys as unit steps. */
const STEPS: Readonly<Record<string, { dx: number; dy: number }>> = {
  ArrowRight: { dx: 1, dy: 0 },
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowDown: { dx: 0, dy: 1 },
  ArrowUp: { dx: 0, dy: -1 },
};

/**
 * Arrow keys during dnd-kit's keyboard drag jump to the next place the item can land in that
 * direction (the next cell for a card, the next header for a stage or lane), rather than
 * dnd-kit's default 25 pixels.
 */
export const jumpToNeighbour: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  const step = STEPS[event.code];
  if (!step) return undefined;
  event.preventDefault();
  const { active, collisionRect, droppableRects, droppableContainers } = context;
  if (!active || !collisionRect) return undefined;
  const kind = asDragItem(active.data.current)?.kind;
  const wanted = kind === 'card' ? 'cell' : kind;
  const cx = collisionRect.left + collisionRect.width / 2;
  const cy = collisionRect.top + collisionRect.height / 2;
  let best: { x: number; y: number; score: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    if (asDropSpot(container.data.current)?.kind !== wanted) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const along = (x - cx) * step.dx + (y - cy) * step.dy;
    if (along <= 1) continue;
    // Straight ahead wins over diagonals: sideways distance counts double.
    const across = Math.abs((x - cx) * step.dy) + Math.abs((y - cy) * step.dx);
    const score = along + 2 * across;
    if (!best || score < best.score) best = { x, y, score };
  }
  if (!best) return undefined;
  return { x: currentCoordinates.x + best.x - cx, y: currentCoordinates.y + best.y - cy };
};
