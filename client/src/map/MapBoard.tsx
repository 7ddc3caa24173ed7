import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { flushSync } from 'react-dom';
import type * as Y from 'yjs';
import { addCard, type StageView } from '../../../shared/index.ts';
import { BoardNavigationContext, type BoardNavigation } from '../board/BoardNavigation.tsx';
import { BoardCell, type PendingFocus } from '../board/BoardCell.tsx';
import { BoardDndProvider } from '../board/dnd/index.ts';
import {
  BOARD,
  boardRows,
  fitZoom,
  OVERVIEW_BELOW,
  cellSizeKey,
  rowHeight,
  sizeKey,
  type BoardRow,
} from '../board/boardLayout.ts';
import { Minimap } from '../board/Minimap.tsx';
import type { MapStore } from '../board/mapStore.ts';
import { useCellSizes } from '../board/useCellSizes.ts';
import { whenIdle } from '../perf/whenIdle.ts';
import { useCardJump } from '../since/useCardJump.ts';
import { useVisibleLaneKinds } from '../find/FindContext.tsx';
import { useGridKeyboard, type ActiveCell } from '../board/useGridKeyboard.ts';
import { useLanes, useStages } from '../board/useMapStore.ts';
import { useMediaQuery } from '../board/useMediaQuery.ts';
import { ZoomControls } from '../board/ZoomControls.tsx';
import { AddLaneButton } from './AddLaneButton.tsx';
import { AddStageButton } from './AddStageButton.tsx';
import { EmotionCurveRow } from './EmotionCurve.tsx';
import { LaneHeader } from './LaneHeader.tsx';
import { StageHeader } from './StageHeader.tsx';

interface MapBoardProps {
  store: MapStore;
  /** Where the board publishes its navigation for the rest of the page (the search box). */
  navigationRef?: { current: BoardNavigation | null };
  doc: Y.Doc;
  editable: boolean;
  /** How many cards the board holds: small maps are rendered whole. */
  cardCount: number;
}

/**
 * Maps up to this size are rendered whole (cheap, and the browser's own find-in-page sees every
 * card); bigger ones render only what is on screen.
 */
const WHOLE_UP_TO = { cells: 200, cards: 400 } as const;

/**
 * Rows and columns rendered beyond the screen on each side, so a scroll finds them there. The
 * first render shows what is on screen only (on the 2,400-card map, 30 cards instead of 60);
 * the margin follows once the page is idle, at the latest MARGIN_WITHIN_MS later, or at the
 * first scroll.
 */
const MARGIN = 1;
const MARGIN_WITHIN_MS = 500;

/** How long a card we jumped to stays highlighted. */
const FLASH_MS = 2_000;
/** Frames to wait for a card scrolled to before giving up (it was deleted meanwhile). */
const REVEAL_FRAMES = 30;
/** Frames during which a revealed card is kept on screen while rows around it settle. */
const SETTLE_FRAMES = 10;

/**
 * The journey map grid: stages as columns, lanes as rows, cards in each lane × stage cell.
 *
 * Big maps have thousands of cards, so the board renders only the cells on screen (plus one
 * column and row around; small maps are rendered whole), placed in a CSS grid whose tracks have the whole map's size: the
 * scrollbars, sticky headers and screen readers (aria-rowcount/colcount and each cell's index)
 * see the whole map. Rows take the height of their tallest cell, measured when on screen and
 * estimated from its card count before. Each cell subscribes to its own cards in the store, so
 * a colleague's edit re-renders one cell. The focused cell always stays rendered; printing
 * renders everything.
 */
