import { describe, expect, it } from 'vitest';
import type { Action } from './actionTypes.ts';
import { addDays, followUp, isQuickWin, localDay, type CardPriority } from './followUp.ts';

// Wednesday 11 March 2026, 10:00 local time.
const NOW = new Date(2026, 2, 11, 10, 0, 0);
const TODAY = localDay(NOW);

function action(id: string, fields: Partial<Action> = {}): Action {
  return {
    id,
    mapId: 'm1',
    title: id,
    ownerId: 'u1',
    ownerName: 'Ana',
    department: null,
    due: null,
    status: 'todo',
    cardIds: [],
    kpi: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    doneAt: null,
    ...fields,
  };
}

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const none = () => undefined;
const ids = (list: Action[]) => list.map((a) => a.id);

describe('localDay and addDays', () => {
  it('give calendar days, across months and years', () => {
    expect(TODAY).toBe('2026-03-11');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('followUp', () => {
  it('puts open actions due before today in overdue, oldest first, and never done ones', () => {
    const groups = followUp(
      [
        action('yesterday', { due: addDays(TODAY, -1) }),
        action('lastMonth', { due: '2026-02-10', status: 'doing' }),
        action('today', { due: TODAY }),
        action('doneLate', { due: '2026-02-01', status: 'done', doneAt: hoursAgo(2) }),
        action('noDue'),
      ],
      NOW,
      none,
    );
    expect(ids(groups.overdue)).toEqual(['lastMonth', 'yesterday']);
  });

  it('puts open actions due today through the sixth day ahead in due this week, soonest first', () => {
    const groups = followUp(
      [
        action('in6', { due: addDays(TODAY, 6) }),
        action('in7', { due: addDays(TODAY, 7) }),
        action('today', { due: TODAY }),
        action('yesterday', { due: addDays(TODAY, -1) }),
        action('doneIn2', { due: addDays(TODAY, 2), status: 'done', doneAt: hoursAgo(1) }),
      ],
      NOW,
      none,
    );
    expect(ids(groups.dueThisWeek)).toEqual(['today', 'in6']);
  });

  it('lists actions done within the last seven days, latest first', () => {
    const groups = followUp(
      [
        action('twoDays', { status: 'done', doneAt: hoursAgo(48) }),
        action('anHour', { status: 'done', doneAt: hoursAgo(1) }),
        action('eightDays', { status: 'done', doneAt: hoursAgo(8 * 24) }),
        action('sevenDaysExactly', { status: 'done', doneAt: hoursAgo(7 * 24) }),
        action('doing', { status: 'doing' }),
        // Done after the page last read its clock (it ticks every 30 s): still this week.
        action('justNow', { status: 'done', doneAt: hoursAgo(-0.01) }),
      ],
      NOW,
      none,
    );
    expect(ids(groups.doneLastWeek)).toEqual(['justNow', 'anHour', 'twoDays', 'sevenDaysExactly']);
  });

  it('finds the quick wins: open actions linked to a card of high score and low effort', () => {
    const priorities = new Map<string, CardPriority>([
      ['best', { score: 25, effort: 1 }],
      ['good', { score: 16, effort: 2 }],
      ['costly', { score: 20, effort: 3 }],
      ['weak', { score: 8, effort: 1 }],
    ]);
    const priorityOf = (mapId: string, cardId: string) =>
      mapId === 'm1' ? priorities.get(cardId) : undefined;
    const groups = followUp(
      [
        action('good', { cardIds: ['weak', 'good'] }),
        action('best', { cardIds: ['best'] }),
        action('costly', { cardIds: ['costly'] }),
        action('weak', { cardIds: ['weak'] }),
        action('otherMap', { mapId: 'm2', cardIds: ['best'] }),
        action('doneBest', { cardIds: ['best'], status: 'done', doneAt: hoursAgo(1) }),
        action('unlinked'),
      ],
      NOW,
      priorityOf,
    );
    expect(ids(groups.quickWins)).toEqual(['best', 'good']);
  });

  it('may put one action in several groups and leaves the input untouched', () => {
    const list = [
      action('late', { due: addDays(TODAY, -3), cardIds: ['c'] }),
      action('first', { due: addDays(TODAY, -9) }),
    ];
    const before = ids(list);
    const groups = followUp(list, NOW, () => ({ score: 20, effort: 1.5 }));
    expect(ids(groups.overdue)).toEqual(['first', 'late']);
    expect(ids(groups.quickWins)).toEqual(['late']);
    expect(ids(list)).toEqual(before);
  });
});

describe('isQuickWin', () => {
  it('needs both a high score and a low effort', () => {
    expect(isQuickWin({ score: 12, effort: 2 })).toBe(true);
    expect(isQuickWin({ score: 11.5, effort: 1 })).toBe(false);
    expect(isQuickWin({ score: 24, effort: 2.5 })).toBe(false);
    expect(isQuickWin(undefined)).toBe(false);
  });
});
