import * as Y from 'yjs';

/**
 * Depth of a shared type in its document: the number of types above it (a root type such as
 * `cards` is at 0, a card's Y.Map at 1, its body fragment at 2). Parent chains may be 20,000 long,
 * so they are walked with a loop, never recursion; every depth found on the way is memoised in
 * `cache`, so walking all the types of a document stays linear.
 */
export function typeDepth(
  type: Y.AbstractType<unknown>,
  cache: Map<Y.AbstractType<unknown>, number>,
): number {
  const chain: Y.AbstractType<unknown>[] = [];
  let depth = -1; // depth of the type above the last one in `chain` (none above a root)
  for (let t = type; ;) {
    const known = cache.get(t);
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
    if (t) cache.set(t, depth);
  }
  return depth;
}
