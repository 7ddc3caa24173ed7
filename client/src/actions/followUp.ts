import type { Action } from './actionTypes.ts';

/** The prioritisation a linked card carries (only cards with all four factors have one). */
export interface CardPriority {
  /** 1..25, higher = do first (shared/scoring.ts priorityScore). */
  score: number;
  /** Mean of time and cost to fix, 1..5. */
  effort: number;
}

/** The priority of a card of a map, or undefined when the card has none (or is unknown). */
export type PriorityOf = (mapId: string, cardId: string) => CardPriority | undefined;

/** A card worth a quick win scores at least this much... */
export const QUICK_WIN_MIN_SCORE = 12;
/** ...with at most this effort (mean of time and cost to fix; 2 = "weeks, cheap"). */
export const QUICK_WIN_MAX_EFFORT = 2;

/** How many days "due this week" looks ahead, today included. */
export const WEEK_DAYS = 7;

/** The weekly follow-up of a list of actions. An action may be in more than one group. */
export interface FollowUp<A extends Action> {
  /** Not done, due before today; the oldest first. */
  overdue: A[];
  /** Not done, due today or in the next six days; the soonest first. */
  dueThisWeek: A[];
  /** Done within the last seven days; the latest first. */
  doneLastWeek: A[];
  /** Not done and linked to a card of high score and low effort; the best card first. */
  quickWins: A[];
}

/** The local calendar day of `now` as 'YYYY-MM-DD' (due dates are calendar days, not instants). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const moved = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + days));
  return moved.toISOString().slice(0, 10);
}

/** Whether a card priority makes a quick win: high score, low effort. */
export function isQuickWin(priority: CardPriority | undefined): boolean {
  return (
    !!priority && priority.score >= QUICK_WIN_MIN_SCORE && priority.effort <= QUICK_WIN_MAX_EFFORT
  );
}

/** The best quick-win score among an action's linked cards, or null when none is a quick win. */
function bestQuickWin(action: Action, priorityOf: PriorityOf): number | null {
  let best: number | null = null;
  for (const cardId of action.cardIds) {
    const priority = priorityOf(action.mapId, cardId);
    if (priority && isQuickWin(priority) && (best === null || priority.score > best)) {
      best = priority.score;
    }
  }
  return best;
}

const byDue = (a: Action, b: Action) =>
  (a.due ?? '').localeCompare(b.due ?? '') || a.createdAt.localeCompare(b.createdAt);

/**
 * Groups actions for the weekly follow-up at `now`: what is late, what falls due in the coming
 * seven days, what was finished in the last seven days ("since last week") and the quick wins
 * still open. Pure: the same actions, time and priorities give the same groups.
 */
export function followUp<A extends Action>(
  actions: readonly A[],
  now: Date,
  priorityOf: PriorityOf,
): FollowUp<A> {
  const today = localDay(now);
  const weekEnd = addDays(today, WEEK_DAYS - 1);
  const weekAgo = now.getTime() - WEEK_DAYS * 24 * 60 * 60 * 1000;
  const open = actions.filter((a) => a.status !== 'done');
  const overdue = open.filter((a) => a.due !== null && a.due < today).sort(byDue);
  const dueThisWeek = open
    .filter((a) => a.due !== null && a.due >= today && a.due <= weekEnd)
    .sort(byDue);
  const doneLastWeek = actions
    .filter((a) => {
      if (a.status !== 'done' || a.doneAt === null) return false;
      // No upper bound: a page's clock ticks every 30 s, so what was just done may look ahead.
      return Date.parse(a.doneAt) >= weekAgo;
    })
    .sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
  const quickWins = open
    .map((action) => ({ action, score: bestQuickWin(action, priorityOf) }))
    .filter((entry): entry is { action: A; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || byDue(a.action, b.action))
    .map((entry) => entry.action);
  return { overdue, dueThisWeek, doneLastWeek, quickWins };
}
