import * as Y from 'yjs';
import { typeDepth } from '../collab/guards/typeDepth.ts';

/**
 * Depth of every shared type held by an item of `doc`, as `guards/updateDepth.ts` counts it: a
 * root type (`cards`) is at 0, a card's Y.Map at 1, its body fragment at 2 (see typeDepth).
 */
export function typeItemDepths(doc: Y.Doc): Map<Y.Item, number> {
  const typeDepths = new Map<Y.AbstractType<unknown>, number>();
  const depthOf = (type: Y.AbstractType<unknown>): number => typeDepth(type, typeDepths);

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
