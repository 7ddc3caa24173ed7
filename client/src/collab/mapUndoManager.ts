import * as Y from 'yjs';
import { LOCAL_USER_ORIGIN, mapRootTypes, type MapOrigin } from '../../../shared/index.ts';

/** Events the rich-text editors subscribe to on the undo manager (and leave behind on close). */
const EDITOR_EVENTS = ['stack-item-added', 'stack-item-popped'] as const;

/**
 * One undo history per open map, for MY changes only: the structural operations of `shared/`
 * (which run with `LOCAL_USER_ORIGIN`) and the typing of every rich-text editor (y-tiptap writes
 * with `ySyncPluginKey`). Changes from the server, other people or the local IndexedDB copy
 * have other origins and are never undone here.
 *
 * Every Tiptap editor is given this manager (`Collaboration.configure({ yUndoOptions })`), so
 * Ctrl+Z in a card undoes the last change whatever it was. The editor's code arrives in a chunk
 * of its own (editor/LazyRichTextEditor.tsx), so y-tiptap's origin and delete filter are handed
 * over by the first editor (`trackEditorTyping`): nothing is typed in an editor before one exists. y-tiptap calls `destroy()` when an
 * editor closes; here that only drops the listeners that editor added, and the manager keeps
 * tracking until the map is left (`dispose`).
 */
export class MapUndoManager extends Y.UndoManager {
  /** Listeners registered by the page (not by editors), kept across editor lifetimes. */
  #kept = new Map<string, Set<unknown>>();
  /** The map's root types: what this manager (and each isolated step) tracks. */
  readonly #roots: Array<Y.Map<unknown>>;
  /** The document listeners this manager added, removed on dispose. */
  #docListeners: Array<() => void> = [];

  constructor(doc: Y.Doc) {
    const roots = mapRootTypes(doc);
    super(roots, {
      trackedOrigins: new Set<unknown>([LOCAL_USER_ORIGIN]),
      // As y-tiptap's own manager: 'addToHistory: false' transactions (e.g. the editor's first
      // render) are not recorded.
      captureTransaction: (tr) => tr.meta.get('addToHistory') !== false,
    });
    // A structural operation is one step of its own: it never merges with the typing just
    // before or after it (Y.UndoManager merges changes less than 500 ms apart).
    this.#roots = roots;
    const separate = (tr: Y.Transaction) => {
      if (tr.origin === LOCAL_USER_ORIGIN) this.stopCapturing();
    };
    doc.on('beforeTransaction', separate);
    doc.on('afterTransaction', separate);
    this.#docListeners.push(
      () => doc.off('beforeTransaction', separate),
      () => doc.off('afterTransaction', separate),
    );
  }

  /**
   * Tracks the typing of the rich-text editors (y-tiptap writes with `origin`) and, as y-tiptap's
   * own manager, keeps undo from deleting protected nodes (an emptied paragraph is not a step).
   * Called by each editor as it is set up; the same values every time.
   */
  trackEditorTyping(origin: unknown, deleteFilter: (item: Y.Item) => boolean): void {
    this.trackedOrigins.add(origin);
    this.deleteFilter = deleteFilter;
  }

  /**
   * Runs `run` (a delete, say) as one undo step of its own, under a fresh origin, and returns
   * an `undo` for exactly that step, which works even after later changes (the "Undo" of a
   * toast), and a `release` to call when that undo is no longer offered. Ctrl+Z also undoes
   * the step while it is the latest one; once undone from the toast it leaves the history.
   */
  isolate(run: (origin: MapOrigin) => void): { undo: () => void; release: () => void } {
    const origin: MapOrigin = { source: 'user' };
    const single = new Y.UndoManager(this.#roots, { trackedOrigins: new Set([origin]) });
    let recorded: unknown = null;
    const onAdded = (event: { stackItem: unknown; origin: unknown }) => {
      if (event.origin === origin) recorded = event.stackItem;
    };
    this.addTrackedOrigin(origin);
    this.on('stack-item-added', onAdded);
    this.stopCapturing();
    try {
      run(origin);
    } finally {
      this.stopCapturing();
      this.off('stack-item-added', onAdded);
      this.removeTrackedOrigin(origin);
    }
    return {
      undo: () => {
        single.undo();
        const index = this.undoStack.findIndex((item) => item === recorded);
        if (index >= 0) this.undoStack.splice(index, 1);
        this.emit('stack-cleared', [{ undoStackCleared: false, redoStackCleared: false }]);
      },
      release: () => single.destroy(),
    };
  }

  /** Subscribes a page-level listener, kept when editors close (unlike editors' own listeners). */
  keep<N extends 'stack-item-added' | 'stack-item-popped' | 'stack-cleared'>(
    name: N,
    listener: () => void,
  ): () => void {
    this.on(name, listener);
    let kept = this.#kept.get(name);
    if (!kept) this.#kept.set(name, (kept = new Set()));
    kept.add(listener);
    return () => {
      this.off(name, listener);
      kept.delete(listener);
    };
  }

  /** Called by y-tiptap when an editor closes: forget that editor's listeners, keep tracking. */
  override destroy(): void {
    for (const name of EDITOR_EVENTS) {
      const listeners = this._observers.get(name);
      if (!listeners) continue;
      const kept = this.#kept.get(name);
      for (const listener of [...listeners]) if (!kept?.has(listener)) listeners.delete(listener);
    }
  }

  /** Stops tracking for good (the map page is closing). */
  dispose(): void {
    for (const off of this.#docListeners) off();
    super.destroy();
  }
}
