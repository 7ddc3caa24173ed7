import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardsInCell,
  initMap,
  moveCard,
  moveStage,
  readMap,
  type LaneId,
  type StageId,
} from '../../../../shared/index.ts';
import {
  cardDropTarget,
  dropBefore,
  dropLineY,
  isSamePlace,
  reorderIndex,
  type CardBox,
} from './dropPosition.ts';

const stageId = 'stage1' as StageId;
const laneId = 'lane1' as LaneId;
const cell = { stageId, laneId };
/** Three cards 40 px high with 10 px gaps: a 0-40, b 50-90, c 100-140. */
const boxes: CardBox[] = [
  { id: 'a', top: 0, bottom: 40 },
  { id: 'b', top: 50, bottom: 90 },
  { id: 'c', top: 100, bottom: 140 },
];

describe('dropping a card in a cell', () => {
  it('drops before the first card whose middle is below the pointer', () => {
    expect(dropBefore(boxes, 'x', -5)).toBe('a');
    expect(dropBefore(boxes, 'x', 19)).toBe('a');
    expect(dropBefore(boxes, 'x', 21)).toBe('b');
    expect(dropBefore(boxes, 'x', 115)).toBe('c');
    expect(dropBefore(boxes, 'x', 121)).toBeNull();
  });

  it('leaves the dragged card out, and reads the boxes top to bottom whatever their order', () => {
    const shuffled = [boxes[2], boxes[0], boxes[1]] as CardBox[];
    expect(dropBefore(shuffled, 'b', 60)).toBe('c');
    expect(dropBefore(shuffled, 'a', 10)).toBe('b');
  });

  it('turns "before this card" into the index moveCard reads (the moved card left out)', () => {
    const order = ['a', 'b', 'c'];
    expect(cardDropTarget(cell, order, 'x', 'a')).toEqual({ ...cell, index: 0 });
    expect(cardDropTarget(cell, order, 'x', 'c')).toEqual({ ...cell, index: 2 });
    expect(cardDropTarget(cell, order, 'x', null)).toEqual({ ...cell, index: 3 });
    // Moving a down below c: the others are b, c, so the end is index 2.
    expect(cardDropTarget(cell, order, 'a', null)).toEqual({ ...cell, index: 2 });
    // Moving c up before b: index 1 among a, b.
    expect(cardDropTarget(cell, order, 'c', 'b')).toEqual({ ...cell, index: 1 });
    // An empty cell.
    expect(cardDropTarget(cell, [], 'x', null)).toEqual({ ...cell, index: 0 });
  });

  it('knows when a drop leaves the card where it was', () => {
    const order = ['a', 'b', 'c'];
    expect(isSamePlace(cell, order, 'b', cardDropTarget(cell, order, 'b', 'c'))).toBe(true);
    expect(isSamePlace(cell, order, 'c', cardDropTarget(cell, order, 'c', null))).toBe(true);
    expect(isSamePlace(cell, order, 'b', cardDropTarget(cell, order, 'b', 'a'))).toBe(false);
    const other = { stageId: 'stage2' as StageId, laneId };
    expect(isSamePlace(other, order, 'b', cardDropTarget(cell, order, 'b', 'c'))).toBe(false);
  });

  it('draws the drop line between cards, below the last one or at the top of an empty cell', () => {
    expect(dropLineY(boxes, 'x', 'b', 0)).toBe(45);
    expect(dropLineY(boxes, 'x', 'a', 0)).toBe(-3);
    expect(dropLineY(boxes, 'x', null, 0)).toBe(143);
    expect(dropLineY(boxes, 'b', 'c', 0)).toBe(70);
    expect(dropLineY([], 'x', null, 200)).toBe(206);
  });

  it('puts the card exactly where it was dropped once moveCard applies the target', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Mapa', locale: 'es' });
    const web = addStage(doc, { name: 'Web' });
    const shop = addStage(doc, { name: 'Tienda' });
    const lane = addLane(doc, { kind: 'actions', title: 'Acciones' });
    const ids = ['uno', 'dos', 'tres'].map((text) =>
      addCard(doc, { stageId: shop, laneId: lane, text }),
    );
    const moved = addCard(doc, { stageId: web, laneId: lane, text: 'nueva' });
    const textsIn = (stage: StageId) =>
      cardsInCell(readMap(doc), stage, lane).map((card) => card.text);
    const target = { stageId: shop, laneId: lane };

    // Dropped between "uno" and "dos" (before "dos").
    moveCard(doc, moved, cardDropTarget(target, ids, moved, ids[1] ?? null));
    expect(textsIn(shop)).toEqual(['uno', 'nueva', 'dos', 'tres']);
    expect(textsIn(web)).toEqual([]);

    // Within the cell, dragged below "tres" (after the last one).
    const order = cardsInCell(readMap(doc), shop, lane).map((card) => card.id);
    moveCard(doc, moved, cardDropTarget(target, order, moved, null));
    expect(textsIn(shop)).toEqual(['uno', 'dos', 'tres', 'nueva']);
  });
});

describe('reordering stages and lanes', () => {
  const order = ['a', 'b', 'c', 'd'];

  it('drops on the near or far side of the header under the pointer', () => {
    // a dropped on the right half of c: after c, index 2 among b, c, d.
    expect(reorderIndex(order, 'a', 'c', true)).toBe(2);
    // a dropped on the left half of c: before c, index 1.
    expect(reorderIndex(order, 'a', 'c', false)).toBe(1);
    // d dropped on the left half of a: first.
    expect(reorderIndex(order, 'd', 'a', false)).toBe(0);
    expect(reorderIndex(order, 'b', 'd', true)).toBe(3);
  });

  it('is null when nothing moves', () => {
    expect(reorderIndex(order, 'b', 'b', true)).toBeNull();
    expect(reorderIndex(order, 'b', 'a', true)).toBeNull();
    expect(reorderIndex(order, 'b', 'c', false)).toBeNull();
    expect(reorderIndex(order, 'b', 'zz', false)).toBeNull();
  });

  it('gives moveStage the index that puts the stage where it was dropped', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Mapa', locale: 'es' });
    const ids = ['A', 'B', 'C', 'D'].map((name) => addStage(doc, { name }));
    const names = () => readMap(doc).stages.map((stage) => stage.name);
    const [a, , c] = ids as [StageId, StageId, StageId, StageId];
    moveStage(doc, a, reorderIndex(ids, a, c, true) ?? -1);
    expect(names()).toEqual(['B', 'C', 'A', 'D']);
  });
});
