import { describe, expect, it } from 'vitest';
import type { LaneView, StageView } from '../../../shared/index.ts';
import {
  BOARD,
  boardRows,
  estimateCell,
  fitZoom,
  MIN_ZOOM,
  rowHeight,
  sizeKey,
} from './boardLayout.ts';

const lane = (id: string, kind: LaneView['kind']): LaneView =>
  ({ id, kind, title: id, order: 'a0', customerVisible: true }) as LaneView;
const stage = (id: string): StageView => ({ id, name: id, order: 'a0' }) as StageView;

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
    expect(estimateCell(0, false)).toBe(BOARD.minRow);
    expect(estimateCell(5, true)).toBeGreaterThan(estimateCell(4, true));
    expect(estimateCell(3, true)).toBeGreaterThan(estimateCell(3, false));
  });

  it('sizes a row by its tallest cell, measured cells first, estimates for the others', () => {
    const row = boardRows([lane('a', 'actions')])[0];
    if (!row) throw new Error('no row');
    const stages = [stage('s1'), stage('s2')];
    const measured = new Map([[sizeKey('a', 's1'), 300]]);
    // s2 has 1 card (estimated well under 300): the measured s1 wins.
    expect(rowHeight(row, stages, measured, (s) => (s.id === 's2' ? 1 : 9), true)).toBe(300);
    // s2 has 9 cards, not measured yet: its estimate wins.
    expect(rowHeight(row, stages, measured, () => 9, true)).toBe(estimateCell(9, true));
  });

  it('fits the board in the viewport, never above 100% nor below the minimum', () => {
    expect(fitZoom({ width: 1000, height: 500 }, { width: 2000, height: 2000 })).toBe(1);
    expect(fitZoom({ width: 4000, height: 1000 }, { width: 1000, height: 1000 })).toBe(0.25);
    expect(fitZoom({ width: 100_000, height: 100 }, { width: 1000, height: 1000 })).toBe(MIN_ZOOM);
  });
});
