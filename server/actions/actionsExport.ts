import ExcelJS from 'exceljs';
import type { ActionJson } from '../../shared/actions.ts';
import type { MapView } from '../../shared/read-map.ts';
import type { CardView } from '../../shared/records/card.ts';
import { weightedPriorityScore, type PriorityWeights } from '../../shared/scoring.ts';
import { rowsCsv } from '../export/cardRows.ts';

/** The columns of the actions export, in order (the header row). */
export const ACTION_COLUMNS = [
  'title',
  'owner',
  'department',
  'due',
  'status',
  'cards',
  'kpi',
  'kpi_target',
  'created_at',
  'done_at',
] as const;

/** The columns of the pain points export, in order (the header row). */
export const PAIN_POINT_COLUMNS = [
  'stage',
  'lane_kind',
  'text',
  'department',
  'time',
  'cost',
  'customer_impact',
  'business_impact',
  'score',
  'moment_of_truth',
  'actions',
] as const;

type Cell = string | number | boolean | null;
type ActionColumn = (typeof ACTION_COLUMNS)[number];
type PainPointColumn = (typeof PAIN_POINT_COLUMNS)[number];

/** One action as a row. */
export type ActionExportRow = { readonly [K in ActionColumn]: Cell };
/** One pain point or opportunity as a row. */
export type PainPointRow = { readonly [K in PainPointColumn]: Cell };

/** Lane kinds whose cards are prioritised and turned into actions. */
const PRIORITISED_KINDS: ReadonlySet<string> = new Set(['pain-points', 'opportunities']);

/** Longest card text an actions row quotes per linked card (the card itself has the rest). */
const CARD_LABEL_MAX = 100;

/** A card's text on one line, shortened, to name it in a cell. */
function cardLabel(card: CardView): string {
  const line = card.text.replace(/\s+/g, ' ').trim();
  return line.length > CARD_LABEL_MAX ? `${line.slice(0, CARD_LABEL_MAX - 1)}…` : line;
}

/** Every card of the view (placed and unplaced) by id. */
function cardsById(view: MapView): Map<string, CardView> {
  return new Map([...view.cards, ...view.unplaced].map((card) => [card.id, card]));
}

/**
 * One row per action, in list order. `cards` names the linked cards by their text (joined by
 * "; "; cards deleted since are left out); dates are ISO 8601 (due as YYYY-MM-DD).
 */
export function actionRows(actions: readonly ActionJson[], view: MapView): ActionExportRow[] {
  const cards = cardsById(view);
  return actions.map((action) => ({
    title: action.title,
    owner: action.ownerName,
    department: action.department,
    due: action.due,
    status: action.status,
    cards: action.cardIds
      .map((id) => cards.get(id))
      .filter((card): card is CardView => card !== undefined)
      .map(cardLabel)
      .join('; '),
    kpi: action.kpi?.name ?? null,
    kpi_target: action.kpi?.target ?? null,
    created_at: action.createdAt,
    done_at: action.doneAt,
  }));
}

/** A card's score under the map's weights (shared/scoring.ts), to two decimals; null unscored. */
function mapScore(card: CardView, weights: PriorityWeights): number | null {
  if (!card.priority) return null;
  return Math.round(weightedPriorityScore(card.priority, weights) * 100) / 100;
}

/**
 * One row per pain-point and opportunity card, highest score first (weighted by the map's
 * priorityWeights; cards without factors last), ties in board order (stage by stage, lane by
 * lane, as stacked); `actions` names the actions linked to the card (titles joined by "; ").
 */
export function painPointRows(view: MapView, actions: readonly ActionJson[]): PainPointRow[] {
  const stageIndex = new Map(view.stages.map((stage, i) => [stage.id, i]));
  const laneIndex = new Map(view.lanes.map((lane, i) => [lane.id, i]));
  const stages = new Map(view.stages.map((stage) => [stage.id, stage]));
  const lanes = new Map(view.lanes.map((lane) => [lane.id, lane]));
  const titles = new Map<string, string[]>();
  for (const action of actions) {
    for (const id of action.cardIds) titles.set(id, [...(titles.get(id) ?? []), action.title]);
  }
  const cards = view.cards
    .filter((card) => PRIORITISED_KINDS.has(lanes.get(card.laneId)?.kind ?? ''))
    .map((card, order) => ({ card, order, score: mapScore(card, view.meta.priorityWeights) }))
    .sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) ||
        (stageIndex.get(a.card.stageId) ?? 0) - (stageIndex.get(b.card.stageId) ?? 0) ||
        (laneIndex.get(a.card.laneId) ?? 0) - (laneIndex.get(b.card.laneId) ?? 0) ||
        a.order - b.order,
    );
  return cards.map(({ card, score }) => ({
    stage: stages.get(card.stageId)?.name ?? null,
    lane_kind: lanes.get(card.laneId)?.kind ?? null,
    text: card.text,
    department: card.department ?? null,
    time: card.priority?.timeToFix ?? null,
    cost: card.priority?.costToFix ?? null,
    customer_impact: card.priority?.customerImpact ?? null,
    business_impact: card.priority?.businessImpact ?? null,
    score,
    moment_of_truth: card.momentOfTruth ?? false,
    actions: (titles.get(card.id) ?? []).join('; '),
  }));
}

/** The actions as CSV (UTF-8 with BOM, formula-safe: see rowsCsv). */
export function actionsCsv(rows: readonly ActionExportRow[]): Buffer {
  return rowsCsv(ACTION_COLUMNS, rows);
}

/** The pain points as CSV. */
export function painPointsCsv(rows: readonly PainPointRow[]): Buffer {
  return rowsCsv(PAIN_POINT_COLUMNS, rows);
}

/** Column widths of the XLSX sheets, in characters (unlisted: 14). */
const WIDTHS: Readonly<Record<string, number>> = {
  title: 40,
  owner: 22,
  cards: 50,
  kpi: 24,
  kpi_target: 16,
  created_at: 24,
  done_at: 24,
  stage: 22,
  text: 60,
  customer_impact: 16,
  business_impact: 16,
  moment_of_truth: 16,
  actions: 40,
};

/** Wrapped columns (long text). */
const WRAPPED: ReadonlySet<string> = new Set(['title', 'cards', 'text', 'actions']);

function addSheet<C extends string>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly C[],
  rows: readonly { readonly [K in C]: Cell }[],
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({ header: key, key, width: WIDTHS[key] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(
      Object.fromEntries(columns.map((column) => [column, row[column] ?? undefined])),
    );
    for (const column of columns) {
      if (WRAPPED.has(column)) {
        added.getCell(column).alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * Both lists as one XLSX workbook (exceljs): sheets "Actions" and "Pain points", bold frozen
 * headers with filters. Cells hold plain values, never formulas, so no text can run in Excel.
 */
export async function actionsXlsx(
  actions: readonly ActionExportRow[],
  painPoints: readonly PainPointRow[],
  title: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Recorrido';
  workbook.title = title;
  addSheet(workbook, 'Actions', ACTION_COLUMNS, actions);
  addSheet(workbook, 'Pain points', PAIN_POINT_COLUMNS, painPoints);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
