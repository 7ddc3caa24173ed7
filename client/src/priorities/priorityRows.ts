import {
  weightedPriorityScore,
  type CardView,
  type LaneKind,
  type MapView,
  type PriorityFactorKey,
  type PriorityWeights,
} from '../../../shared/index.ts';

/**
 * The prioritisation page as pure functions: which cards it lists, how the table sorts, where
 * each card sits on the impact/effort matrix and which pain points go with each moment of truth.
 */

/** Lane kinds whose cards are prioritised. */
export const PRIORITISED_KINDS = ['pain-points', 'opportunities'] as const;

/** One of them. */
export type PrioritisedKind = (typeof PRIORITISED_KINDS)[number];

/** One row of the table: a pain point or opportunity. */
export interface PriorityRow {
  readonly card: CardView;
  readonly kind: PrioritisedKind;
  readonly stageId: string;
  readonly stageName: string;
  /** Position of the stage on the board (for sorting by stage). */
  readonly stageIndex: number;
  /** Position on the board overall (stage, lane, cell order): the tie-breaker. */
  readonly boardIndex: number;
  /** The weighted score, undefined when the card is not scored (not all four factors). */
  readonly score: number | undefined;
  /** Rank by score, 1 = do first; undefined when not scored. */
  readonly rank: number | undefined;
}

function isPrioritised(kind: LaneKind | undefined): kind is PrioritisedKind {
  return kind === 'pain-points' || kind === 'opportunities';
}

/**
 * The pain points and opportunities of a map with their weighted scores, in board order (stage
 * by stage, then lane, then within the cell), ranked by score (ties: board order).
 */
export function priorityRows(view: MapView, weights: PriorityWeights): PriorityRow[] {
  const stageIndex = new Map(view.stages.map((s, i) => [s.id, i]));
  const stageName = new Map(view.stages.map((s) => [s.id, s.name]));
  const laneIndex = new Map(view.lanes.map((l, i) => [l.id, i]));
  const laneKind = new Map(view.lanes.map((l) => [l.id, l.kind]));
  const found = view.cards
    .map((card, at) => ({ card, at, kind: laneKind.get(card.laneId) }))
    .filter((x): x is { card: CardView; at: number; kind: PrioritisedKind } =>
      isPrioritised(x.kind),
    )
    .sort(
      (a, b) =>
        (stageIndex.get(a.card.stageId) ?? 0) - (stageIndex.get(b.card.stageId) ?? 0) ||
        (laneIndex.get(a.card.laneId) ?? 0) - (laneIndex.get(b.card.laneId) ?? 0) ||
        a.at - b.at,
    );
  const rows = found.map(({ card, kind }, boardIndex) => ({
    card,
    kind,
    stageId: card.stageId,
    stageName: stageName.get(card.stageId) ?? '',
    stageIndex: stageIndex.get(card.stageId) ?? 0,
    boardIndex,
    score: card.priority ? weightedPriorityScore(card.priority, weights) : undefined,
  }));
  const ranked = rows
    .filter((r) => r.score !== undefined)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.boardIndex - b.boardIndex);
  const rankOf = new Map(ranked.map((r, i) => [r.card.id, i + 1]));
  return rows.map((r) => ({ ...r, rank: rankOf.get(r.card.id) }));
}

/** Columns the table sorts by. */
export type SortKey = 'rank' | 'stage' | 'kind' | 'text' | PriorityFactorKey | 'score';

/** A sort: column and direction. */
export interface Sort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

/** The table's first sort: highest score first. */
export const DEFAULT_SORT: Sort = { key: 'score', direction: 'descending' };

/** The direction a column starts in when chosen: numbers that mean "more" start high first. */
export function firstDirection(key: SortKey): Sort['direction'] {
  return key === 'score' || key === 'customerImpact' || key === 'businessImpact'
    ? 'descending'
    : 'ascending';
}

function value(row: PriorityRow, key: SortKey): number | string | undefined {
  switch (key) {
    case 'rank':
      return row.rank;
    case 'stage':
      return row.stageIndex;
    case 'kind':
      return row.kind;
    case 'text':
      return row.card.text.trim().toLocaleLowerCase();
    case 'score':
      return row.score;
    default:
      return row.card.priority?.[key];
  }
}

/**
 * The rows sorted by a column. Rows without a value (not scored) always go last, whatever the
 * direction; ties keep board order.
 */
export function sortRows(rows: readonly PriorityRow[], sort: Sort, locale: string): PriorityRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
      return a.boardIndex - b.boardIndex;
    }
    const order =
      typeof va === 'string' && typeof vb === 'string'
        ? va.localeCompare(vb, locale)
        : Number(va) - Number(vb);
    return sign * order || a.boardIndex - b.boardIndex;
  });
}

/** Weighted mean of two factors; the plain mean when both weights are 0. */
function mean(a: number, wa: number, b: number, wb: number): number {
  return wa + wb === 0 ? (a + b) / 2 : (a * wa + b * wb) / (wa + wb);
}

/** A card on the impact/effort matrix: both axes 1..5 (weighted means of their two factors). */
export interface MatrixPoint {
  readonly row: PriorityRow;
  readonly impact: number;
  readonly effort: number;
}

/** The scored rows as matrix points, most important first (they are drawn last, on top). */
export function matrixPoints(
  rows: readonly PriorityRow[],
  weights: PriorityWeights,
): MatrixPoint[] {
  return rows
    .filter((r) => r.card.priority && r.rank !== undefined)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .flatMap((row) => {
      const p = row.card.priority;
      if (!p) return [];
      return [
        {
          row,
          impact: mean(
            p.customerImpact,
            weights.customerImpact,
            p.businessImpact,
            weights.businessImpact,
          ),
          effort: mean(p.timeToFix, weights.timeToFix, p.costToFix, weights.costToFix),
        },
      ];
    });
}

/** A moment of truth and the pain points of its stage. */
export interface MomentOfTruth {
  readonly card: CardView;
  readonly stageName: string;
  /** Pain points (not opportunities) of the same stage, highest score first, unscored last. */
  readonly pains: readonly PriorityRow[];
}

/**
 * The map's moments of truth (cards flagged as such, or in a moments-of-truth lane), in board
 * order, each with the pain points of its stage.
 */
export function momentsOfTruth(view: MapView, rows: readonly PriorityRow[]): MomentOfTruth[] {
  const stageIndex = new Map(view.stages.map((s, i) => [s.id, i]));
  const stageName = new Map(view.stages.map((s) => [s.id, s.name]));
  const laneKind = new Map(view.lanes.map((l) => [l.id, l.kind]));
  const pains = sortRows(
    rows.filter((r) => r.kind === 'pain-points'),
    DEFAULT_SORT,
    'en',
  );
  return view.cards
    .map((card, at) => ({ card, at }))
    .filter(({ card }) => card.momentOfTruth || laneKind.get(card.laneId) === 'moments-of-truth')
    .sort(
      (a, b) =>
        (stageIndex.get(a.card.stageId) ?? 0) - (stageIndex.get(b.card.stageId) ?? 0) ||
        a.at - b.at,
    )
    .map(({ card }) => ({
      card,
      stageName: stageName.get(card.stageId) ?? '',
      pains: pains.filter((r) => r.stageId === card.stageId),
    }));
}
