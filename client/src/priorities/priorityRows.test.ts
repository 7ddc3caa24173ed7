import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  DEFAULT_PRIORITY_WEIGHTS,
  readMap,
  setCardFields,
  setPriorityWeights,
  type LaneId,
  type StageId,
} from '../../../shared/index.ts';
import {
  DEFAULT_SORT,
  matrixPoints,
  momentsOfTruth,
  priorityRows,
  sortRows,
} from './priorityRows.ts';

/** Two stages; pain points, an opportunity, an unscored pain point and a moment of truth. */
function journey() {
  const doc = new Y.Doc();
  const web = addStage(doc, { name: 'Web' });
  const call = addStage(doc, { name: 'Llamada' });
  const pains = addLane(doc, { kind: 'pain-points', title: 'Dolores' });
  const opps = addLane(doc, { kind: 'opportunities', title: 'Oportunidades' });
  const mot = addLane(doc, { kind: 'moments-of-truth', title: 'Momentos' });
  const actions = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const scored = (stageId: StageId, laneId: LaneId, text: string, f: number[]) => {
    const id = addCard(doc, { stageId, laneId, text });
    const [timeToFix = 1, costToFix = 1, customerImpact = 1, businessImpact = 1] = f;
    setCardFields(doc, id, { priority: { timeToFix, costToFix, customerImpact, businessImpact } });
    return id;
  };
  const slowBig = scored(web, pains, 'Lenta e importante', [5, 4, 5, 5]); // 5 x 1.5 = 7.5
  const quick = scored(call, pains, 'Rápida', [1, 1, 3, 2]); // 2.5 x 5 = 12.5
  const opp = scored(call, opps, 'Chat', [2, 2, 4, 4]); // 4 x 4 = 16
  const unscored = addCard(doc, { stageId: web, laneId: pains, text: 'Sin puntuar' });
  addCard(doc, { stageId: web, laneId: actions, text: 'No es un dolor' });
  const moment = addCard(doc, { stageId: call, laneId: mot, text: 'Momento' });
  const flagged = addCard(doc, { stageId: web, laneId: actions, text: 'Marcada' });
  setCardFields(doc, flagged, { momentOfTruth: true });
  return { doc, slowBig, quick, opp, unscored, moment, flagged };
}

describe('priorityRows', () => {
  it('lists pain points and opportunities with weighted scores and ranks', () => {
    const j = journey();
    const rows = priorityRows(readMap(j.doc), DEFAULT_PRIORITY_WEIGHTS);
    // Board order: web stage first (its pain points), then the call stage.
    expect(rows.map((r) => r.card.id)).toEqual([j.slowBig, j.unscored, j.quick, j.opp]);
    expect(rows.map((r) => r.score)).toEqual([7.5, undefined, 12.5, 16]);
    expect(rows.map((r) => r.rank)).toEqual([3, undefined, 2, 1]);
    expect(rows.map((r) => r.kind)).toEqual([
      'pain-points',
      'pain-points',
      'pain-points',
      'opportunities',
    ]);
  });

  it('sorts by any column, unscored rows last in both directions', () => {
    const j = journey();
    const rows = priorityRows(readMap(j.doc), DEFAULT_PRIORITY_WEIGHTS);
    const ids = (key: Parameters<typeof sortRows>[1]) =>
      sortRows(rows, key, 'es').map((r) => r.card.id);
    expect(ids(DEFAULT_SORT)).toEqual([j.opp, j.quick, j.slowBig, j.unscored]);
    expect(ids({ key: 'score', direction: 'ascending' })).toEqual([
      j.slowBig,
      j.quick,
      j.opp,
      j.unscored,
    ]);
    expect(ids({ key: 'timeToFix', direction: 'descending' })).toEqual([
      j.slowBig,
      j.opp,
      j.quick,
      j.unscored,
    ]);
    expect(ids({ key: 'text', direction: 'ascending' })).toEqual([
      j.opp,
      j.slowBig,
      j.quick,
      j.unscored,
    ]);
    expect(ids({ key: 'stage', direction: 'descending' })).toEqual([
      j.quick,
      j.opp,
      j.slowBig,
      j.unscored,
    ]);
  });

  it('re-ranks under the map weights', () => {
    const j = journey();
    setPriorityWeights(j.doc, { customerImpact: 0, businessImpact: 0 });
    const view = readMap(j.doc);
    const rows = priorityRows(view, view.meta.priorityWeights);
    // Ease only, squared: quick 25, opp 16, slowBig 2.25.
    expect(sortRows(rows, DEFAULT_SORT, 'es').map((r) => r.score)).toEqual([
      25,
      16,
      2.25,
      undefined,
    ]);
  });

  it('places scored cards on the matrix by the means of impact and effort', () => {
    const j = journey();
    const rows = priorityRows(readMap(j.doc), DEFAULT_PRIORITY_WEIGHTS);
    const points = matrixPoints(rows, DEFAULT_PRIORITY_WEIGHTS);
    expect(points.map((p) => [p.row.card.id, p.impact, p.effort])).toEqual([
      [j.opp, 4, 2],
      [j.quick, 2.5, 1],
      [j.slowBig, 5, 4.5],
    ]);
    const weighted = matrixPoints(rows, { ...DEFAULT_PRIORITY_WEIGHTS, customerImpact: 3 });
    expect(weighted.find((p) => p.row.card.id === j.quick)?.impact).toBe(2.75);
  });

  it('lists moments of truth in board order with the pain points of their stage', () => {
    const j = journey();
    const view = readMap(j.doc);
    const moments = momentsOfTruth(view, priorityRows(view, DEFAULT_PRIORITY_WEIGHTS));
    expect(moments.map((m) => [m.card.id, m.pains.map((p) => p.card.id)])).toEqual([
      [j.flagged, [j.slowBig, j.unscored]],
      [j.moment, [j.quick]],
    ]);
  });
});
