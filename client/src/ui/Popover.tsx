import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';

/** Space kept between a popover and the edges of the window, in px. */
const EDGE = 8;
/** Gap between the trigger and the popover, in px. */
const GAP = 4;

const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

interface PopoverProps {
  /** Accessible name of the trigger button and of the panel. */
  label: string;
  /** What the trigger shows: an icon (then `label` names it) or a short text. */
  trigger: ReactNode;
  /** Class of the trigger button. */
  triggerClassName?: string;
  /** Extra class of the floating panel. */
  className?: string;
  /** `group` for a small menu of actions (arrow keys move between them), `dialog` for a form. */
  role?: 'group' | 'dialog';
  /** Which edge of the trigger the panel lines up with. */
  align?: 'start' | 'end';
  /** data-testid of the panel. */
  testId?: string;
  /** The panel's content; `close()` hides it and puts the focus back on the trigger. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button that opens a small floating panel next to it (a header menu, a card's details).
 * The panel is rendered in <body> so it is never clipped by the board's scrolling or covered by
 * sticky headers, and it follows the trigger when the board re-renders (a stage moved). Focus goes
 * to the first control; Escape, a click outside or tabbing past either end closes it (and the
 * focus goes back to the trigger).
 */
export function Popover({
  label,
  trigger: triggerContent,
  triggerClassName,
  className,
  role = 'group',
  align = 'start',
  testId,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  // State, not a ref: `close` is handed to the content while rendering.
  const [trigger, setTrigger] = useState<HTMLButtonElement | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const close = useCallback(() => {
    setOpen(false);
    trigger?.focus();
  }, [trigger]);

  const place = useCallback(() => {
    const panel = panelRef.current;
    if (!trigger || !panel) return;
    const anchor = trigger.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const height = window.innerHeight;
    panel.style.maxHeight = `${height - 2 * EDGE}px`;
    const w = panel.offsetWidth;
    const h = panel.offsetHeight;
    const preferred = align === 'end' ? anchor.right - w : anchor.left;
    const left = Math.max(EDGE, Math.min(preferred, width - EDGE - w));
    let top = anchor.bottom + GAP;
    if (top + h > height - EDGE) {
      const above = anchor.top - GAP - h;
      if (above >= EDGE) top = above;
    }
    // Always inside the window, even when the trigger has scrolled out of it.
    top = Math.max(EDGE, Math.min(top, height - EDGE - h));
    panel.style.left = `${left}px`;
    panel.style.top = `${top}px`;
  }, [align, trigger]);

  // Re-placed after every render: the trigger may have moved (a stage moved left or right).
  useLayoutEffect(() => {
    if (open) place();
  });

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>(`[data-autofocus], ${FOCUSABLE}`)?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panelRef.current?.contains(target) || trigger?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open, place, trigger]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    const items = [...(panelRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (event.key === 'Tab') {
      // The panel lives at the end of <body>: tabbing out of it goes back to its trigger.
      const edge = event.shiftKey ? items[0] : items.at(-1);
      if (edge === undefined || document.activeElement === edge) {
        event.preventDefault();
        close();
      }
      return;
    }
    if (role !== 'group' || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    if (items.length === 0) return;
    event.preventDefault();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(current + step + items.length) % items.length]?.focus();
  };

  return (
    <>
      <button
        ref={setTrigger}
        type="button"
        className={triggerClassName}
        aria-label={label}
        title={label}
        aria-haspopup={role === 'dialog' ? 'dialog' : 'true'}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (open && event.key === 'Escape') onKeyDown(event);
        }}
      >
        {triggerContent}
      </button>
      {open &&
        createPortal(
          <div
            ref={panelRef}
            id={id}
            role={role}
            aria-label={label}
            className={`popover ${className ?? ''}`}
            data-testid={testId}
            onKeyDown={onKeyDown}
            onBlur={(event) => {
              const next = event.relatedTarget as Node | null;
              // Null: the focused control was removed (the panel changed step); keep it open.
              if (next && !event.currentTarget.contains(next) && next !== trigger) {
                setOpen(false);
              }
            }}
          >
            {children(close)}
          </div>,
          document.body,
        )}
    </>
  );
}
