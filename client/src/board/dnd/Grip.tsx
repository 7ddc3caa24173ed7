import type { KeyboardEvent } from 'react';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { gripDomId, useBoardDnd, type DragItem } from './dndContext.ts';
import { GripIcon } from '../../ui/icons.tsx';
import { altArrow } from './keyboardMoves.ts';

interface GripProps {
  item: DragItem;
  /** Accessible name, e.g. "Move card: Bob searches the app". */
  label: string;
  /** Tooltip saying how to drag and which keys move it. */
  help: string;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  /** Ref callback: the grip is the drag's activator and finds the element it drags. */
  attach: (button: HTMLButtonElement | null) => void;
  /** dnd-kit is dragging this item (by pointer or by keyboard). */
  dragging: boolean;
  /** Another stage or lane is over this one's header (styled on the header with :has). */
  over: boolean;
}

/**
 * The handle an item is dragged by: the only place a drag starts, so clicking a card still
 * opens its editor. Alt+Arrow on it moves the item one step without dragging, which works
 * whatever dnd-kit's keyboard sensor does; Space or Enter start dnd-kit's keyboard drag.
 */
export function Grip({
  item,
  label,
  help,
  attributes,
  listeners,
  attach,
  dragging,
  over,
}: GripProps) {
  const dnd = useBoardDnd();
  const dndKeyDown = listeners?.onKeyDown as ((event: KeyboardEvent) => void) | undefined;
  return (
    <button
      type="button"
      id={gripDomId(item)}
      ref={attach}
      className={`dnd-grip dnd-grip--${item.kind}`}
      {...attributes}
      {...listeners}
      aria-label={label}
      title={help}
      data-drop-over={over ? 'true' : undefined}
      onKeyDown={(event) => {
        const direction = altArrow(event);
        if (direction === null) {
          dndKeyDown?.(event);
          return;
        }
        // Alt+Left would also be the browser's "back", and the board's arrow keys move the
        // focus between cells: this key is ours alone.
        event.preventDefault();
        event.stopPropagation();
        if (!dragging) dnd?.keyboardMove(item, direction);
      }}
    >
      <GripIcon />
    </button>
  );
}
