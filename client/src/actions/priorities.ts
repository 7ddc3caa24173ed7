import { weightedPriorityScore, type MapView } from '../../../shared/index.ts';
import type { CardPriority } from './followUp.ts';

/**
 * The priority of each prioritised card of a map: its score under the map's weights (as the
 * priorities page and the export rank them) and its effort (mean of time and cost to fix).
 */
export function cardPriorities(view: MapView): Map<string, CardPriority> {
  const priorities = new Map<string, CardPriority>();
  for (const card of view.cards) {
    if (!card.priority) continue;
    const { timeToFix, costToFix } = card.priority;
    priorities.set(card.id, {
      score: weightedPriorityScore(card.priority, view.meta.priorityWeights),
      effort: (timeToFix + costToFix) / 2,
    });
  }
  return priorities;
}
