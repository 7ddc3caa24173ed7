import { useCallback, useMemo } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { CardView, LaneId, LaneView, StageId, StageView } from '../../../../shared/index.ts';
import { fill } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { cellDropId, dndId, useBoardDnd, type DragItem } from './dndContext.ts';
import { Grip } from './Grip.tsx';
import { firstLine } from './labels.ts';

/*
 * The grips hold the dnd-kit hooks themselves, so a drag (which re-renders every draggable and
 * droppable when it starts, crosses a target and ends) re-renders these small buttons, not the
 * cards and headers around them. Each grip makes its card or header the dragged node (measured
 * for the overlay) by finding it around itself.
 */

/** The selector of the element a grip drags: its card or header. */
const OWNER = {
  card: '[data-testid="card"]',
  stage: '[data-testid="stage"]',
  lane: '[data-testid="lane"]',
} as const;

/** A card's grip: drag it onto any cell; Alt+Arrow keys move the card. Null when read-only. */
export function CardGrip({ card, editable }: { card: CardView; editable: boolean }) {
  const { t } = useI18n();
  const item = useMemo<DragItem>(() => ({ kind: 'card', id: card.id }), [card.id]);
  const name = firstLine(card.text);
  return (
    <ItemGrip
      item={item}
      editable={editable}
      label={fill(t('dnd.card.grip'), { name })}
      help={t('dnd.card.help')}
    />
  );
}

/** A stage header's grip: drag it along the headers; Alt+Left/Right move the stage. */
export function StageGrip({ stage, editable }: { stage: StageView; editable: boolean }) {
  const { t } = useI18n();
  const item = useMemo<DragItem>(() => ({ kind: 'stage', id: stage.id }), [stage.id]);
  return (
    <ItemGrip
      item={item}
      editable={editable}
      label={fill(t('dnd.stage.grip'), { name: stage.name })}
      help={t('dnd.stage.help')}
    />
  );
}

/** A lane header's grip: drag it along the headers; Alt+Up/Down move the lane. */
export function LaneGrip({ lane, editable }: { lane: LaneView; editable: boolean }) {
  const { t } = useI18n();
  const item = useMemo<DragItem>(() => ({ kind: 'lane', id: lane.id }), [lane.id]);
  return (
    <ItemGrip
      item={item}
      editable={editable}
      label={fill(t('dnd.lane.grip'), { name: lane.title })}
      help={t('dnd.lane.help')}
    />
  );
}

interface ItemGripProps {
  item: DragItem;
  editable: boolean;
  label: string;
  help: string;
}

function ItemGrip({ item, editable, label, help }: ItemGripProps) {
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
  // Stage and lane headers are also where other stages and lanes are dropped.
  const drop = useDroppable({ id, data: item, disabled: !enabled || item.kind === 'card' });
  const { setNodeRef: setDragNode, setActivatorNodeRef } = drag;
  const { setNodeRef: setDropNode } = drop;
  const kind = item.kind;
  const attach = useCallback(
    (button: HTMLButtonElement | null) => {
      setActivatorNodeRef(button);
      const owner = button?.closest<HTMLElement>(OWNER[kind]) ?? null;
      setDragNode(owner);
      if (kind === 'card') return;
      setDropNode(owner);
      if (owner) dnd?.register(id, owner);
      else dnd?.register(id, null);
    },
    [setActivatorNodeRef, setDragNode, setDropNode, dnd, id, kind],
  );
  if (!enabled) return null;
  return (
    <Grip
      item={item}
      label={label}
      help={help}
      attributes={drag.attributes}
      listeners={drag.listeners}
      attach={attach}
      dragging={drag.isDragging}
      over={drop.isOver && !drag.isDragging}
    />
  );
}

/** Props to spread on a cell: its drop ref, and `data-drop-over` while a card is over it. */
export interface CellDropProps {
  ref: (element: HTMLElement | null) => void;
  'data-drop-over'?: 'true';
}

/**
 * Makes a cell a place to drop cards on. The cell re-renders when a drag starts, crosses it and
 * ends: render it as `<DropCell>` (whose children then stay as they are), or memoise its cards.
 */
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
