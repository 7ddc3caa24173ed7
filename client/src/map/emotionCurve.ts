import { cardsInCell, EMOTION_MAX, type LaneView, type MapView } from '../../../shared/index.ts';

/** Average emotion score of each stage's cards in one emotions lane; null where none is scored. */
export function emotionScores(view: MapView, lane: LaneView): (number | null)[] {
  return view.stages.map((stage) => {
    const scores = cardsInCell(view, stage.id, lane.id)
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
