import { useCallback, useMemo, type ReactNode } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { CardView, LaneId, LaneView, StageId, StageView } from '../../../../shared/index.ts';
import { fill } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { cellDropId, dndId, useBoardDnd, type DragItem } from './dndContext.ts';
import { Grip } from './Grip.tsx';
import { firstLine } from './labels.ts';

/** What an item's component needs to be draggable: its ref, a class while dragged, its grip. */
export interface DragHandle {
  /** Ref callback for the item's outer element (measured for the overlay and header drops). */
  dragNode: (element: HTMLElement | null) => void;
  /** ' dnd-dragging' while it is dragged, ' dnd-over' while a header is the drop target. */
  dragClass: string;
  /** The grip button, or null for read-only people. */
  grip: ReactNode;
}

/** Makes a card draggable by a grip (the card itself stays clickable to edit). */
export function useCardDrag(card: CardView, editable: boolean): DragHandle {
  const { t } = useI18n();
  const dnd = useBoardDnd();
  const enabled = editable && dnd !== null && dnd.editable;
  const item = useMemo<DragItem>(() => ({ kind: 'card', id: card.id }), [card.id]);
  const drag = useDraggable({
    id: dndId(item),
    data: item,
    disabled: !enabled,
    attributes: { roleDescription: t('dnd.roleDescription') },
  });
  return {
    dragNode: drag.setNodeRef,
    dragClass: drag.isDragging ? ' dnd-dragging' : '',
    grip: enabled ? (
      <Grip
        item={item}
        label={fill(t('dnd.card.grip'), { name: firstLine(card.text) })}
        help={t('dnd.card.help')}
        attributes={drag.attributes}
        listeners={drag.listeners}
        setActivatorNodeRef={drag.setActivatorNodeRef}
        dragging={drag.isDragging}
      />
    ) : null,
  };
}

/** Props to spread on a cell: its drop ref, and `data-drop-over` while a card is over it. */
export interface CellDropProps {
  ref: (element: HTMLElement | null) => void;
  'data-drop-over'?: 'true';
}

/** Makes a cell a place to drop cards on. */
export function useCellDrop(stageId: StageId, laneId: LaneId): CellDropProps {
  const dnd = useBoardDnd();
  const id = cellDropId(stageId, laneId);
  const drop = useDroppable({
    id,
    data: { kind: 'cell', stageId, laneId },
    disabled: !dnd?.editable,
  });
  const { setNodeRef } = drop;
  const ref = useCallback(
    (element: HTMLElement | null) => {
      setNodeRef(element);
      dnd?.register(id, element);
    },
    [setNodeRef, dnd, id],
  );
  return drop.isOver ? { ref, 'data-drop-over': 'true' } : { ref };
}

/** Makes a stage header draggable by its grip, and a place to drop other stages on. */
export function useStageDrag(stage: StageView, editable: boolean): DragHandle {
  const { t } = useI18n();
  const item = useMemo<DragItem>(() => ({ kind: 'stage', id: stage.id }), [stage.id]);
  return useHeaderDrag(
    item,
    editable,
    fill(t('dnd.stage.grip'), { name: stage.name }),
    t('dnd.stage.help'),
  );
}

/** Makes a lane header draggable by its grip, and a place to drop other lanes on. */
export function useLaneDrag(lane: LaneView, editable: boolean): DragHandle {
  const { t } = useI18n();
  const item = useMemo<DragItem>(() => ({ kind: 'lane', id: lane.id }), [lane.id]);
  return useHeaderDrag(
    item,
    editable,
    fill(t('dnd.lane.grip'), { name: lane.title }),
    t('dnd.lane.help'),
  );
}

function useHeaderDrag(item: DragItem, editable: boolean, label: string, help: string): DragHandle {
  const { t } = useI18n();
  const dnd = useBoardDnd();
  const enabled = editable && dnd !== null && dnd.editable;
  const id = dndId(item);
  const drag = useDraggable({
    id,
    data: item,
    disabled: !enabled,
    attributes: { roleDescription: t('dnd.roleDescription') },
  });
  const drop = useDroppable({ id, data: item, disabled: !enabled });
  const setDragRef = drag.setNodeRef;
  const setDropRef = drop.setNodeRef;
  const attach = useCallback(
    (element: HTMLElement | null) => {
      setDragRef(element);
      setDropRef(element);
      dnd?.register(id, element);
    },
    [setDragRef, setDropRef, dnd, id],
  );
  const over = drop.isOver && !drag.isDragging;
  return {
    dragNode: attach,
    dragClass: `${drag.isDragging ? ' dnd-dragging' : ''}${over ? ' dnd-over' : ''}`,
    grip: enabled ? (
      <Grip
        item={item}
        label={label}
        help={help}
        attributes={drag.attributes}
        listeners={drag.listeners}
        setActivatorNodeRef={drag.setActivatorNodeRef}
        dragging={drag.isDragging}
      />
    ) : null,
  };
}
