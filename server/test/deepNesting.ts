import * as Y from 'yjs';

/** The updates of a card body poisoned before the depth guard existed (issue 8). */
export interface DeepNestingUpdates {
  /** Nests the elements, one inside the other, at the end of the body. */
  nest: Uint8Array;
  /** Deletes the nested elements, as a tool could (innermost first); with gc on, this state
   * no longer loads. */
  remove: Uint8Array;
}

/**
 * Builds, on a `gc: false` replica of `updates`, one update nesting `levels` XML elements inside
 * the fragment `body` picks, and one deleting them again. Neither passes the server's guards: tests
 * write them straight into the DocumentStore, as a map stored before the guard holds them.
 */
export function deepNestingUpdates(
  updates: readonly Uint8Array[],
  body: (replica: Y.Doc) => Y.XmlFragment,
  levels: number,
): DeepNestingUpdates {
  const replica = new Y.Doc({ gc: false });
  for (const update of updates) Y.applyUpdate(replica, update);
  const fragment = body(replica);
  const beforeNest = Y.encodeStateVector(replica);
  const chain: Y.XmlElement[] = [];
  replica.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < levels; i++) {
      const child = new Y.XmlElement('blockquote');
      parent.insert(parent.length, [child]);
      chain.push(child);
      parent = child;
    }
  });
  const nest = Y.encodeStateAsUpdate(replica, beforeNest);
  const beforeRemove = Y.encodeStateVector(replica);
  replica.transact((transaction) => {
    for (let i = chain.length - 1; i >= 0; i--) chain[i]?._item?.delete(transaction);
  });
  // Only the delete set: the state vector did not move.
  const remove = Y.encodeStateAsUpdate(replica, beforeRemove);
  return { nest, remove };
}
