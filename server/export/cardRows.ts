import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { MapView } from '../../shared/read-map.ts';
import type { CardView } from '../../shared/records/card.ts';

/** The columns of the CSV and XLSX exports, in order (the header row). */
export const CARD_COLUMNS = [
  'stage',
  'lane',
  'lane_kind',
  'text',
  'emotion',
  'channel',
  'department',
  'time',
  'cost',
  'customer_impact',
  'business_impact',
  'score',
  'moment_of_truth',
] as const;

/** One column's name. */
export type CardColumn = (typeof CARD_COLUMNS)[number];

/** One card as a row: text cells, numbers where the card has them, null where it has none. */
export type CardRow = { readonly [K in CardColumn]: string | number | boolean | null };

/**
 * One row per card in board order: stage by stage (left to right), lane by lane (top to bottom),
 * then as stacked in the cell; unplaced cards last, with no stage or lane. Text is the card's
 * plain text (paragraphs joined by newlines); channel, department and lane kind are their ids.
 */
export function cardRows(view: MapView): CardRow[] {
  const stageIndex = new Map(view.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(view.lanes.map((l, i) => [l.id, i]));
  const stages = new Map(view.stages.map((s) => [s.id, s]));
  const lanes = new Map(view.lanes.map((l) => [l.id, l]));
  // readMap sorts lane by lane; a spreadsheet reads a journey stage by stage. The sort is
  // stable, so cards of one cell keep their order.
  const placed = [...view.cards].sort(
    (a, b) =>
      (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
      (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0),
  );
  const row = (card: CardView): CardRow => {
    const lane = lanes.get(card.laneId);
    return {
      stage: stages.get(card.stageId)?.name ?? null,
      lane: lane?.title ?? null,
      lane_kind: lane?.kind ?? null,
      text: card.text,
      emotion: card.emotion ?? null,
      channel: card.channel ?? null,
      department: card.department ?? null,
      time: card.priority?.timeToFix ?? null,
      cost: card.priority?.costToFix ?? null,
      customer_impact: card.priority?.customerImpact ?? null,
      business_impact: card.priority?.businessImpact ?? null,
      score: card.priority?.score ?? null,
      moment_of_truth: card.momentOfTruth ?? false,
    };
  };
  return [...placed.map(row), ...view.unplaced.map(row)];
}

/** A text cell Excel or LibreOffice would run as a formula ("=", "+", "-", "@", tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The rows as CSV: UTF-8 with a byte-order mark (so Excel reads accents right), a header row,
 * CRLF line ends. Text that a spreadsheet would take for a formula gets a leading apostrophe
 * (OWASP's advice against CSV injection): a card saying "=HYPERLINK(...)" stays text.
 */
export function cardsCsv(rows: readonly CardRow[]): Buffer {
  return rowsCsv(CARD_COLUMNS, rows);
}

/** Any rows as CSV, as cardsCsv writes them (BOM, header, CRLF, formula-safe text). */
export function rowsCsv<C extends string>(
  columns: readonly C[],
  rows: readonly { readonly [K in C]: string | number | boolean | null }[],
): Buffer {
  const text = stringify(
    rows.map((row) =>
      columns.map((column) => {
        const value = row[column];
        if (value === null) return '';
        if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
        return String(value);
      }),
    ),
    { header: true, columns: [...columns], record_delimiter: 'windows' },
  );
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

/** Column widths of the XLSX sheet, in characters. */
const XLSX_WIDTHS: Readonly<Record<CardColumn, number>> = {
  stage: 22,
  lane: 22,
  lane_kind: 16,
  text: 60,
  emotion: 9,
  channel: 12,
  department: 16,
  time: 7,
  cost: 7,
  customer_impact: 16,
  business_impact: 16,
  score: 8,
  moment_of_truth: 16,
};

/**
 * The rows as an XLSX workbook (exceljs): sheet "Cards", bold frozen header with a filter,
 * wrapped text. Cells hold plain values, never formulas, so card text cannot run in Excel.
 */
export async function cardsXlsx(rows: readonly CardRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Recorrido';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Cards', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CARD_COLUMNS.map((key) => ({ header: key, key, width: XLSX_WIDTHS[key] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(
      Object.fromEntries(CARD_COLUMNS.map((column) => [column, row[column] ?? undefined])),
    );
    added.getCell('text').alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CARD_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
