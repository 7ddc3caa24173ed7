import type * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { storeState, type IndexeddbPersistence } from 'y-indexeddb';
import { whenIdle } from '../perf/whenIdle.ts';

/** The latest the local copy stores what the first sync brought (ms), even on a busy page. */
const STORE_WITHIN_MS = 1_000;

/**
 * Spares the map's first sync a second encoding. The server's first answer holds all that the
 * page's copy lacks: on a first visit, the whole map (about 1 MB for 2,400 cards). Yjs encodes
 * every transaction again for the document's `update` listeners, and on the map document there
 * are two: the provider, which ignores what it applied itself, and the local copy (y-indexeddb),
 * which stores it. In Chromium that encoding and its garbage took about 90 ms of the 335 ms the
 * big map's first sync kept the page busy before the board could render (bench/editor).
 *
 * So for the first sync's transaction both listeners are set aside, and the local copy stores the
 * whole state in one go once the page is idle (`storeState` encodes the document directly, about
 * a third of the cost), at the latest STORE_WITHIN_MS later, or at once when the page is hidden.
 * Until then the local copy lacks only what the server has; the person's own edits are stored as
 * they are made, as before. Returns the function that stops this (and stores what is pending).
 */
export function quietFirstSync(
  doc: Y.Doc,
  provider: HocuspocusProvider,
  local: IndexeddbPersistence,
): () => void {
  const listeners = [provider.boundDocumentUpdateHandler, local._storeUpdate];
  let done = false;
  let pending = false;
  let cancelStore: (() => void) | null = null;

  const store = () => {
    if (!pending) return;
    pending = false;
    cancelStore?.();
    cancelStore = null;
    document.removeEventListener('visibilitychange', storeWhenHidden);
    // A copy not open yet stores the whole state itself once open; one closed or cleared
    // meanwhile (the map left, access lost) has nothing to store.
    if (!local.db || local._destroyed) return;
    storeState(local).catch(() => undefined);
  };
  const storeWhenHidden = () => {
    if (document.visibilityState === 'hidden') store();
  };

  // Only the page's first sync: a reconnection's answer is what others changed meanwhile.
  // Yjs emits afterTransactionCleanup just before it encodes a transaction for `update`
  // listeners, and afterAllTransactions once the last queued transaction was emitted. A
  // transaction queued behind the sync (one an observer started) must not miss them: they are
  // back before its own encoding.
  let asideFor: Y.Transaction | null = null;
  const restore = () => {
    if (!asideFor) return;
    asideFor = null;
    for (const listener of listeners) doc.on('update', listener);
    if (pending) return;
    pending = true;
    cancelStore = whenIdle(store, STORE_WITHIN_MS);
    document.addEventListener('visibilitychange', storeWhenHidden);
  };
  const beforeEncoding = (transaction: Y.Transaction) => {
    if (asideFor && transaction !== asideFor) restore();
    if (done || transaction.origin !== provider || provider.isSynced) return;
    for (const listener of listeners) doc.off('update', listener);
    asideFor = transaction;
    done = true;
  };
  const afterEncoding = () => restore();
  doc.on('afterTransactionCleanup', beforeEncoding);
  doc.on('afterAllTransactions', afterEncoding);

  return () => {
    doc.off('afterTransactionCleanup', beforeEncoding);
    doc.off('afterAllTransactions', afterEncoding);
    store();
  };
}
