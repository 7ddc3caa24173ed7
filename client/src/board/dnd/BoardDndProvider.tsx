import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type * as Y from 'yjs';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type Modifier,
  type Over,
} from '@dnd-kit/core';
import { getEventCoordinates } from '@dnd-kit/utilities';
import {
  cardsInCell,
  moveCard,
  moveLane,
  moveStage,
  type CardId,
  type CardTarget,
  type MapView,
} from '../../../../shared/index.ts';
import { fill } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useBoardNavigation } from '../BoardNavigation.tsx';
import {
  asDragItem,
  asDropSpot,
  BoardDndContext,
  gripDomId,
  type BoardDnd,
  type DragItem,
  type DropSpot,
} from './dndContext.ts';
import {
  cardDropTarget,
  dropBefore,
  dropLineY,
  isSamePlace,
  reorderIndex,
  type CardBox,
} from './dropPosition.ts';
import { cardKeyboardTarget, stepIndex, type Direction } from './keyboardMoves.ts';
import { firstLine } from './labels.ts';
import { jumpToNeighbour, MouseAndPenSensor } from './sensors.ts';

interface BoardDndProviderProps {
  doc: Y.Doc;
  /** The current map view: read when a drag or key press needs names and orders. */
  getView: () => MapView;
  /** False for viewers and commenters: nothing can be dragged. */
  editable: boolean;
  children: ReactNode;
}

