import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardsInCell,
  initMap,
  moveCard,
  readMap,
  type CardId,
} from '../../../../shared/index.ts';
import { altArrow, cardKeyboardTarget, stepIndex } from './keyboardMoves.ts';

/** A 3-stage x 2-lane map with cards a, b, c in (Web, Acciones) and d in (Web, Dolor). */
function board() {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', locale: 'es' });
  const stages = ['Web', 'Tienda', 'Casa'].map((name) => addStage(doc, { name }));
  const actions = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const pains = addLane(doc, { kind: 'pain-points', title: 'Dolor' });
  const [web, shop, home] = stages as [(typeof stages)[0], (typeof stages)[0], (typeof stages)[0]];
  const card = (text: string, laneId = actions) => addCard(doc, { stageId: web, laneId, text });
  const ids = { a: card('a'), b: card('b'), c: card('c'), d: card('d', pains) };
  const text = () => {
    const view = readMap(doc);
    const cell = (stage: typeof web, lane: typeof actions) =>
      cardsInCell(view, stage, lane)
        .map((c) => c.text)
        .join('');
    return [web, shop, home].map((s) => `${cell(s, actions)}|${cell(s, pains)}`).join(' ');
  };
  const press = (id: CardId, direction: 'left' | 'right' | 'up' | 'down') => {
    const target = cardKeyboardTarget(readMap(doc), id, direction);
    if (target) moveCard(doc, id, target);
    return target !== null;
  };
  return { doc, ids, text, press };
}

describe('keyboard moves of a card', () => {
  it('moves to the end of the same lane in the next or previous stage', () => {
    const { ids, text, press } = board();
    expect(text()).toBe('abc|d | |');
    expect(press(ids.b, 'right')).toBe(true);
    expect(text()).toBe('ac|d b| |');
    expect(press(ids.a, 'right')).toBe(true);
    expect(text()).toBe('c|d ba| |');
    expect(press(ids.b, 'right')).toBe(true);
    expect(text()).toBe('c|d a| b|');
    // The last stage is the edge.
    expect(press(ids.b, 'right')).toBe(false);
    expect(press(ids.c, 'left')).toBe(false);
    expect(press(ids.b, 'left')).toBe(true);
    expect(text()).toBe('c|d ab| |');
  });

  it('moves up and down within the cell, and across into the lane below or above', () => {
    const { ids, text, press } = board();
    expect(press(ids.a, 'down')).toBe(true);
    expect(text()).toBe('bac|d | |');
    expect(press(ids.a, 'down')).toBe(true);
    expect(text()).toBe('bca|d | |');
    // From the bottom of the cell into the top of the lane below.
    expect(press(ids.a, 'down')).toBe(true);
    expect(text()).toBe('bc|ad | |');
    // The last lane is the edge.
    expect(press(ids.d, 'down')).toBe(false);
    // From the top of the cell into the bottom of the lane above.
    expect(press(ids.a, 'up')).toBe(true);
    expect(text()).toBe('bca|d | |');
    expect(press(ids.c, 'up')).toBe(true);
    expect(text()).toBe('cba|d | |');
    expect(press(ids.c, 'up')).toBe(false);
  });
});

describe('keyboard helpers', () => {
  it('reads only Alt plus an arrow key', () => {
    const key = (key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'shiftKey', boolean>>) =>
      altArrow({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
    expect(key('ArrowLeft', { altKey: true })).toBe('left');
    expect(key('ArrowDown', { altKey: true })).toBe('down');
    expect(key('ArrowDown', {})).toBeNull();
    expect(key('ArrowDown', { altKey: true, shiftKey: true })).toBeNull();
    expect(key('Enter', { altKey: true })).toBeNull();
  });

  it('steps an index one place, stopping at the ends', () => {
    expect(stepIndex(['a', 'b', 'c'], 'a', 1)).toBe(1);
    expect(stepIndex(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(stepIndex(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(stepIndex(['a', 'b', 'c'], 'c', -1)).toBe(1);
    expect(stepIndex(['a', 'b', 'c'], 'zz', 1)).toBeNull();
  });
});
