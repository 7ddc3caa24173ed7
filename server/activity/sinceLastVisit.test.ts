import { describe, expect, it } from 'vitest';
import type { MapId } from '../../shared/ids.ts';
import type { ItemChangeRow } from '../storage/rows.ts';
import { collapseChanges, sinceOf } from './sinceLastVisit.ts';

const row = (overrides: Partial<ItemChangeRow>): ItemChangeRow => ({
  mapId: 'm' as MapId,
  userId: 'ana',
  userName: 'Ana',
  department: 'sales',
  kind: 'card',
  itemId: 'c1',
  change: 'changed',
  label: 'Texto',
  firstAt: 1_000,
  lastAt: 1_000,
  ...overrides,
});

const summary = (rows: ItemChangeRow[]) =>
  collapseChanges(rows).map(({ id, change, label, byName }) => ({ id, change, label, byName }));

describe('collapsing change rows to one entry per item', () => {
  it('created then changed is created; changed then deleted is deleted with the label before', () => {
    expect(
      summary([
        row({ itemId: 'new', change: 'created', label: 'Nueva', firstAt: 1, lastAt: 1 }),
        row({ itemId: 'new', change: 'changed', label: 'Nueva, editada', firstAt: 2, lastAt: 5 }),
        row({ itemId: 'old', change: 'changed', label: 'Vieja', firstAt: 1, lastAt: 3 }),
        row({ itemId: 'old', change: 'deleted', label: 'Vieja', firstAt: 4, lastAt: 4 }),
      ]),
    ).toEqual([
      { id: 'new', change: 'created', label: 'Nueva, editada', byName: 'Ana' },
      { id: 'old', change: 'deleted', label: 'Vieja', byName: 'Ana' },
    ]);
  });

  it('an item deleted and brought back is not deleted: changed if it existed before, by the latest person', () => {
    expect(
      summary([
        row({ itemId: 'x', change: 'deleted', label: 'X', firstAt: 1, lastAt: 1 }),
        row({
          itemId: 'x',
          change: 'created',
          label: 'X',
          firstAt: 2,
          lastAt: 2,
          userId: 'bea',
          userName: 'Bea',
        }),
      ]),
    ).toEqual([{ id: 'x', change: 'changed', label: 'X', byName: 'Bea' }]);
    expect(
      summary([
        row({ itemId: 'y', change: 'created', firstAt: 1, lastAt: 1 }),
        row({ itemId: 'y', change: 'deleted', firstAt: 2, lastAt: 2 }),
      ]).map((item) => item.change),
    ).toEqual(['deleted']);
  });

  it('keeps kinds apart and lists the newest first', () => {
    const items = collapseChanges([
      row({ kind: 'stage', itemId: 'same', lastAt: 10 }),
      row({ kind: 'lane', itemId: 'same', lastAt: 20 }),
    ]);
    expect(items.map((item) => item.kind)).toEqual(['lane', 'stage']);
  });
});

describe('where "since" starts', () => {
  const visit = { startedAt: 100, lastSeenAt: 900, previousEndedAt: 50, dismissedAt: null };

  it('is null on a first visit and the end of the previous visit during a visit', () => {
    expect(sinceOf(null, 1_000, 500)).toBeNull();
    expect(sinceOf({ ...visit, previousEndedAt: null }, 1_000, 500)).toBeNull();
    expect(sinceOf(visit, 1_000, 500)).toBe(50);
  });

  it('is the last-seen time once the visit is over, and a later dismissal wins', () => {
    expect(sinceOf(visit, 2_000, 500)).toBe(900);
    expect(sinceOf({ ...visit, dismissedAt: 950 }, 1_000, 500)).toBe(950);
    expect(sinceOf({ ...visit, dismissedAt: 10 }, 1_000, 500)).toBe(50);
  });
});