/** The line showing where the dragged item will land, in client pixels. */
interface DropLine {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A point in client pixels. */
interface Point {
  x: number;
  y: number;
}

/** How long (in frames) the focus follows a moved item to its new place after it remounts. */
const REFOCUS_FRAMES = 40;

/**
 * Drag and drop on the board (dnd-kit): cards between cells by their grip, stages and lanes by
 * the grip in their header, and the same moves with Alt+Arrow keys on the grips. Every move is
 * one operation of shared/ (`moveCard`, `moveStage`, `moveLane`): one undo step, synced live.
 * Each move is announced in the UI language, in a polite live region.
 */
export function BoardDndProvider({ doc, getView, editable, children }: BoardDndProviderProps) {
  const { t } = useI18n();
  const navigation = useBoardNavigation();
  const nodes = useRef(new Map<string, HTMLElement>());
  /** Where the pointer is during a pointer drag (null for a keyboard drag). */
  const pointer = useRef<Point | null>(null);
  const stopTracking = useRef<(() => void) | null>(null);
  /** What the last drop did, for dnd-kit's end-of-drag announcement (which runs just after). */
  const outcome = useRef('');
  const refocusRun = useRef(0);
  /** The dragged item, its name (shown in the drag overlay) and where the overlay starts. */
  const [active, setActive] = useState<{
    item: DragItem;
    name: string;
    base: Point | null;
  } | null>(null);
  const [line, setLine] = useState<DropLine | null>(null);
  const [status, setStatus] = useState('');

  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on a grip stays a click.
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 4 } }),
    // Press and hold on a phone; a quick swipe still scrolls.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpToNeighbour }),
  );

  const nameOf = useCallback(
    (item: DragItem): string => {
      const current = getView();
      if (item.kind === 'card')
        return firstLine(current.cards.find((c) => c.id === item.id)?.text ?? '');
      if (item.kind === 'stage') return current.stages.find((s) => s.id === item.id)?.name ?? '';
      return current.lanes.find((l) => l.id === item.id)?.title ?? '';
    },
    [getView],
  );

  const announce = useCallback((message: string) => {
    // A repeated message (e.g. "cannot move further") must still be read: vary it invisibly.
    setStatus((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  /** Puts the focus back on a moved item's grip once it shows again, wherever it remounted. */
  const refocus = useCallback(
    (item: DragItem) => {
      if (item.kind === 'card') navigation?.revealCard(item.id, { focus: false, flash: false });
      const run = ++refocusRun.current;
      const id = gripDomId(item);
      let frames = 0;
      const tick = () => {
        if (run !== refocusRun.current) return;
        const grip = document.getElementById(id);
        const focused = document.activeElement;
        // Only take the focus back if the move lost it (the old grip unmounted or was moved
        // in the DOM), never from somewhere the person went meanwhile.
        const lost = !focused || focused === document.body || !focused.isConnected;
        if (grip && grip !== focused && (lost || focused.id === id)) grip.focus();
        if (++frames < REFOCUS_FRAMES) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    [navigation],
  );

  const movedCardText = useCallback(
    (cardId: CardId, target: CardTarget): string => {
      const current = getView();
      const rest = cardsInCell(current, target.stageId, target.laneId).filter(
        (c) => c.id !== cardId,
      );
      return fill(t('dnd.moved.card'), {
        lane: current.lanes.find((l) => l.id === target.laneId)?.title ?? '',
        stage: current.stages.find((s) => s.id === target.stageId)?.name ?? '',
        position: Math.min(target.index ?? rest.length, rest.length) + 1,
        count: rest.length + 1,
      });
    },
    [t, getView],
  );

  /** Moves a stage or lane to `index` among the others; returns the announcement. */
  const moveHeader = useCallback(
    (item: DragItem, index: number): string => {
      const current = getView();
      const name = nameOf(item);
      if (item.kind === 'stage') {
        moveStage(doc, item.id, index);
        const count = current.stages.length;
        return fill(t('dnd.moved.stage'), { name, position: index + 1, count });
      }
      if (item.kind === 'lane') {
        moveLane(doc, item.id, index);
        const count = current.lanes.length;
        return fill(t('dnd.moved.lane'), { name, position: index + 1, count });
      }
      return '';
    },
    [doc, nameOf, t, getView],
  );

  const keyboardMove = useCallback(
    (item: DragItem, direction: Direction) => {
      const current = getView();
      let message = t('dnd.edge');
      if (item.kind === 'card') {
        const target = cardKeyboardTarget(current, item.id, direction);
        if (target) {
          message = movedCardText(item.id, target);
          moveCard(doc, item.id, target);
        }
      } else {
        const horizontal = direction === 'left' || direction === 'right';
        // A stage moves left and right, a lane up and down; the other arrows do nothing.
        if (horizontal !== (item.kind === 'stage')) return;
        const ids = (item.kind === 'stage' ? current.stages : current.lanes).map((x) => x.id);
        const index = stepIndex(ids, item.id, direction === 'left' || direction === 'up' ? -1 : 1);
        if (index !== null) message = moveHeader(item, index);
      }
      announce(message);
      refocus(item);
    },
    [announce, doc, moveHeader, movedCardText, refocus, t, getView],
  );

  const register = useCallback((dropId: string, node: HTMLElement | null) => {
    if (node) nodes.current.set(dropId, node);
    else nodes.current.delete(dropId);
  }, []);

  const context = useMemo<BoardDnd>(
    () => ({ editable, keyboardMove, register }),
    [editable, keyboardMove, register],
  );

  /** The point a drop is measured at: the pointer, or the dragged item's centre by keyboard. */
  const dropPoint = (dragged: Active): Point | null => {
    if (pointer.current) return pointer.current;
    const rect = dragged.rect.current.translated;
    return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
  };

  /** Where a drop of `item` on `over` lands: the move to make and the line to draw. */
  const landing = (
    item: DragItem,
    spot: DropSpot,
    overId: string,
    at: Point,
  ): { apply: () => string; line: DropLine } | null => {
    const node = nodes.current.get(overId);
    if (!node) return null;
    const box = node.getBoundingClientRect();
    const current = getView();
    if (item.kind === 'card' && spot.kind === 'cell') {
      const boxes: CardBox[] = [
        ...node.querySelectorAll<HTMLElement>('[data-testid="card"][data-card-id]'),
      ].map((card) => {
        const rect = card.getBoundingClientRect();
        return { id: card.dataset.cardId ?? '', top: rect.top, bottom: rect.bottom };
      });
      const before = dropBefore(boxes, item.id, at.y);
      const order = cardsInCell(current, spot.stageId, spot.laneId).map((c) => c.id);
      const target = cardDropTarget(spot, order, item.id, before);
      const from = current.cards.find((c) => c.id === item.id);
      if (!from || isSamePlace(from, order, item.id, target)) return null;
      const y = dropLineY(boxes, item.id, before, box.top);
      return {
        line: { left: box.left + 4, top: y - 1.5, width: box.width - 8, height: 3 },
        apply: () => {
          const message = movedCardText(item.id, target);
          moveCard(doc, item.id, target);
          return message;
        },
      };
    }
    if (item.kind !== 'card' && spot.kind === item.kind) {
      const stage = item.kind === 'stage';
      const ids = (stage ? current.stages : current.lanes).map((x) => x.id);
      const after = stage ? at.x > box.left + box.width / 2 : at.y > box.top + box.height / 2;
      const index = reorderIndex(ids, item.id, spot.id, after);
      if (index === null) return null;
      const edge = stage ? (after ? box.right : box.left) : after ? box.bottom : box.top;
      return {
        line: stage
          ? { left: edge - 1.5, top: box.top, width: 3, height: box.height }
          : { left: box.left, top: edge - 1.5, width: box.width, height: 3 },
        apply: () => moveHeader(item, index),
      };
    }
    return null;
  };

  const landingOf = (event: DragMoveEvent) => {
    const item = asDragItem(event.active.data.current);
    const spot = event.over && asDropSpot(event.over.data.current);
    const at = dropPoint(event.active);
    if (!item || !spot || !event.over || !at) return null;
    return landing(item, spot, String(event.over.id), at);
  };

  const finish = () => {
    stopTracking.current?.();
    stopTracking.current = null;
    pointer.current = null;
    setActive(null);
    setLine(null);
  };

  const onDragStart = ({ active: dragged, activatorEvent }: DragStartEvent) => {
    const item = asDragItem(dragged.data.current);
    // The overlay starts where the dragged card or header is now (dnd-kit measures the same).
    const owner =
      activatorEvent?.target instanceof Element
        ? activatorEvent.target.closest(
            '[data-testid="card"], [data-testid="stage"], [data-testid="lane"]',
          )
        : null;
    const box = owner?.getBoundingClientRect();
    const base = box ? { x: box.left, y: box.top } : null;
    setActive(item && { item, name: nameOf(item), base });
    outcome.current = '';
    pointer.current = activatorEvent && getEventCoordinates(activatorEvent);
    if (pointer.current) {
      const onPointer = (event: PointerEvent) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      };
      const onTouch = (event: TouchEvent) => {
        const touch = event.touches[0];
        if (touch) pointer.current = { x: touch.clientX, y: touch.clientY };
      };
      window.addEventListener('pointermove', onPointer, { passive: true });
      window.addEventListener('touchmove', onTouch, { passive: true });
      stopTracking.current = () => {
        window.removeEventListener('pointermove', onPointer);
        window.removeEventListener('touchmove', onTouch);
      };
    }
  };

  const onDragMove = (event: DragMoveEvent) => {
    const next = landingOf(event)?.line ?? null;
    setLine((previous) =>
      previous &&
      next &&
      previous.left === next.left &&
      previous.top === next.top &&
      previous.width === next.width &&
      previous.height === next.height
        ? previous
        : next,
    );
  };

  const onDragEnd = (event: DragEndEvent) => {
    const item = asDragItem(event.active.data.current);
    const land = landingOf(event);
    finish();
    outcome.current = land ? land.apply() : event.over ? t('dnd.cancelled') : t('dnd.dropped.none');
    // A keyboard drag ends with the focus on the grip, which may have remounted elsewhere.
    if (item && event.activatorEvent instanceof KeyboardEvent) refocus(item);
  };

  const overText = (over: Over | null): string => {
    const spot = over && asDropSpot(over.data.current);
    if (!spot) return t('dnd.over.none');
    const current = getView();
    if (spot.kind === 'cell') {
      return fill(t('dnd.over.cell'), {
        lane: current.lanes.find((l) => l.id === spot.laneId)?.title ?? '',
        stage: current.stages.find((s) => s.id === spot.stageId)?.name ?? '',
      });
    }
    return fill(t(spot.kind === 'stage' ? 'dnd.over.stage' : 'dnd.over.lane'), {
      name: nameOf(spot),
    });
  };

  const announcements: Announcements = {
    onDragStart: ({ active: dragged }) => {
      const item = asDragItem(dragged.data.current);
      if (!item) return undefined;
      const key =
        item.kind === 'card'
          ? 'dnd.picked.card'
          : item.kind === 'stage'
            ? 'dnd.picked.stage'
            : 'dnd.picked.lane';
      return fill(t(key), { name: nameOf(item) });
    },
    onDragOver: ({ over }) => overText(over),
    onDragEnd: () => outcome.current,
    onDragCancel: () => t('dnd.cancelled'),
  };

  return (
    <BoardDndContext.Provider value={context}>
      <DndContext
        sensors={sensors}
        collisionDetection={collide}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: t('dnd.instructions') },
        }}
        onDragStart={onDragStart}
        onDragMove={onDragMove}
        onDragOver={onDragMove}
        onDragEnd={onDragEnd}
        onDragCancel={finish}
      >
        {children}
        {createPortal(
          <>
            {/* No drop animation: the item lands in its new place, not back where it came from. */}
            <DragOverlay
              dropAnimation={null}
              style={{ height: 'auto' }}
              modifiers={[heldByGrip(active?.base ?? null)]}
            >
              {active && (
                <div
                  className={`dnd-overlay dnd-overlay--${active.item.kind}`}
                  data-testid="dnd-overlay"
                >
                  {active.name}
                </div>
              )}
            </DragOverlay>
            {line && (
              <div
                className="dnd-line"
                aria-hidden="true"
                data-testid="dnd-line"
                style={{ left: line.left, top: line.top, width: line.width, height: line.height }}
              />
            )}
          </>,
          document.body,
        )}
      </DndContext>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="dnd-status">
        {status}
      </div>
    </BoardDndContext.Provider>
  );
}

/**
 * Cards land on cells, stages on stages, lanes on lanes. With a pointer, the target is what
 * the pointer is over (a card dropped outside every cell goes nowhere; a header dragged off
 * the header row goes to the nearest header); by keyboard, the nearest one.
 */
const collide: CollisionDetection = (args) => {
  const kind = asDragItem(args.active.data.current)?.kind;
  const wanted = kind === 'card' ? 'cell' : kind;
  const scoped = {
    ...args,
    droppableContainers: args.droppableContainers.filter(
      (container) => asDropSpot(container.data.current)?.kind === wanted,
    ),
  };
  if (args.pointerCoordinates) {
    const hits = pointerWithin(scoped);
    if (hits.length > 0 || kind === 'card') return hits;
  }
  return closestCenter(scoped);
};

/**
 * The overlay is held where the grip was grabbed: its left end under the pointer, its middle at
 * the pointer's height, so the drop line and the overlay stay together; on a narrow screen it
 * slides left to stay on it. `base` is where dnd-kit placed the overlay (the item's place when
 * the drag started). By keyboard, dnd-kit moves it from the item's own place.
 */
function heldByGrip(base: Point | null): Modifier {
  return ({ activatorEvent, overlayNodeRect, transform }) => {
    const at = activatorEvent && getEventCoordinates(activatorEvent);
    if (!at || !base || activatorEvent instanceof KeyboardEvent) return transform;
    const height = overlayNodeRect?.height ?? 28;
    const width = overlayNodeRect?.width ?? 200;
    // The pointer is at `at + transform`; the overlay's left end goes just left of it.
    let x = at.x + transform.x - 10 - base.x;
    const overflow = base.x + x + width - document.documentElement.clientWidth;
    if (overflow > 0) x -= Math.min(overflow, width - 20);
    return { ...transform, x, y: at.y + transform.y - height / 2 - base.y };
  };
}
