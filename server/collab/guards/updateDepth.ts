import * as Y from 'yjs';
import { typeDepth } from './typeDepth.ts';

/**
 * How deep the shared types a Yjs update inserts would sit in a document, computed from the
 * decoded update and the live document WITHOUT applying the update.
 *
 * Depth counts the types above a type: a root type (`cards`) is at 0, a card's Y.Map at 1, its
 * body fragment at 2, a paragraph at 3. A Tiptap body with nested lists stays far below 64.
 *
 * An item names its parent only when it has no neighbour (`parent` is a root name or the ID of
 * the item holding the parent type); otherwise it inherits the parent of its left (`origin`) or
 * right (`rightOrigin`) neighbour, as in Yjs's `Item.getMissing`. Each neighbour or parent is
 * either in the live document, earlier in the same update, or nowhere (a missing dependency).
 * Chains inside an update may be as long as the update allows, so they are followed with a loop,
 * never recursion.
 */

/** The deepest inserted type, or why the depth cannot be known. */
export type UpdateDepth =
  /** Depth of the deepest type the update inserts (-1 when it inserts none). */
  | { kind: 'depth'; depth: number }
  /** A type whose ancestors are neither in the document nor in the update (see below). */
  | { kind: 'unresolved' };

/** A depth, or: Yjs will garbage-collect the item on arrival (a neighbour or parent was GC'd). */
type Resolved = number | 'dropped' | 'unresolved';

/** One step of a chain inside the update: "my parent depth is `next`'s plus `offset`". */
type Step = { value: Resolved } | { next: Y.Item; offset: 0 | 1 };

/**
 * The depth of the deepest type `structs` (a decoded update) would insert into `doc`.
 *
 * A type whose ancestry cannot be resolved is reported as `unresolved`: Yjs would keep it pending
 * and integrate it once the missing item arrives, so accepting it would let a client build any
 * depth out of shallow updates sent in reverse order. Honest providers never send such a type: a
 * sync step 2 carries everything the server lacks, and later updates only build on items the
 * server already holds (messages of one connection are applied in order).
 */
export function deepestInsertedType(
  structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
  doc: Y.Doc,
): UpdateDepth {
  const inUpdate = indexByClient(structs);
  const docDepths = new Map<Y.AbstractType<unknown>, number>();
  const parentDepths = new Map<Y.Item, Resolved>();

  /** The struct holding `id`: the document's if it has that clock, else the update's. */
  const lookup = (id: Y.ID): Y.Item | Y.GC | Y.Skip | 'doc-gc' | null => {
    const clients = doc.store.clients.get(id.client);
    if (clients && id.clock < Y.getState(doc.store, id.client)) {
      const struct = clients[Y.findIndexSS(clients, id.clock)];
      if (struct instanceof Y.Item) return struct;
      return 'doc-gc';
    }
    return findInUpdate(inUpdate, id);
  };

  /** Depth of a type already in the document: the number of types above it (memoised). */
  const typeDepthInDoc = (type: Y.AbstractType<unknown>): number => typeDepth(type, docDepths);

  /** Parent depth of an item given by a document struct, or the next link of the chain. */
  const viaStruct = (
    struct: ReturnType<typeof lookup>,
    asParent: boolean,
  ): Step | { value: 'dropped' | 'unresolved' } => {
    if (struct === null || struct instanceof Y.Skip) return { value: 'unresolved' };
    if (struct === 'doc-gc' || struct instanceof Y.GC) return { value: 'dropped' };
    if (struct.parent instanceof Y.AbstractType) {
      // An integrated item: the depth of the type it sits in (+1 for the type it holds).
      const parentDepth = typeDepthInDoc(struct.parent as Y.AbstractType<unknown>);
      return { value: asParent ? parentDepth + 1 : parentDepth };
    }
    return { next: struct, offset: asParent ? 1 : 0 };
  };

  /** The single step that decides an update item's parent depth. */
  const step = (item: Y.Item): Step => {
    const parent = item.parent;
    if (typeof parent === 'string') return { value: 0 };
    if (parent instanceof Y.ID) return viaStruct(lookup(parent), true);
    const left = item.origin ? lookup(item.origin) : undefined;
    const right = item.rightOrigin ? lookup(item.rightOrigin) : undefined;
    if (left === null || right === null) return { value: 'unresolved' };
    const gc = (s: typeof left) => s === 'doc-gc' || s instanceof Y.GC;
    if (gc(left) || gc(right)) return { value: 'dropped' };
    const neighbour = left ?? right;
    if (neighbour === undefined) return { value: 'unresolved' };
    return viaStruct(neighbour, false);
  };

  /** Parent depth of an update item, following its chain with a loop. */
  const parentDepth = (start: Y.Item): Resolved => {
    const path: Array<{ item: Y.Item; offset: 0 | 1 }> = [];
    const onPath = new Set<Y.Item>();
    let result: Resolved | undefined;
    for (let item: Y.Item = start; result === undefined;) {
      const known = parentDepths.get(item);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (onPath.has(item)) {
        result = 'unresolved'; // a cycle: no valid update has one
        break;
      }
      onPath.add(item);
      const s = step(item);
      if ('value' in s) {
        parentDepths.set(item, s.value);
        result = s.value;
        break;
      }
      path.push({ item, offset: s.offset });
      item = s.next;
    }
    // Unwind: each item's parent depth is the next one's plus its offset.
    for (let i = path.length - 1; i >= 0; i--) {
      const link = path[i];
      if (!link) continue;
      if (typeof result === 'number') result += link.offset;
      parentDepths.set(link.item, result);
    }
    return parentDepths.get(start) ?? result;
  };

  let deepest = -1;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
    const depth = parentDepth(struct);
    if (depth === 'unresolved') return { kind: 'unresolved' };
    if (depth !== 'dropped' && depth + 1 > deepest) deepest = depth + 1;
  }
  return { kind: 'depth', depth: deepest };
}

/** The update's structs of each client, in clock order (as Yjs encodes them). */
function indexByClient(
  structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
): Map<number, Array<Y.Item | Y.GC | Y.Skip>> {
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

/** The update struct whose clock range holds `id`, by binary search, or null. */
function findInUpdate(
  byClient: Map<number, Array<Y.Item | Y.GC | Y.Skip>>,
  id: Y.ID,
): Y.Item | Y.GC | Y.Skip | null {
  const list = byClient.get(id.client);
  if (!list) return null;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid];
    if (!struct) return null;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return null;
}
