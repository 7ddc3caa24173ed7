import { describe, expect, it } from 'vitest';
import type { CardView, LaneView, StageView } from '../../../shared/index.ts';
import {
  BOARD,
  boardRows,
  estimateCard,
  estimateCell,
  fitZoom,
  MIN_ZOOM,
  rowHeight,
  sizeKey,
} from './boardLayout.ts';

const lane = (id: string, kind: LaneView['kind']): LaneView =>
  ({ id, kind, title: id, order: 'a0', customerVisible: true }) as LaneView;
const stage = (id: string): StageView => ({ id, name: id, order: 'a0' }) as StageView;
const card = (text: string, extra: Partial<CardView> = {}): CardView =>
  ({ id: text, text, personaIds: [], ...extra }) as CardView;
const cards = (n: number) => Array.from({ length: n }, (_, i) => card(`Tarjeta ${i + 1}`));

describe('board layout', () => {
  it('puts an emotion curve row under each emotions lane', () => {
    const rows = boardRows([lane('a', 'actions'), lane('e', 'emotions'), lane('p', 'pain-points')]);
    expect(rows.map((r) => `${r.kind}:${r.lane.id}`)).toEqual([
      'lane:a',
      'lane:e',
      'curve:e',
      'lane:p',
    ]);
  });

  it('estimates taller cells for more cards, never below the shortest row', () => {
    const actions = lane('a', 'actions');
    expect(estimateCell([], actions, false)).toBe(BOARD.minRow);
    expect(estimateCell(cards(5), actions, true)).toBeGreaterThan(
      estimateCell(cards(4), actions, true),
    );
    expect(estimateCell(cards(3), actions, true)).toBeGreaterThan(
      estimateCell(cards(3), actions, false),
    );
  });

  it('guesses cards from their text, badges and verdict within 10% of their rendered heights', () => {
    const visible = lane('v', 'actions');
    const internal = { ...lane('i', 'backstage'), customerVisible: false };
    const text = (n: number) => 'x'.repeat(n);
    // Heights of cards rendered in Chromium on a 256 px stage (bench/editor maps).
    const rendered: [CardView, LaneView, number][] = [
      [card(text(84)), visible, 92],
      [card(text(38)), visible, 74],
      [card(text(18), { channel: 'app' }), visible, 74],
      [card(text(93)), internal, 86],
      [card(text(36)), internal, 49],
      [card(text(80), { emotion: 1, channel: 'app', department: 'it' }), visible, 129],
    ];
    // Word wrapping makes single cards vary by a line; a cell's worth of cards evens out.
    for (const [c, l, height] of rendered) {
      expect(Math.abs(estimateCard(c, l) - height) / height).toBeLessThan(0.25);
    }
    const total = rendered.reduce((sum, [, , height]) => sum + height, 0);
    const guessed = rendered.reduce((sum, [c, l]) => sum + estimateCard(c, l), 0);
    expect(Math.abs(guessed - total) / total).toBeLessThan(0.1);
  });

  it('sizes a row by its tallest cell, measured cells first, estimates for the others', () => {
    const row = boardRows([lane('a', 'actions')])[0];
    if (!row) throw new Error('no row');
    const stages = [stage('s1'), stage('s2')];
    const measured = new Map([[sizeKey('a', 's1'), 300]]);
    // s2 has 1 card (estimated well under 300): the measured s1 wins.
    expect(rowHeight(row, stages, measured, (s) => cards(s.id === 's2' ? 1 : 9), true)).toBe(300);
    // s2 has 9 cards, not measured yet: its estimate wins.
    expect(rowHeight(row, stages, measured, () => cards(9), true)).toBe(
      estimateCell(cards(9), row.lane, true),
    );
  });

  it('fits the board in the viewport, never above 100% nor below the minimum', () => {
    expect(fitZoom({ width: 1000, height: 500 }, { width: 2000, height: 2000 })).toBe(1);
    expect(fitZoom({ width: 4000, height: 1000 }, { width: 1000, height: 1000 })).toBe(0.25);
    expect(fitZoom({ width: 100_000, height: 100 }, { width: 1000, height: 1000 })).toBe(MIN_ZOOM);
  });
});