export const MapBoard = memo(function MapBoard({
  store,
  doc,
  editable,
  cardCount,
  navigationRef,
}: MapBoardProps) {
  const stages = useStages(store);
  const allLanes = useLanes(store);
  // find: the lane-kind filter hides the other lanes' rows.
  const kinds = useVisibleLaneKinds();
  const rows = useMemo(
    () => boardRows(kinds ? allLanes.filter((lane) => kinds.has(lane.kind)) : allLanes),
    [allLanes, kinds],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const phone = useMediaQuery('(max-width: 640px)');
  const [zoom, setZoom] = useState(1);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [printing, setPrinting] = useState(false);
  /** The person's choice about the overview; by default it shows on maps bigger than the screen. */
  const [overviewChoice, setOverviewChoice] = useState<boolean | null>(null);
  const sizes = useCellSizes();
  const pending = useRef<PendingFocus>({ cardId: null });
  const overscan = useMarginAfterFirstPaint(scroller);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      setViewport({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Printing shows the whole map: every cell is rendered before the page is laid out for paper.
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const overview = zoom < OVERVIEW_BELOW && !printing;
  const laneWidth = phone ? BOARD.phoneLaneWidth : BOARD.laneWidth;
  // On a phone one stage fills the screen beside the lane titles; a swipe moves one stage.
  const stageWidth = phone
    ? Math.max(
        BOARD.phoneStageMin,
        Math.floor(viewport.width / zoom) - laneWidth - 2 * BOARD.gap - 2 * BOARD.border,
      )
    : BOARD.stageWidth;
  const heights = useMemo(
    () =>
      rows.map((row) =>
        rowHeight(
          row,
          stages,
          sizes.measured,
          (stage) => store.map.cell(stage.id, row.lane.id),
          editable,
          overview,
        ),
      ),
    // sizes.version: the measured sizes (a Map kept across renders) changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, stages, sizes.measured, sizes.version, store, editable, overview],
  );
  const header = sizes.measured.get(sizeKey('header', 'corner')) ?? BOARD.header;

  // The virtualizers' functions are read on every render, never memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const columns = useVirtualizer({
    horizontal: true,
    count: stages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (stageWidth + BOARD.gap) * zoom,
    paddingStart: (laneWidth + BOARD.gap + BOARD.border) * zoom,
    scrollPaddingStart: (laneWidth + BOARD.gap) * zoom,
    overscan,
  });
  const rowsV = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => ((heights[index] ?? BOARD.minRow) + BOARD.gap) * zoom,
    paddingStart: (header + BOARD.gap + BOARD.border) * zoom,
    scrollPaddingStart: (header + BOARD.gap) * zoom,
    overscan,
  });
  useLayoutEffect(() => {
    rowsV.measure();
  }, [rowsV, heights, header, zoom]);
  useLayoutEffect(() => {
    columns.measure();
  }, [columns, stageWidth, laneWidth, zoom]);

  const keyboard = useGridKeyboard({
    rows: rows.length,
    columns: stages.length,
    grid,
  });
  const { active, setActive } = keyboard;

  const navigation = useMemo<BoardNavigation>(
    () => ({
      revealCard(cardId, options) {
        const card = store.map.card(cardId);
        if (!card) return false;
        const row = rows.findIndex((r) => r.kind === 'lane' && r.lane.id === card.laneId);
        const column = stages.findIndex((s) => s.id === card.stageId);
        if (row < 0 || column < 0) return false;
        if (zoom < OVERVIEW_BELOW) setZoom(1);
        setActive({ row, column }, false);
        requestAnimationFrame(() => {
          // Near enough for the board to render the card's cell; the card itself is then
          // scrolled into view exactly (its cell may be taller than the screen).
          const top = rowsV.getOffsetForIndex(row, 'center')?.[0];
          const left = columns.getOffsetForIndex(column, 'center')?.[0];
          scroller.current?.scrollTo({ top, left });
          revealWhenRendered(grid, cardId, options?.focus ?? true, options?.flash ?? true);
        });
        return true;
      },
    }),
    [store, rows, stages, zoom, setActive, rowsV, columns],
  );

  useCardJump(navigation);
  useEffect(() => {
    if (!navigationRef) return;
    navigationRef.current = navigation;
    return () => {
      navigationRef.current = null;
    };
  }, [navigationRef, navigation]);

  const everything =
    printing ||
    (stages.length * rows.length <= WHOLE_UP_TO.cells && cardCount <= WHOLE_UP_TO.cards);
  const rowItems = everything
    ? rows.map((_, index) => index)
    : rowsV.getVirtualItems().map((item) => item.index);
  const columnItems = everything
    ? stages.map((_, index) => index)
    : columns.getVirtualItems().map((item) => item.index);

  const onAdd = useCallback(
    (stage: StageView, laneId: string) => {
      pending.current.cardId = addCard(doc, {
        stageId: stage.id,
        laneId: laneId as never,
        text: '',
      });
    },
    [doc],
  );

  const boardWidth =
    2 * BOARD.border + laneWidth + stages.length * (stageWidth + BOARD.gap) + BOARD.gap;
  const boardHeight =
    2 * BOARD.border + header + heights.reduce((sum, h) => sum + h + BOARD.gap, 0) + BOARD.gap;
  const large =
    boardWidth * zoom > viewport.width * 1.5 || boardHeight * zoom > viewport.height * 1.5;
  const showMinimap = !phone && (overviewChoice ?? large);
  const style: CSSProperties = {
    gridTemplateColumns: `${laneWidth}px repeat(${stages.length}, ${stageWidth}px)`,
    gridTemplateRows: `auto ${heights.map((h) => `${h}px`).join(' ')}`,
    zoom: zoom === 1 ? undefined : zoom,
  };

  const getView = useCallback(() => store.map.view, [store]);

  return (
    <BoardNavigationContext.Provider value={navigation}>
      {/* dnd: drag and drop of cards, stages and lanes (and their Alt+Arrow moves). */}
      <BoardDndProvider doc={doc} getView={getView} editable={editable}>
        <div
          ref={scroller}
          className={`board-scroller${phone ? ' board-scroller--phone' : ''}`}
          data-testid="board-scroller"
          style={
            {
              '--lane-width': `${laneWidth * zoom}px`,
              '--header-height': `${header * zoom}px`,
            } as CSSProperties
          }
        >
          <div className="board-area">
            <div
              ref={grid}
              className={`board${overview ? ' board--overview' : ''}`}
              role="grid"
              aria-rowcount={rows.length + 1}
              aria-colcount={stages.length + 1}
              data-zoom={zoom}
              style={style}
              onKeyDown={keyboard.onKeyDown}
              onFocus={keyboard.onFocus}
            >
              <div role="row" aria-rowindex={1} className="board__row">
                <div
                  className="board__corner"
                  role="columnheader"
                  aria-colindex={1}
                  ref={sizes.observe(sizeKey('header', 'corner'))}
                />
                {stages.map((stage, index) => (
                  <StageHeader
                    key={stage.id}
                    doc={doc}
                    stage={stage}
                    index={index}
                    editable={editable}
                    gridRow={1}
                    gridColumn={index + 2}
                  />
                ))}
              </div>
              {rows.map((row, rowIndex) => {
                // Every row and its header are in the page; only the cells on screen (and the
                // focused one) are.
                const cols = rowItems.includes(rowIndex)
                  ? renderedColumns(columnItems, active, rowIndex)
                  : active?.row === rowIndex
                    ? [active.column]
                    : [];
                return (
                  <BoardRowView
                    key={row.key}
                    row={row}
                    rowIndex={rowIndex}
                    stages={stages}
                    columnIndexes={cols}
                    store={store}
                    doc={doc}
                    editable={editable}
                    overview={overview}
                    active={active}
                    pending={pending.current}
                    observe={sizes.observe}
                    onAdd={onAdd}
                  />
                );
              })}
            </div>
            {editable && <AddStageButton doc={doc} />}
            {editable && <AddLaneButton doc={doc} />}
          </div>
        </div>
        <div className="board-overlay">
          <ZoomControls
            zoom={zoom}
            onZoom={(next) => {
              const element = scroller.current;
              // Keep the centre of what was on screen at the centre.
              const centre = element && {
                x: (element.scrollLeft + element.clientWidth / 2) / zoom,
                y: (element.scrollTop + element.clientHeight / 2) / zoom,
              };
              flushSync(() => setZoom(next));
              if (element && centre) {
                element.scrollLeft = centre.x * next - element.clientWidth / 2;
                element.scrollTop = centre.y * next - element.clientHeight / 2;
              }
            }}
            fit={() =>
              fitZoom(
                { width: boardWidth, height: boardHeight },
                { width: viewport.width, height: viewport.height },
              )
            }
            overview={
              phone ? null : { shown: showMinimap, toggle: () => setOverviewChoice(!showMinimap) }
            }
          />
          {showMinimap && stages.length > 0 && rows.length > 0 && (
            <Minimap
              scroller={scroller}
              zoom={zoom}
              columns={stages.map(() => stageWidth + BOARD.gap)}
              rows={heights.map((h) => h + BOARD.gap)}
              offset={{
                x: laneWidth + BOARD.gap + BOARD.border,
                y: header + BOARD.gap + BOARD.border,
              }}
              store={store}
              stages={stages}
              boardRows={rows}
            />
          )}
        </div>
      </BoardDndProvider>
    </BoardNavigationContext.Provider>
  );
});

