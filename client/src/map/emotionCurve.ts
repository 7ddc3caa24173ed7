import {
  EMOTION_MAX,
  type CardView,
  type LaneView,
  type StageView,
} from '../../../shared/index.ts';

/**
 * Average emotion score of each stage's cards in one emotions lane; null where none is scored.
 * `cardsIn` gives a cell's cards (e.g. `IncrementalMap.cell`, which is cached per cell).
 */
export function emotionScores(
  stages: readonly StageView[],
  lane: LaneView,
  cardsIn: (stage: StageView, lane: LaneView) => readonly CardView[],
): (number | null)[] {
  return stages.map((stage) => {
    const scores = cardsIn(stage, lane)
      .map((card) => card.emotion)
      .filter((score): score is number => score !== undefined);
    if (scores.length === 0) return null;
    return scores.reduce((sum, score) => sum + score, 0) / scores.length;
  });
}

/** Vertical position in percent (0 = top) of a score: +2 near the top, -2 near the bottom. */
export function scoreToY(score: number): number {
  return 50 - (score / EMOTION_MAX) * 38;
}
