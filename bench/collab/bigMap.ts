import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  CHANNEL_IDS,
  DEFAULT_DEPARTMENTS,
  initMap,
  LANE_KINDS,
} from '../../shared/index.ts';

/** Size of the cold-sync map: 40 stages x 12 lanes x 5 cards = 2,400 cards. */
export interface BigMapShape {
  stages: number;
  lanes: number;
  cardsPerCell: number;
}

/**
 * Adds the stages, lanes and cards of a big map to a document with the shared model operations
 * (what a real client would write), in one transaction; returns how many cards it added.
 */
export function fillBigMap(doc: Y.Doc, shape: BigMapShape): number {
  let n = 0;
  doc.transact(() => {
    const stageIds = Array.from({ length: shape.stages }, (_, s) =>
      addStage(doc, { name: `Stage ${s + 1}` }),
    );
    const laneIds = Array.from({ length: shape.lanes }, (_, l) =>
      addLane(doc, { kind: LANE_KINDS[l % LANE_KINDS.length] ?? 'text', title: `Lane ${l + 1}` }),
    );
    for (const stageId of stageIds) {
      for (const laneId of laneIds) {
        for (let c = 0; c < shape.cardsPerCell; c += 1) {
          n += 1;
          addCard(doc, {
            stageId,
            laneId,
            text: `Card ${n}: the customer checks the status of the request\nand expects an answer today`,
            department: DEFAULT_DEPARTMENTS[n % DEFAULT_DEPARTMENTS.length]?.id,
            channel: CHANNEL_IDS[n % CHANNEL_IDS.length],
            emotion: (n % 5) - 2,
          });
        }
      }
    }
  });
  return n;
}

/** Builds a big journey map in a fresh document and returns its full state as one Yjs update. */
export function buildBigMap(shape: BigMapShape): { update: Uint8Array; cards: number } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Benchmark: onboarding journey', locale: 'en' });
  fillBigMap(doc, shape);
  const update = Y.encodeStateAsUpdate(doc);
  const cards = doc.getMap('cards').size;
  doc.destroy();
  return { update, cards };
}