/** The virtualizers' margin: none until the page is idle after its first paint, or scrolled. */
function useMarginAfterFirstPaint(scroller: React.RefObject<HTMLDivElement | null>): number {
  const [margin, setMargin] = useState(0);
  useEffect(() => {
    if (margin === MARGIN) return;
    const element = scroller.current;
    const grow = () => setMargin(MARGIN);
    element?.addEventListener('scroll', grow, { once: true, passive: true });
    const cancel = whenIdle(grow, MARGIN_WITHIN_MS);
    return () => {
      element?.removeEventListener('scroll', grow);
      cancel();
    };
  }, [margin, scroller]);
  return margin;
}

/** The rendered columns of a row: those on screen, and the focused cell's in its row. */
function renderedColumns(onScreen: number[], active: ActiveCell | null, row: number): number[] {
  if (!active || active.row !== row || onScreen.includes(active.column)) return onScreen;
  return [...onScreen, active.column].sort((a, b) => a - b);
}

interface BoardRowViewProps {
  row: BoardRow;
  rowIndex: number;
  stages: readonly StageView[];
  columnIndexes: number[];
  store: MapStore;
  doc: Y.Doc;
  editable: boolean;
  overview: boolean;
  active: ActiveCell | null;
  pending: PendingFocus;
  observe: (key: string) => (element: HTMLElement | null) => void;
  onAdd: (stage: StageView, laneId: string) => void;
}

