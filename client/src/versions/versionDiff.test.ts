import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addStage,
  deleteCard,
  deleteLane,
  renameStage,
  setCardText,
} from '../../../shared/index.ts';
import { applyMapJson, mapToJson, type MapJson } from '../../../shared/interchange.ts';
import { templateJson } from '../../../shared/templates/index.ts';
import { compareWithNow, markKey } from './versionDiff.ts';

/** A version of the demo map and a live document that starts from the same content. */
function versionAndLive(): { version: MapJson; live: Y.Doc } {
  const version = templateJson('travel-alert-demo', 'es');
  const live = new Y.Doc();
  applyMapJson(live, version);
  return { version, live };
}

describe('compareWithNow', () => {
  it('marks nothing and lists nothing when the map is as the version left it', () => {
    const { version, live } = versionAndLive();
    const comparison = compareWithNow(version, mapToJson(live));
    expect(comparison.marks.size).toBe(0);
    expect(comparison.removedCards).toEqual([]);
    expect(comparison.counts).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('marks added and changed cards and stages, and describes removed cards from the version', () => {
    const { version, live } = versionAndLive();
    const [first, second] = version.cards;
    if (!first || !second) throw new Error('the demo map has cards');
    const stage = version.stages.find((s) => s.id === second.stageId);
    const lane = version.lanes.find((l) => l.id === second.laneId);
    const added = addCard(live, { stageId: first.stageId, laneId: first.laneId, text: 'Nueva' });
    setCardText(live, first.id, 'Otro texto');
    deleteCard(live, second.id);
    const newStage = addStage(live, { name: 'Postventa' });
    const renamed = version.stages[0];
    if (!renamed) throw new Error('the demo map has stages');
    renameStage(live, renamed.id, 'Descubrir (renombrada)');

    const comparison = compareWithNow(version, mapToJson(live));

    expect(comparison.marks.get(markKey('card', added))).toBe('added');
    expect(comparison.marks.get(markKey('card', first.id))).toBe('changed');
    expect(comparison.marks.has(markKey('card', second.id))).toBe(false);
    expect(comparison.marks.get(markKey('stage', newStage))).toBe('added');
    expect(comparison.marks.get(markKey('stage', renamed.id))).toBe('changed');
    expect(comparison.removedCards).toEqual([
      {
        id: second.id,
        text: second.paragraphs.join('\n').trim(),
        stage: stage?.name,
        lane: lane?.title,
      },
    ]);
    expect(comparison.counts.removed).toBe(1);
    expect(comparison.counts.added).toBe(2);
  });

  it('lists a removed lane by its title and every card that went with it', () => {
    const { version, live } = versionAndLive();
    const lane = version.lanes[0];
    if (!lane) throw new Error('the demo map has lanes');
    const cardsOfLane = version.cards.filter((c) => c.laneId === lane.id).map((c) => c.id);
    expect(cardsOfLane.length).toBeGreaterThan(0);
    deleteLane(live, lane.id);

    const comparison = compareWithNow(version, mapToJson(live));

    expect(comparison.removedLanes).toEqual([lane.title]);
    expect(comparison.removedCards.map((c) => c.id).sort()).toEqual([...cardsOfLane].sort());
    expect(comparison.removedCards.every((c) => c.lane === lane.title)).toBe(true);
  });
});
