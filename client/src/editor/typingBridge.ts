/**
 * Catches what a person types while their editor is being re-created (for instance, a card
 * kept after a colleague deleted its stage moves to the unplaced tray): keys that reach no
 * editable element are held and handed to the next editor, so not one character is lost.
 */
export interface TypingBridge {
  /** The text typed since the bridge opened (Backspace removes the last held character). */
  take(): string;
  /** Stops catching keys. */
  close(): void;
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
  );
}

/** Opens a bridge that holds keys typed outside any editable element until taken or closed. */
export function openTypingBridge(): TypingBridge {
  let held = '';
  const onKey = (event: KeyboardEvent) => {
    if (isEditable(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) held += event.key;
    else if (event.key === 'Backspace') held = held.slice(0, -1);
    else return;
    event.preventDefault();
  };
  window.addEventListener('keydown', onKey, true);
  return {
    take: () => {
      const text = held;
      held = '';
      return text;
    },
    close: () => window.removeEventListener('keydown', onKey, true),
  };
}
