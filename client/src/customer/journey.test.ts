import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapJson } from '../../../shared/interchange.ts';
import { readMap } from '../../../shared/index.ts';
import { templateJson } from '../../../shared/templates/index.ts';
import { journeyOf } from './journey.ts';

function demoView() {
  const doc = new Y.Doc();
  applyMapJson(doc, templateJson('travel-alert-demo', 'es'));
  return readMap(doc);
}

describe('journeyOf', () => {
  it('lists every stage in order, each with its steps row by row', () => {
    const view = demoView();
    const journey = journeyOf(view);
    expect(journey.map((s) => s.stage.name)).toEqual(view.stages.map((s) => s.name));
    const first = journey[0];
    expect(first?.groups.map((g) => g.lane.title)).toEqual(
      view.lanes
        .filter((l) => view.cards.some((c) => c.laneId === l.id && c.stageId === first?.stage.id))
        .map((l) => l.title),
    );
    expect(first?.steps).toEqual(first?.groups.flatMap((g) => g.steps));
  });

  it('leaves out steps without text, and rows without steps in that stage', () => {
    const view = demoView();
    const card = view.cards[0];
    if (!card) throw new Error('the demo map has cards');
    const emptied = {
      ...view,
      cards: view.cards.map((c) => (c.id === card.id ? { ...c, text: '  ' } : c)),
    };
    const stage = journeyOf(emptied).find((s) => s.stage.id === card.stageId);
    expect(stage?.steps.some((s) => s.id === card.id)).toBe(false);
    for (const s of journeyOf(emptied)) {
      for (const group of s.groups) expect(group.steps.length).toBeGreaterThan(0);
    }
  });
});