/** One row of the grid: its header, then its cells on screen. */
function BoardRowView({
  row,
  rowIndex,
  stages,
  columnIndexes,
  store,
  doc,
  editable,
  overview,
  active,
  pending,
  observe,
  onAdd,
}: BoardRowViewProps) {
  const gridRow = rowIndex + 2;
  if (row.kind === 'curve') {
    return (
      <div role="row" aria-rowindex={gridRow} className="board__row">
        <EmotionCurveRow
          store={store}
          lane={row.lane}
          gridRow={gridRow}
          columnIndexes={columnIndexes}
          measureHead={observe(sizeKey(row.key, 'head'))}
        />
      </div>
    );
  }
  return (
    <div role="row" aria-rowindex={gridRow} className="board__row">
      <LaneHeader
        doc={doc}
        lane={row.lane}
        editable={editable}
        gridRow={gridRow}
        gridColumn={1}
        measure={observe(sizeKey(row.key, 'head'))}
      />
      {columnIndexes.map((column) => {
        const stage = stages[column];
        return (
          stage && (
            <BoardCell
              key={stage.id}
              store={store}
              doc={doc}
              stage={stage}
              lane={row.lane}
              gridRow={gridRow}
              gridColumn={column + 2}
              editable={editable}
              overview={overview}
              tabbable={
                active
                  ? active.row === rowIndex && active.column === column
                  : rowIndex === 0 && column === 0
              }
              pending={pending}
              measure={observe(cellSizeKey(row.key, stage.id, overview))}
              onAdd={onAdd}
            />
          )
        );
      })}
    </div>
  );
}

/** Waits for a card to be rendered (the board scrolled to it), then shows, focuses and flashes it. */
function revealWhenRendered(
  grid: React.RefObject<HTMLDivElement | null>,
  cardId: string,
  focus: boolean,
  flash: boolean,
  frames = REVEAL_FRAMES,
): void {
  const element = grid.current?.querySelector(`[data-card-id="${CSS.escape(cardId)}"]`);
  if (!(element instanceof HTMLElement)) {
    if (frames > 0)
      requestAnimationFrame(() => revealWhenRendered(grid, cardId, focus, flash, frames - 1));
    return;
  }
  element.scrollIntoView({ block: 'center', inline: 'center' });
  if (focus) {
    // Focusable from script only, so screen readers land on it; not a tab stop.
    element.tabIndex = -1;
    element.focus({ preventScroll: true });
  }
  if (flash) {
    // An attribute, not a class: the card re-renders its own classes meanwhile.
    element.removeAttribute('data-flash');
    // Reading the layout restarts the animation when the same card is flashed again.
    void element.offsetWidth;
    element.setAttribute('data-flash', '');
    setTimeout(() => element.removeAttribute('data-flash'), FLASH_MS);
  }
  keepInView(element, SETTLE_FRAMES);
}

/**
 * Rows above a card get their real heights as they render on the way, which moves the card:
 * for a few frames, bring it back to the middle if it left the screen.
 */
function keepInView(element: HTMLElement, frames: number): void {
  if (frames <= 0) return;
  requestAnimationFrame(() => {
    const scroller = element.closest('.board-scroller');
    if (!scroller || !element.isConnected) return;
    const box = element.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const inside =
      box.top >= view.top &&
      box.bottom <= view.bottom &&
      box.left >= view.left &&
      box.right <= view.right;
    if (!inside) element.scrollIntoView({ block: 'center', inline: 'center' });
    keepInView(element, frames - 1);
  });
}
