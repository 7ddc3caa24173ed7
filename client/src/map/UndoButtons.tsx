import { useEffect } from 'react';
import type { MapUndoManager } from '../collab/mapUndoManager.ts';
import { useUndoState } from '../collab/useUndoState.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { RedoIcon, UndoIcon } from '../ui/icons.tsx';

/** True for fields that have their own undo (text inputs; rich editors use this same history). */
function ownsUndo(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'INPUT' ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT')
  );
}

/**
 * Undo and redo of MY changes on the map (text and structure), as buttons in the top bar and as
 * Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y anywhere on the page outside a text field.
 */
export function UndoButtons({ undo }: { undo: MapUndoManager }) {
  const { t } = useI18n();
  const { canUndo, canRedo } = useUndoState(undo);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented) return;
      if (ownsUndo(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        undo.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  return (
    <div className="undo" role="group" aria-label={`${t('undo.undo')} / ${t('undo.redo')}`}>
      <button
        type="button"
        className="topbar__button undo__button"
        disabled={!canUndo}
        title={t('undo.undoHint')}
        aria-label={t('undo.undoHint')}
        onClick={() => undo.undo()}
      >
        <UndoIcon />
      </button>
      <button
        type="button"
        className="topbar__button undo__button"
        disabled={!canRedo}
        title={t('undo.redoHint')}
        aria-label={t('undo.redoHint')}
        onClick={() => undo.redo()}
      >
        <RedoIcon />
      </button>
    </div>
  );
}
