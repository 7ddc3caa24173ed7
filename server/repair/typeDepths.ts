import * as Y from 'yjs';

/**
 * Depth of every shared type held by an item of `doc`, as `guards/updateDepth.ts` counts it: a
 * root type (`cards`) is at 0, a card's Y.Map at 1, its body fragment at 2. Chains of parents may
 * be 20,000 long, so they are walked with a loop and memoised, never with recursion.
 */
export function typeItemDepths(doc: Y.Doc): Map<Y.Item, number> {
  const typeDepths = new Map<Y.AbstractType<unknown>, number>();
  const depthOf = (type: Y.AbstractType<unknown>): number => {
    const chain: Y.AbstractType<unknown>[] = [];
    let depth = -1; // depth of the type above the last one in `chain` (none above a root)
    for (let t = type; ;) {
      const known = typeDepths.get(t);
      if (known !== undefined) {
        depth = known;
        break;
      }
      chain.push(t);
      const parent: unknown = t._item?.parent;
      if (!(parent instanceof Y.AbstractType)) break;
      t = parent as Y.AbstractType<unknown>;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      depth += 1;
      const t = chain[i];
      if (t) typeDepths.set(t, depth);
    }
    return depth;
  };

  const depths = new Map<Y.Item, number>();
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) {
        depths.set(struct, depthOf(struct.content.type as Y.AbstractType<unknown>));
      }
    }
  }
  return depths;
}
