import { useEffect, useState } from 'react';
import type { MapUndoManager } from './mapUndoManager.ts';

/** Whether there is something to undo and redo, kept up to date. */
export function useUndoState(undo: MapUndoManager): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    const refresh = () =>
      setState({ canUndo: undo.undoStack.length > 0, canRedo: undo.redoStack.length > 0 });
    refresh();
    const offs = [
      undo.keep('stack-item-added', refresh),
      undo.keep('stack-item-popped', refresh),
      undo.keep('stack-cleared', refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [undo]);
  return state;
}
