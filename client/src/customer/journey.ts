import type { CardView, LaneView, MapView, StageView } from '../../../shared/index.ts';

/** The steps of one stage that share a row of the map, under that row's title. */
export interface StepGroup {
  lane: LaneView;
  steps: readonly CardView[];
}

/** One stage as the customer goes through it. */
export interface JourneyStage {
  stage: StageView;
  groups: readonly StepGroup[];
  /** Every step of the stage, in reading order. */
  steps: readonly CardView[];
}

/**
 * The journey a customer answers, from the projection: every stage in order, and in each the
 * steps with some text (an empty step has nothing to confirm), row by row.
 */
export function journeyOf(view: MapView): JourneyStage[] {
  return view.stages.map((stage) => {
    const groups: StepGroup[] = [];
    for (const lane of view.lanes) {
      const steps = view.cards.filter(
        (c) => c.stageId === stage.id && c.laneId === lane.id && c.text.trim() !== '',
      );
      if (steps.length > 0) groups.push({ lane, steps });
    }
    return { stage, groups, steps: groups.flatMap((g) => g.steps) };
  });
}
