import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { ownsArrowKeys } from './dnd/index.ts';

/** A cell of the board by position: row under the stage headers, column right of the lane titles. */
export interface ActiveCell {
  readonly row: number;
  readonly column: number;
}

/** Rows PageUp and PageDown move by. */
const PAGE_ROWS = 5;

/** Where focus lands with Enter in a cell: its first control. */
const FOCUSABLE = 'button:not([disabled]), [href], input, select, textarea, [tabindex="0"]';

/** Elements whose own Escape must not be taken over (an editor, a menu, a dialog, a field). */
const OWNS_ESCAPE =
  '[contenteditable="true"], [role="dialog"], [role="menu"], [role="listbox"], input, textarea, select';

/** The cell element of a position (`data-cell="row:column"`), when rendered. */
function cellElement(grid: HTMLElement | null, cell: ActiveCell): HTMLElement | null {
  return grid?.querySelector<HTMLElement>(`[data-cell="${cell.row}:${cell.column}"]`) ?? null;
}

function parseCell(element: Element | null): ActiveCell | null {
  const value = element?.closest('[data-cell]')?.getAttribute('data-cell');
  if (!value) return null;
  const [row, column] = value.split(':').map(Number);
  return row === undefined || column === undefined ? null : { row, column };
}

/**
 * The grid's keyboard, after the ARIA grid pattern: one cell is the tab stop; arrow keys,
 * Home/End (Ctrl for the corners) and PageUp/PageDown move between cells, scrolling the board
 * (cells far away are rendered on the way); Enter goes into the cell's first control; Escape
 * from inside a cell comes back to the cell. The active cell also follows the focus, so the board
 * keeps rendering the cell holding the focus when it scrolls away.
 */
export function useGridKeyboard({
  rows,
  columns,
  grid,
}: {
  rows: number;
  columns: number;
  grid: RefObject<HTMLDivElement | null>;
}) {
  const [active, setActiveState] = useState<ActiveCell | null>(null);
  const focusNext = useRef(false);

  const setActive = useCallback((cell: ActiveCell, focus: boolean) => {
    focusNext.current = focus;
    setActiveState((previous) =>
      previous && previous.row === cell.row && previous.column === cell.column && !focus
        ? previous
        : cell,
    );
  }, []);

  // Focus the new active cell once it is rendered (it may have been far away).
  useEffect(() => {
    if (!focusNext.current || !active) return;
    focusNext.current = false;
    cellElement(grid.current, active)?.focus();
  }, [active, grid]);

  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const cell = parseCell(event.target instanceof Element ? event.target : null);
    if (cell) {
      setActiveState((previous) =>
        previous && previous.row === cell.row && previous.column === cell.column ? previous : cell,
      );
    }
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const target = event.target;
      if (!(target instanceof HTMLElement)) return;
      // Alt+arrows on a grip move the item; during a keyboard drag every key is the drag's.
      if (ownsArrowKeys(event)) return;
      if (target.hasAttribute('data-cell')) {
        const here = parseCell(target);
        if (!here) return;
        let next: ActiveCell;
        const ctrl = event.ctrlKey || event.metaKey;
        switch (event.key) {
          case 'ArrowRight':
            next = { row: here.row, column: here.column + 1 };
            break;
          case 'ArrowLeft':
            next = { row: here.row, column: here.column - 1 };
            break;
          case 'ArrowDown':
            next = { row: here.row + 1, column: here.column };
            break;
          case 'ArrowUp':
            next = { row: here.row - 1, column: here.column };
            break;
          case 'Home':
            next = { row: ctrl ? 0 : here.row, column: 0 };
            break;
          case 'End':
            next = { row: ctrl ? rows - 1 : here.row, column: columns - 1 };
            break;
          case 'PageDown':
            next = { row: here.row + PAGE_ROWS, column: here.column };
            break;
          case 'PageUp':
            next = { row: here.row - PAGE_ROWS, column: here.column };
            break;
          case 'Enter':
          case 'F2': {
            const first = target.querySelector<HTMLElement>(FOCUSABLE);
            if (first) {
              event.preventDefault();
              first.focus();
            }
            return;
          }
          default:
            return;
        }
        if (event.altKey) return; // Alt+arrows move cards and headers, not the focus.
        event.preventDefault();
        setActive(
          {
            row: Math.min(rows - 1, Math.max(0, next.row)),
            column: Math.min(columns - 1, Math.max(0, next.column)),
          },
          true,
        );
        return;
      }
      if (event.key === 'Escape' && !event.defaultPrevented && !target.closest(OWNS_ESCAPE)) {
        const cell = target.closest<HTMLElement>('[data-cell]');
        if (cell) {
          event.preventDefault();
          cell.focus();
        }
      }
    },
    [rows, columns, setActive],
  );

  return { active, setActive, onFocus, onKeyDown };
}
