import type { CardView, LaneView, StageView } from '../../../shared/index.ts';

/** One row of the board grid under the stage headers: a lane, or the emotion curve under one. */
export type BoardRow =
  | { readonly kind: 'lane'; readonly key: string; readonly lane: LaneView }
  | { readonly kind: 'curve'; readonly key: string; readonly lane: LaneView };

/** The board's rows, top to bottom: each lane, and an emotion curve under each emotions lane. */
export function boardRows(lanes: readonly LaneView[]): BoardRow[] {
  return lanes.flatMap((lane): BoardRow[] =>
    lane.kind === 'emotions'
      ? [
          { kind: 'lane', key: lane.id, lane },
          { kind: 'curve', key: `curve:${lane.id}`, lane },
        ]
      : [{ kind: 'lane', key: lane.id, lane }],
  );
}

/** Sizes of the board, in CSS pixels at 100% zoom. */
export const BOARD = {
  /** Gap between grid tracks (the lines between cells). */
  gap: 1,
  /** The grid's border. */
  border: 1,
  /** Width of a stage column on a wide screen. */
  stageWidth: 256,
  /** Width of the lane header column on a wide screen and on a phone. */
  laneWidth: 176,
  phoneLaneWidth: 104,
  /** Narrowest stage column on a phone (one stage fills the rest of the screen). */
  phoneStageMin: 180,
  /** A cell's padding, top plus bottom, and the space between its cards. */
  cellPadding: 16,
  cardGap: 6.4,
  /**
   * A card not measured yet, guessed from what it shows (fitted to the rendered cards of a
   * 256 px stage): its padding, its text's lines, its rows of badges and the customers' verdict
   * (customer-facing lanes).
   */
  cardChrome: 12,
  cardLine: 18.5,
  cardCharsPerLine: 26,
  cardBadgeRow: 19,
  cardBadgesPerRow: 3,
  cardValidation: 25,
  /** The "+" button under an editor's cards. */
  addButton: 27,
  /** Shortest lane row (a cell's min-height, and room for the lane header). */
  minRow: 72,
  /** The emotion curve's row. */
  curveRow: 80,
  /** The stage header row, until measured. */
  header: 44,
  /** A card as a chip, zoomed far out (the overview). */
  chipEstimate: 22,
} as const;

/** How many badges a card shows (CardBadges): emotion, channel, score, moment of truth, ... */
function badgeCount(card: CardView): number {
  return (
    (card.emotion !== undefined ? 1 : 0) +
    (card.channel ? 1 : 0) +
    (card.priority ? 1 : 0) +
    (card.momentOfTruth ? 1 : 0) +
    (card.department ? 1 : 0) +
    ((card.personaIds?.length ?? 0) > 0 ? 1 : 0)
  );
}

/**
 * Height guessed for a card that has not been on screen yet. The closer the guess, the less the
 * board's first screen shifts (and renders again) once its cells are measured.
 */
export function estimateCard(card: CardView, lane: LaneView): number {
  // Words wrap where they may: on average, half a line more than the characters fill.
  const lines = Math.max(1, card.text.length / BOARD.cardCharsPerLine + 0.5);
  const badgeRows = Math.ceil(badgeCount(card) / BOARD.cardBadgesPerRow);
  return (
    BOARD.cardChrome +
    lines * BOARD.cardLine +
    badgeRows * BOARD.cardBadgeRow +
    (lane.customerVisible ? BOARD.cardValidation : 0)
  );
}

/** Height guessed for a cell of `lane` holding `cards` that has not been on screen yet. */
export function estimateCell(
  cards: readonly CardView[],
  lane: LaneView,
  editable: boolean,
  overview = false,
): number {
  if (overview) {
    return Math.max(BOARD.minRow, BOARD.cellPadding + cards.length * (BOARD.chipEstimate + 3.2));
  }
  let content = Math.max(0, cards.length - 1) * BOARD.cardGap;
  for (const card of cards) content += estimateCard(card, lane);
  if (editable) content += BOARD.addButton + (cards.length > 0 ? BOARD.cardGap : 0);
  return Math.max(BOARD.minRow, BOARD.cellPadding + content);
}

/**
 * A row's height: the tallest of its cells, each measured when it was last on screen, else
 * estimated from its cards. Cells far away keep their last measured height, so rows
 * do not jump while scrolling sideways.
 */
export function rowHeight(
  row: BoardRow,
  stages: readonly StageView[],
  measured: ReadonlyMap<string, number>,
  cardsIn: (stage: StageView) => readonly CardView[],
  editable: boolean,
  overview = false,
): number {
  let height = Math.max(
    row.kind === 'curve' ? BOARD.curveRow : BOARD.minRow,
    measured.get(sizeKey(row.key, 'head')) ?? 0,
  );
  if (row.kind === 'curve') return height;
  for (const stage of stages) {
    const known = measured.get(cellSizeKey(row.key, stage.id, overview));
    height = Math.max(height, known ?? estimateCell(cardsIn(stage), row.lane, editable, overview));
  }
  return height;
}

/**
 * The key of a measured cell: cells measured as chips (the overview) and as full cards are kept
 * apart, so zooming back in does not start from chip heights.
 */
export function cellSizeKey(rowKey: string, stageId: string, overview: boolean): string {
  return sizeKey(rowKey, overview ? `overview:${stageId}` : stageId);
}

/** The key of a measured cell (`column` is a stage id, or 'head' for the row header). */
export function sizeKey(rowKey: string, column: string): string {
  return `${rowKey}|${column}`;
}

/** Zoom levels offered besides "fit": 50% and 100%. */
export const ZOOM_STEPS = [0.5, 1] as const;
/** Below this zoom, cards show as compact chips (an overview) instead of their full text. */
export const OVERVIEW_BELOW = 0.45;
/** Smallest zoom "fit" goes to; a huge map is then scrolled at this size. */
export const MIN_ZOOM = 0.1;

/** The zoom at which a board of this size fits in the viewport, capped at 100%. */
export function fitZoom(
  board: { width: number; height: number },
  viewport: { width: number; height: number },
): number {
  if (board.width <= 0 || board.height <= 0) return 1;
  const zoom = Math.min(viewport.width / board.width, viewport.height / board.height, 1);
  return Math.max(MIN_ZOOM, Math.floor(zoom * 100) / 100);
}
