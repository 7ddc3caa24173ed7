import type * as Y from 'yjs';
import { recordEntries } from '../doc-schema.ts';
import type { CardId } from '../ids.ts';

/** Deletes every card whose map passes `test` and returns their ids (inside a transaction). */
export function deleteCardsWhere(
  cards: Y.Map<unknown>,
  test: (card: Y.Map<unknown>) => boolean,
): CardId[] {
  const ids = recordEntries(cards)
    .filter(([, m]) => test(m))
    .map(([id]) => id as CardId);
  for (const id of ids) cards.delete(id);
  return ids;
}
