import { useEffect, useState, type PointerEvent, type RefObject } from 'react';
import type { StageView } from '../../../shared/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fill } from '../i18n/format.ts';
import type { BoardRow } from './boardLayout.ts';
import type { MapStore } from './mapStore.ts';
import { useStoreView } from './useMapStore.ts';

/** The overview's largest size on screen, in pixels. */
const MAX_WIDTH = 200;
const MAX_HEIGHT = 120;

interface MinimapProps {
  scroller: RefObject<HTMLDivElement | null>;
  zoom: number;
  /** Widths of the stage columns and heights of the rows, at 100% zoom, gaps included. */
  columns: readonly number[];
  rows: readonly number[];
  /** Where the first cell starts inside the board (lane titles, stage headers). */
  offset: { x: number; y: number };
  store: MapStore;
  stages: readonly StageView[];
  boardRows: readonly BoardRow[];
}

/**
 * The whole map in small: one block per cell, darker with more cards, and a frame around what is
 * on screen. A click or a drag moves the board there. (Keyboard users move with the arrows and the
 * search box; the overview is a picture for them, described in its label.)
 */
export function Minimap({
  scroller,
  zoom,
  columns,
  rows,
  offset,
  store,
  stages,
  boardRows,
}: MinimapProps) {
  const { t } = useI18n();
  useStoreView(store); // repaint when cards come and go
  const [frame, setFrame] = useState({ x: 0, y: 0, width: 0, height: 0 });
  const totalWidth = offset.x + columns.reduce((a, b) => a + b, 0);
  const totalHeight = offset.y + rows.reduce((a, b) => a + b, 0);
  const scale = Math.min(MAX_WIDTH / totalWidth, MAX_HEIGHT / totalHeight);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let pending: number | null = null;
    const update = () => {
      pending = null;
      setFrame({
        x: element.scrollLeft / zoom,
        y: element.scrollTop / zoom,
        width: element.clientWidth / zoom,
        height: element.clientHeight / zoom,
      });
    };
    const onScroll = () => {
      pending ??= requestAnimationFrame(update);
    };
    update();
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
      if (pending !== null) cancelAnimationFrame(pending);
    };
  }, [scroller, zoom]);

  const moveTo = (event: PointerEvent<SVGSVGElement>) =>
    centreOn(scroller.current, event, scale, zoom);

  const counts = boardRows.map((row) =>
    stages.map((stage) => (row.kind === 'lane' ? store.map.cell(stage.id, row.lane.id).length : 0)),
  );
  const max = Math.max(1, ...counts.flat());
  const xs = prefix(columns, offset.x);
  const ys = prefix(rows, offset.y);

  return (
    <svg
      className="minimap"
      data-testid="minimap"
      role="img"
      aria-label={fill(t('board.minimapLabel'), { stages: stages.length, lanes: boardRows.length })}
      width={Math.round(totalWidth * scale)}
      height={Math.round(totalHeight * scale)}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event);
      }}
      onPointerMove={(event) => {
        if (event.buttons === 1) moveTo(event);
      }}
    >
      <g transform={`scale(${scale})`}>
        {counts.map((line, row) =>
          line.map((count, column) =>
            count > 0 ? (
              <rect
                key={`${row}:${column}`}
                className="minimap__cell"
                x={xs[column]}
                y={ys[row]}
                width={(columns[column] ?? 0) - 1 / scale}
                height={(rows[row] ?? 0) - 1 / scale}
                opacity={0.25 + (0.75 * count) / max}
              />
            ) : null,
          ),
        )}
        <rect
          className="minimap__frame"
          data-testid="minimap-frame"
          x={frame.x}
          y={frame.y}
          width={frame.width}
          height={frame.height}
          vectorEffect="non-scaling-stroke"
        />
      </g>
    </svg>
  );
}

/** Start positions of consecutive sizes after `start`. */
function prefix(sizes: readonly number[], start: number): number[] {
  const out: number[] = [];
  let at = start;
  for (const size of sizes) {
    out.push(at);
    at += size;
  }
  return out;
}

/** Scrolls the board so that the point under the pointer in the overview is in the middle. */
function centreOn(
  element: HTMLDivElement | null,
  event: PointerEvent<SVGSVGElement>,
  scale: number,
  zoom: number,
): void {
  if (!element) return;
  const box = event.currentTarget.getBoundingClientRect();
  const x = (event.clientX - box.left) / scale;
  const y = (event.clientY - box.top) / scale;
  element.scrollTo(x * zoom - element.clientWidth / 2, y * zoom - element.clientHeight / 2);
}
