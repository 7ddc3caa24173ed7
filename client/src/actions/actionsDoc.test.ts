import { describe, expect, it } from 'vitest';
import type { Action } from './actionTypes.ts';
import { actionsByCard, cardActionStatus } from './actionsDoc.ts';

function action(id: string, status: Action['status'], cardIds: string[]): Action {
  return {
    id,
    mapId: 'm1',
    title: id,
    ownerId: 'u1',
    ownerName: 'Ana',
    department: null,
    due: null,
    status,
    cardIds,
    kpi: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    doneAt: status === 'done' ? '2026-03-02T09:00:00.000Z' : null,
  };
}

describe('the board badge of a card linked to actions', () => {
  it('indexes actions by each card they link', () => {
    const a = action('a', 'todo', ['c1', 'c2']);
    const b = action('b', 'done', ['c2']);
    const byCard = actionsByCard([a, b]);
    expect(byCard.get('c1')).toEqual([a]);
    expect(byCard.get('c2')).toEqual([a, b]);
    expect(byCard.has('c3')).toBe(false);
  });

  it('says done once all are done, to do while none started, doing otherwise', () => {
    expect(cardActionStatus([])).toBeNull();
    expect(cardActionStatus([action('a', 'todo', []), action('b', 'todo', [])])).toBe('todo');
    expect(cardActionStatus([action('a', 'done', []), action('b', 'done', [])])).toBe('done');
    expect(cardActionStatus([action('a', 'todo', []), action('b', 'done', [])])).toBe('doing');
    expect(cardActionStatus([action('a', 'doing', [])])).toBe('doing');
  });
});
