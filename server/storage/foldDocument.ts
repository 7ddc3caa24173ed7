import * as Y from 'yjs';

/**
 * Largest overhead of a folded snapshot over the live state before it is rebuilt: a quarter of the
 * state, plus a little so that tiny documents are not rebuilt for a few bytes.
 */
const SLACK_RATIO = 1.25;
const SLACK_BYTES = 4096;

/**
 * The new snapshot of a compaction (every adapter's DocumentLog.compact uses it): the merge of the
 * stored snapshot, the log rows read and `state`, the compacting process's full copy.
 *
 * `Y.mergeUpdates` is cheap (no document is built) but keeps the content of deleted items that its
 * inputs still carry: folding an old snapshot into the new one would then keep everything ever
 * deleted, and snapshots would only grow. So when the merge outgrows `state` by more than
 * SLACK_RATIO it is rebuilt through a Y.Doc, whose garbage collection drops deleted content. In
 * the common case (one process, whose state already holds the snapshot and every row) the merge is
 * about the size of `state` and no document is built.
 */
export function foldDocument(stored: readonly Uint8Array[], state: Uint8Array): Uint8Array {
  const updates = [...stored, state];
  const merged = Y.mergeUpdates(updates);
  if (merged.length <= state.length * SLACK_RATIO + SLACK_BYTES) return merged;
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
