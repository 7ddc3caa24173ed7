import type * as Y from 'yjs';

/**
 * Runs `apply` (which applies stored state to `doc`) while the document has no `update`
 * listeners, then gives them back. Yjs encodes every transaction once more for those listeners;
 * while a document loads, the only one is Hocuspocus's, which buffers the update for a broadcast
 * to nobody (QuietLoadExtension empties that buffer). For the 2,400-card map that encoding and
 * its garbage made the load's apply about twice as long (Node, bench/collab/bigMap.ts: 110-140 ms
 * against 35-85 ms), with the server's event loop blocked meanwhile.
 *
 * Only for a load: a change applied this way reaches no listener, so it is neither logged nor
 * broadcast. Listeners added while `apply` runs are kept.
 */
export function withoutUpdateListeners(doc: Y.Doc, apply: () => void): void {
  // lib0's Observable keeps its listeners by event name in `_observers` (public in its types).
  const observers = doc._observers;
  const listeners = observers.get('update');
  observers.delete('update');
  try {
    apply();
  } finally {
    if (listeners) {
      const added = observers.get('update');
      if (added) for (const listener of added) listeners.add(listener);
      observers.set('update', listeners);
    }
  }
}
