import type { CardView, StageView } from '../../../shared/index.ts';
import type { CardValidationJson, StageValidationJson, ValidationJson } from './validationJson.ts';

/** The validation summary indexed for the board: one lookup per card and per stage. */
export interface BoardValidation {
  settings: ValidationJson['settings'];
  cards: ReadonlyMap<string, CardValidationJson>;
  stages: ReadonlyMap<string, StageValidationJson>;
}

/** Indexes a summary by card and stage id. */
export function indexValidation(data: ValidationJson): BoardValidation {
  return {
    settings: data.settings,
    cards: new Map(data.cards.map((card) => [card.cardId, card])),
    stages: new Map(data.stages.map((stage) => [stage.stageId, stage])),
  };
}

/**
 * A card's entry, or "assumed, no answers" when the summary does not list it (a card added since,
 * or one no customer has seen yet): every card of a customer-visible lane has a state.
 */
export function cardValidation(board: BoardValidation, cardId: string): CardValidationJson {
  return (
    board.cards.get(cardId) ?? {
      cardId,
      state: 'assumed',
      yes: 0,
      different: 0,
      notMe: 0,
      notes: [],
    }
  );
}

/**
 * A cell's cards with the disputed ones first, each group keeping the map's own order (a stable
 * partition, so the filter never shuffles cards that are not disputed).
 */
export function disputedFirst(
  cards: readonly CardView[],
  board: BoardValidation,
): readonly CardView[] {
  const disputed = cards.filter((card) => board.cards.get(card.id)?.state === 'disputed');
  if (disputed.length === 0 || disputed.length === cards.length) return cards;
  return [...disputed, ...cards.filter((card) => board.cards.get(card.id)?.state !== 'disputed')];
}

/** One stage's point of the customers' curve: their average feeling and how many answered. */
export interface CustomerPoint {
  mean: number | null;
  count: number;
}

/**
 * The customers' emotion curve in the board's stage order, or null when no customer has said how
 * any stage felt (the curve is hidden then).
 */
export function customerCurve(
  stages: readonly StageView[],
  board: BoardValidation,
): CustomerPoint[] | null {
  const points = stages.map((stage): CustomerPoint => {
    const emotion = board.stages.get(stage.id)?.emotion;
    return emotion && emotion.count > 0
      ? { mean: emotion.mean, count: emotion.count }
      : { mean: null, count: 0 };
  });
  return points.some((point) => point.count > 0) ? points : null;
}
