import type { ReactNode } from 'react';

interface MenuItemProps {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
  /** Why the item is disabled. */
  hint?: string;
}

/**
 * One action in a header menu. Disabled items stay focusable (aria-disabled) so the focus is not
 * lost when, say, a stage reaches the end and "move right" stops applying.
 */
export function MenuItem({
  children,
  onClick,
  disabled = false,
  danger = false,
  hint,
}: MenuItemProps) {
  return (
    <button
      type="button"
      className={`menu__item${danger ? ' menu__item--danger' : ''}`}
      aria-disabled={disabled}
      title={hint}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {children}
    </button>
  );
}
