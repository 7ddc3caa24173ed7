import type { ReactNode } from 'react';

interface SidePanelProps {
  /** Names the panel: id `<name>-panel`, class `<name>-panel`, test id `<name>-panel`. */
  name: string;
  title: string;
  /** Accessible name of the close button. */
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * One side panel of the map page (since your last visit, validation, history, voting, silos): a
 * complementary region named by its title, with a close button in its head (the map page's top
 * bar gives that button the focus when the panel opens from its menu).
 */
export function SidePanel({ name, title, closeLabel, onClose, children }: SidePanelProps) {
  return (
    <aside
      id={`${name}-panel`}
      className={`side-panel ${name}-panel`}
      aria-labelledby={`${name}-title`}
      data-testid={`${name}-panel`}
    >
      <header className="side-panel__head">
        <h2 id={`${name}-title`}>{title}</h2>
        <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
