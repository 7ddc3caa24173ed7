import type { MapView } from '../../../shared/index.ts';
import type { CardPriority } from './followUp.ts';

/** The priority of each prioritised card of a map: score and effort (mean of time and cost). */
export function cardPriorities(view: MapView): Map<string, CardPriority> {
  const priorities = new Map<string, CardPriority>();
  for (const card of view.cards) {
    if (!card.priority) continue;
    const { score, timeToFix, costToFix } = card.priority;
    priorities.set(card.id, { score, effort: (timeToFix + costToFix) / 2 });
  }
  return priorities;
}
