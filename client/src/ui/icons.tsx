import type { ReactNode } from 'react';

/** A 16 px icon drawn in the text colour; the accessible name goes on the button that holds it. */
function SmallIcon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Three dots: "more options". */
export function MoreIcon() {
  return (
    <SmallIcon>
      <circle cx="3" cy="8" r="1.6" />
      <circle cx="8" cy="8" r="1.6" />
      <circle cx="13" cy="8" r="1.6" />
    </SmallIcon>
  );
}

/** Six dots in two columns: "drag me". */
export function GripIcon() {
  return (
    <SmallIcon>
      <circle cx="5.5" cy="3.5" r="1.4" />
      <circle cx="10.5" cy="3.5" r="1.4" />
      <circle cx="5.5" cy="8" r="1.4" />
      <circle cx="10.5" cy="8" r="1.4" />
      <circle cx="5.5" cy="12.5" r="1.4" />
      <circle cx="10.5" cy="12.5" r="1.4" />
    </SmallIcon>
  );
}

/** A pencil: "edit the text" (the accessible name goes on the button that holds it). */
export function PencilIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M11.7 1.3a1 1 0 0 1 1.4 0l1.6 1.6a1 1 0 0 1 0 1.4l-8.4 8.4-3.6 1 1-3.6z" />
    </svg>
  );
}

/** The icons of the rich-text toolbar, drawn in the text colour, hidden from screen readers. */
function ToolbarIcon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Bold. */
export function BoldIcon() {
  return (
    <ToolbarIcon>
      <path
        d="M4.5 2.5h4.2a2.8 2.8 0 0 1 0 5.6H4.5zM4.5 8.1h5a2.7 2.7 0 0 1 0 5.4h-5z"
        strokeWidth="2"
      />
    </ToolbarIcon>
  );
}

/** Italic. */
export function ItalicIcon() {
  return (
    <ToolbarIcon>
      <path d="M7 2.5h5M4 13.5h5M10 2.5 6.5 13.5" />
    </ToolbarIcon>
  );
}

/** Bulleted list. */
export function BulletListIcon() {
  return (
    <ToolbarIcon>
      <circle cx="2.5" cy="4" r="0.9" fill="currentColor" />
      <circle cx="2.5" cy="8" r="0.9" fill="currentColor" />
      <circle cx="2.5" cy="12" r="0.9" fill="currentColor" />
      <path d="M6 4h8M6 8h8M6 12h8" />
    </ToolbarIcon>
  );
}

/** Numbered list. */
export function OrderedListIcon() {
  return (
    <ToolbarIcon>
      <path
        d="M2 2.8 3 2.2v3.6M1.8 13.8h2.4l-2.3-2.6a1.2 1.2 0 1 1 2-1.1M6.5 4h7.5M6.5 8h7.5M6.5 12h7.5"
        strokeWidth="1.3"
      />
    </ToolbarIcon>
  );
}

/** A link (chain). */
export function LinkIcon() {
  return (
    <ToolbarIcon>
      <path d="M6.8 9.2a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2l-1 1M9.2 6.8a3 3 0 0 0-4.2 0L2.7 9.1a3 3 0 0 0 4.2 4.2l1-1" />
    </ToolbarIcon>
  );
}

/** Undo (arrow back). */
export function UndoIcon() {
  return (
    <ToolbarIcon>
      <path d="M5 3 2 6l3 3M2.5 6H10a4 4 0 0 1 0 8H7" />
    </ToolbarIcon>
  );
}

/** Redo (arrow forward). */
export function RedoIcon() {
  return (
    <ToolbarIcon>
      <path d="m11 3 3 3-3 3M13.5 6H6a4 4 0 0 0 0 8h3" />
    </ToolbarIcon>
  );
}

/** A speech bubble: comments (the accessible name goes on the button that holds it). */
export function CommentIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M2 2.5A1.5 1.5 0 0 1 3.5 1h9A1.5 1.5 0 0 1 14 2.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.2 2.8A.5.5 0 0 1 3 13.4V11h.5A1.5 1.5 0 0 1 2 9.5z" />
    </svg>
  );
}

/** An inbox tray, drawn in the text colour, hidden from screen readers. */
export function InboxIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M1.8 9.2 4 3h8l2.2 6.2V13H1.8z" />
      <path d="M1.8 9.2h3.6l1 1.8h3.2l1-1.8h3.6" />
    </svg>
  );
}

/** Three lines: the menu. */
export function MenuIcon() {
  return (
    <SmallIcon>
      <rect x="2" y="3" width="12" height="1.8" rx="0.9" />
      <rect x="2" y="7.1" width="12" height="1.8" rx="0.9" />
      <rect x="2" y="11.2" width="12" height="1.8" rx="0.9" />
    </SmallIcon>
  );
}
