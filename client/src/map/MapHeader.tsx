import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { MenuIcon } from '../ui/icons.tsx';

interface MapHeaderProps {
  /** The map's title (empty while loading). */
  title: string;
  /** The map's state and read-only tags. */
  info: ReactNode;
  /** Undo/redo, who is here and the departments: before the connection status on a wide screen. */
  presence: ReactNode;
  /** The connection status, always in the bar. */
  connection: ReactNode;
  /** Personas, comments, since, validation, members, the user menu and the language switch. */
  tools: ReactNode;
  /** My unread comments, repeated on the Menu button: the comments button is inside the menu. */
  unread: number;
  /** True while a side panel or a dialog covers the board (opened from the menu, or not). */
  covered: boolean;
}

/** True when the element is laid out (not inside a closed menu or a display:none rule). */
function shown(element: Element | null): element is HTMLElement {
  return element instanceof HTMLElement && element.getClientRects().length > 0;
}

/**
 * The map page's top bar. One tree for every width: on a wide screen the menu's panel is
 * `display: contents` and its groups sit in the bar as they always did (CSS `order` puts the
 * connection status between the people and the tools); at 640 px and less the bar is one line —
 * back link, title, connection, "Menu" — and the panel drops under it with everything else.
 * Keeping a single copy of each control matters: the undo buttons own Ctrl+Z, the comments button
 * is where the comments panel gives the focus back.
 */
export function MapHeader({
  title,
  info,
  presence,
  connection,
  tools,
  unread,
  covered,
}: MapHeaderProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  // Inside: the panel, the Menu button, and the floating popovers opened from the panel (the
  // departments list), which live at the end of <body>.
  const inside = useCallback(
    (node: EventTarget | null) =>
      node instanceof Node &&
      (!!panel.current?.contains(node) ||
        !!button.current?.contains(node) ||
        (node instanceof Element && !!node.closest('.popover'))),
    [],
  );

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!inside(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // A popover opened from the menu handles its own Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, inside]);

  // A panel or dialog opened from the menu covers the board: the menu steps aside (set while
  // rendering, React's way to follow a prop).
  const [wasCovered, setWasCovered] = useState(covered);
  if (covered !== wasCovered) {
    setWasCovered(covered);
    if (covered) setOpen(false);
  }

  // The focus was on a button the closed menu now hides: it goes into the sheet. When the sheet
  // closes and the focus has nowhere visible to go back to, it lands on the Menu button.
  const firstRun = useRef(true);
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    // After the panels' own focus moves (the comments panel's run in an animation frame too).
    const frame = requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (!shown(button.current) || (focused !== document.body && shown(focused))) return;
      if (covered) {
        document.querySelector<HTMLElement>('.side-panel .side-panel__head button')?.focus();
      } else {
        button.current.focus();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [covered]);

  return (
    <header className={`topbar map-topbar${open ? ' map-topbar--open' : ''}`}>
      <Link href="/" className="topbar__back">
        ← <span className="topbar__back-word">{t('map.back')}</span>
      </Link>
      <h1 className="topbar__title" data-testid="map-title">
        {title}
      </h1>
      <span className="topbar__spacer" />
      <div className="map-topbar__connection">{connection}</div>
      <button
        ref={button}
        type="button"
        className="topbar__button map-topbar__menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="map-menu-button"
        // A disclosure: the focus stays here and Tab goes on into the panel, which follows.
        onClick={() => setOpen(!open)}
      >
        <MenuIcon />
        <span>{t('phone.menu')}</span>
        {unread > 0 && (
          <span className="map-topbar__unread" data-testid="map-menu-unread">
            {unread}
            <span className="visually-hidden">
              {' '}
              {t(unread === 1 ? 'phone.unreadOne' : 'phone.unreadMany')}
            </span>
          </span>
        )}
      </button>
      <div
        ref={panel}
        id={panelId}
        className="map-topbar__menu"
        data-testid="map-menu"
        onBlur={(event) => {
          // Tabbing out of the menu closes it; null: the focused control went away, keep it.
          if (open && event.relatedTarget && !inside(event.relatedTarget)) setOpen(false);
        }}
      >
        <div className="map-topbar__group map-topbar__group--info">{info}</div>
        <div className="map-topbar__group map-topbar__group--presence">{presence}</div>
        <div className="map-topbar__group map-topbar__group--tools">{tools}</div>
      </div>
    </header>
  );
}
