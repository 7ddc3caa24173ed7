import * as Y from 'yjs';
import type { StoredDocument } from '../storage/storage.ts';
import { splitUpdate, type SplitUpdate } from './structsOnly.ts';
import { typeItemDepths } from './typeDepths.ts';

/** What pruning found in one document. */
export interface PruneResult {
  /** Depth of the deepest shared type found (root types at 0; -1 when the document has none). */
  deepestDepth: number;
  /** Shared types nested deeper than the limit, now deleted and garbage-collected. */
  removedTypes: number;
  /** The repaired full state (loads with gc on); null when nothing was deeper than the limit. */
  state: Uint8Array | null;
}

/**
 * Removes every shared type nested deeper than `limit` from a stored document, keeping the rest.
 *
 * Yjs deletes and garbage-collects a type's subtree recursively (ContentType.delete / .gc ->
 * Item.delete / .gc -> ...), one stack frame per level, so a 20,000-deep body overflows the stack
 * when it is deleted or when a document holding its deletion loads with gc on. Here every step is
 * shallow:
 *  1. the stored updates are integrated into a `gc: false` document structs first, their delete
 *     sets held back (applying one deletes a subtree recursively);
 *  2. every type to delete (the too-deep ones, the ones the updates delete, and what lies below
 *     either) is deleted from the deepest upwards, so each delete finds its child types already
 *     deleted; then the full updates are applied again, and their delete sets only reach what is
 *     left (text, shallow items);
 *  3. every deleted type is garbage-collected from the deepest upwards: after `Item.gc` a type's
 *     children are gone (`_start` null, `_map` empty), so its parent's gc does not descend.
 * The deletes are ordinary Yjs deletes of the same item ids, so a replica still holding the old
 * state cannot bring the subtree back: its items are known (skipped) and stay deleted.
 */
export function pruneDeepTypes(stored: StoredDocument, limit: number): PruneResult {
  const updates = stored.snapshot ? [stored.snapshot, ...stored.tail] : [...stored.tail];
  const split = updates.map(splitUpdate);
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const { structs } of split) Y.applyUpdate(doc, structs);
  });

  const depths = typeItemDepths(doc);
  let deepestDepth = -1;
  let removedTypes = 0;
  for (const depth of depths.values()) {
    if (depth > deepestDepth) deepestDepth = depth;
    if (depth > limit) removedTypes += 1;
  }
  if (deepestDepth <= limit) return { deepestDepth, removedTypes: 0, state: null };

  const doomed = doomedTypeItems(depths, typeItemsDeletedBy(doc, split), limit);
  const deepestFirst = (a: Y.Item, b: Y.Item) => (depths.get(b) ?? 0) - (depths.get(a) ?? 0);
  doomed.sort(deepestFirst);
  doc.transact((transaction) => {
    for (const item of doomed) item.delete(transaction);
  });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });

  const deleted = [...depths.keys()].filter((item) => item.deleted && !item.keep);
  deleted.sort(deepestFirst);
  for (const item of deleted) item.gc(doc.store, false);

  // Proof before anything is written: the result loads with gc on and is within the limit.
  const check = new Y.Doc();
  Y.applyUpdate(check, Y.encodeStateAsUpdate(doc));
  let deepestLeft = -1;
  for (const [item, depth] of typeItemDepths(check)) {
    if (!item.deleted && depth > deepestLeft) deepestLeft = depth;
  }
  if (deepestLeft > limit) {
    throw new Error(`pruning left a type at depth ${deepestLeft} (limit ${limit})`);
  }
  return { deepestDepth, removedTypes, state: Y.encodeStateAsUpdate(check) };
}

/** The type items (of `doc`) that the updates' delete sets delete. */
function typeItemsDeletedBy(doc: Y.Doc, split: readonly SplitUpdate[]): Set<Y.Item> {
  const found = new Set<Y.Item>();
  for (const { deletes } of split) {
    for (const [client, ranges] of deletes) {
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      for (const { clock, len } of ranges) {
        if (clock >= Y.getState(doc.store, client)) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i];
          if (!struct || struct.id.clock >= clock + len) break;
          if (struct instanceof Y.Item && struct.content instanceof Y.ContentType)
            found.add(struct);
        }
      }
    }
  }
  return found;
}

/**
 * The type items to delete: deeper than the limit, deleted by an update, or inside a type that
 * is (Yjs would delete those recursively). Walked up with a memoised loop.
 */
function doomedTypeItems(
  depths: ReadonlyMap<Y.Item, number>,
  deletedByUpdates: ReadonlySet<Y.Item>,
  limit: number,
): Y.Item[] {
  const inDeleted = new Map<Y.Item, boolean>();
  const isInDeleted = (start: Y.Item): boolean => {
    const chain: Y.Item[] = [];
    let answer = false;
    for (let item: Y.Item | null = start; item;) {
      const known = inDeleted.get(item);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (deletedByUpdates.has(item)) {
        answer = true;
        inDeleted.set(item, true);
        break;
      }
      chain.push(item);
      const parent: unknown = item.parent;
      item = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>)._item : null;
    }
    for (const item of chain) inDeleted.set(item, answer);
    return answer;
  };
  const doomed: Y.Item[] = [];
  for (const [item, depth] of depths) {
    if (depth > limit || isInDeleted(item)) doomed.push(item);
  }
  return doomed;
}
