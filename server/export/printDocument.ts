import { channelLabel } from '../../shared/channels.ts';
import { departmentLabel } from '../../shared/departments.ts';
import { laneKindLabel } from '../../shared/lane-kinds.ts';
import type { Locale } from '../../shared/locale.ts';
import type { MapView } from '../../shared/read-map.ts';
import type { CardView } from '../../shared/records/card.ts';
import { EMOTION_MAX } from '../../shared/records/card.ts';
import type { LaneView } from '../../shared/records/lane.ts';
import type { StageView } from '../../shared/records/stage.ts';
import { PRIORITY_SCORE_MAX } from '../../shared/scoring.ts';
import { escapeHtml } from './escapeHtml.ts';
import { printLabels, type PrintLabels } from './labels.ts';

/**
 * `pages`: A3 landscape sheets, a few stages per sheet with the lane titles repeated on each
 * (what the browser prints and the PDF shows); `single`: the whole board on one large page (PNG).
 */
export type PrintLayout = 'pages' | 'single';

/** Stages side by side on one A3 landscape sheet: each column stays wide enough to read. */
export const STAGES_PER_SHEET = 6;

/** Width of the lane titles' column on an A3 sheet. */
const LANE_COLUMN_MM = 40;

/** Widths of the one-page layout in CSS pixels (the PNG is exactly this wide). */
const SINGLE_LANE_PX = 180;
const SINGLE_STAGE_PX = 230;
const SINGLE_MARGIN_PX = 24;

/** Height of the emotional curve's drawing, in CSS pixels. */
const CURVE_HEIGHT_PX = 90;

/**
 * The Content-Security-Policy of a print document: nothing may load or run; only the document's
 * own <style> element and inline SVG. Sent as the response header and repeated in a <meta> for
 * copies saved to disk and for the renderer.
 */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Options of printDocument. */
export interface PrintOptions {
  layout: PrintLayout;
  /** When the export was made (printed in the header). */
  exportedAt: Date;
}

/** Width in CSS pixels of the one-page layout of a map with `stageCount` stages. */
export function singlePageWidth(stageCount: number): number {
  return SINGLE_LANE_PX + Math.max(1, stageCount) * SINGLE_STAGE_PX + 2 * SINGLE_MARGIN_PX;
}

/**
 * A self-contained printable HTML document of the whole board: title, AS-IS/TO-BE state, every
 * stage as a column and every lane as a row, each card's text and badges, the emotional curve
 * as inline SVG, the unplaced cards; no scripts and no editing controls, in the map's language.
 * Every piece of map text is escaped.
 */
export function printDocument(view: MapView, options: PrintOptions): string {
  const locale: Locale = view.meta.locale ?? 'es';
  const t = printLabels(locale);
  const cells = cellIndex(view.cards);
  const chunks =
    options.layout === 'pages' ? chunked(view.stages, STAGES_PER_SHEET) : [view.stages];
  const placedCount = view.cards.length;
  const totalCards = placedCount + view.unplaced.length;
  const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'es-ES', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(options.exportedAt);

  const boards =
    view.stages.length === 0 || view.lanes.length === 0
      ? `<p class="empty">${escapeHtml(t.empty)}</p>`
      : chunks
          .map((stages, index) => {
            const first = index * STAGES_PER_SHEET + 1;
            const range =
              options.layout === 'pages' && chunks.length > 1
                ? `<p class="range">${escapeHtml(
                    t.stageRange(first, first + stages.length - 1, view.stages.length),
                  )}</p>`
                : '';
            return `<section class="sheet">${range}${boardTable(view, stages, cells, t, locale, options.layout)}</section>`;
          })
          .join('\n');

  const unplaced =
    view.unplaced.length === 0
      ? ''
      : `<section class="unplaced"><h2>${escapeHtml(t.unplaced)}</h2><p class="help">${escapeHtml(
          t.unplacedHelp,
        )}</p><div class="unplaced-cards">${view.unplaced
          .map((card) => cardHtml(card, t, locale))
          .join('')}</div></section>`;

  const title = view.meta.title || t.journeyMap;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PRINT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${stylesheet(options.layout, view.stages.length)}</style>
</head>
<body class="layout-${options.layout}">
<header class="doc-header">
<h1>${escapeHtml(title)}</h1>
<p class="facts"><span class="state state-${view.meta.state}">${escapeHtml(t.state[view.meta.state])}</span>
<span>${view.stages.length} ${escapeHtml(t.stages)} · ${view.lanes.length} ${escapeHtml(t.lanes)} · ${totalCards} ${escapeHtml(t.cards)}</span>
<span class="date">${escapeHtml(t.exportedOn)} ${escapeHtml(date)} (UTC)</span></p>
</header>
<main>
${boards}
${unplaced}
</main>
</body>
</html>
`;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

/** Placed cards by `stageId laneId`, in board order (readMap sorts them). */
function cellIndex(cards: readonly CardView[]): Map<string, CardView[]> {
  const index = new Map<string, CardView[]>();
  for (const card of cards) {
    const key = `${card.stageId} ${card.laneId}`;
    const list = index.get(key);
    if (list) list.push(card);
    else index.set(key, [card]);
  }
  return index;
}

function boardTable(
  view: MapView,
  stages: readonly StageView[],
  cells: Map<string, CardView[]>,
  t: PrintLabels,
  locale: Locale,
  layout: PrintLayout,
): string {
  const firstIndex = view.stages.indexOf(stages[0] as StageView);
  const cols =
    layout === 'single'
      ? `<col style="width:${SINGLE_LANE_PX}px">${stages
          .map(() => `<col style="width:${SINGLE_STAGE_PX}px">`)
          .join('')}`
      : `<col class="lane-col">${stages.map(() => '<col>').join('')}`;
  const head = `<thead><tr><th scope="col" class="corner">${escapeHtml(t.laneAndStage)}</th>${stages
    .map(
      (stage, i) =>
        `<th scope="col" class="stage"><span class="num">${firstIndex + i + 1}</span> ${escapeHtml(stage.name)}</th>`,
    )
    .join('')}</tr></thead>`;
  const rows = view.lanes
    .map((lane) => {
      const row = `<tr class="lane kind-${lane.kind}"><th scope="row" class="lane-title">${escapeHtml(
        lane.title,
      )}<span class="kind">${escapeHtml(laneKindLabel(lane.kind, locale))}</span></th>${stages
        .map(
          (stage) =>
            `<td>${(cells.get(`${stage.id} ${lane.id}`) ?? [])
              .map((card) => cardHtml(card, t, locale))
              .join('')}</td>`,
        )
        .join('')}</tr>`;
      return lane.kind === 'emotions' ? row + curveRow(lane, stages, cells, t) : row;
    })
    .join('\n');
  // A last sheet with fewer stages keeps the columns as wide as on the full sheets.
  const width =
    layout === 'pages' && stages.length < STAGES_PER_SHEET
      ? ` style="width:calc(${LANE_COLUMN_MM}mm + ${stages.length} * ((100% - ${LANE_COLUMN_MM}mm) / ${STAGES_PER_SHEET}))"`
      : '';
  return `<table class="board"${width}>${cols}${head}<tbody>${rows}</tbody></table>`;
}

/** The emotional curve of an emotions lane under it: the mean score of each stage's cards. */
function curveRow(
  lane: LaneView,
  stages: readonly StageView[],
  cells: Map<string, CardView[]>,
  t: PrintLabels,
): string {
  const scores = stages.map((stage) => {
    const values = (cells.get(`${stage.id} ${lane.id}`) ?? [])
      .map((card) => card.emotion)
      .filter((score): score is number => score !== undefined);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  });
  const n = stages.length;
  const x = (i: number) => `${(((i + 0.5) / n) * 100).toFixed(3)}%`;
  // +2 near the top, -2 near the bottom, as on the board (client/src/map/emotionCurve.ts).
  const y = (score: number) => `${(50 - (score / EMOTION_MAX) * 38).toFixed(2)}%`;
  const points = scores.flatMap((score, i) => (score === null ? [] : [{ i, score }]));
  const lines = points
    .slice(1)
    .map((p, k) => {
      const prev = points[k] as { i: number; score: number };
      return `<line x1="${x(prev.i)}" y1="${y(prev.score)}" x2="${x(p.i)}" y2="${y(p.score)}" class="curve-line"/>`;
    })
    .join('');
  const dots = points
    .map(
      (p) =>
        `<circle cx="${x(p.i)}" cy="${y(p.score)}" r="5" class="${p.score < 0 ? 'dot-low' : 'dot-high'}"><title>${escapeHtml(
          `${t.emotion} ${signed(Math.round(p.score * 10) / 10)}`,
        )}</title></circle>`,
    )
    .join('');
  const svg = `<svg class="curve" role="img" aria-label="${escapeHtml(`${t.emotionCurve}: ${lane.title}`)}" width="100%" height="${CURVE_HEIGHT_PX}" xmlns="http://www.w3.org/2000/svg"><line x1="0" y1="50%" x2="100%" y2="50%" class="zero"/>${lines}${dots}</svg>`;
  return `<tr class="curve-row"><th scope="row" class="lane-title">${escapeHtml(t.emotionCurve)}<span class="kind">${escapeHtml(lane.title)}</span></th><td colspan="${n}">${svg}</td></tr>`;
}

function signed(score: number): string {
  return score > 0 ? `+${score}` : String(score);
}

function formatScore(score: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'es-ES', {
    maximumFractionDigits: 1,
  }).format(score);
}

function cardHtml(card: CardView, t: PrintLabels, locale: Locale): string {
  const badges: string[] = [];
  if (card.emotion !== undefined) {
    badges.push(
      `<span class="badge emotion ${card.emotion < 0 ? 'low' : card.emotion > 0 ? 'high' : ''}">${escapeHtml(
        `${t.emotion} ${signed(card.emotion)} · ${t.emotions[card.emotion] ?? ''}`,
      )}</span>`,
    );
  }
  if (card.momentOfTruth) {
    badges.push(`<span class="badge mot">★ ${escapeHtml(t.momentOfTruth)}</span>`);
  }
  if (card.priority) {
    badges.push(
      `<span class="badge priority">${escapeHtml(
        `${t.priority} ${formatScore(card.priority.score, locale)}/${PRIORITY_SCORE_MAX}`,
      )}</span>`,
    );
  }
  if (card.channel) {
    badges.push(`<span class="badge">${escapeHtml(channelLabel(card.channel, locale))}</span>`);
  }
  if (card.department) {
    badges.push(
      `<span class="badge">${escapeHtml(departmentLabel(card.department, locale))}</span>`,
    );
  }
  return `<div class="card"><p class="text">${escapeHtml(card.text)}</p>${
    badges.length > 0 ? `<p class="badges">${badges.join(' ')}</p>` : ''
  }</div>`;
}

/**
 * The print stylesheet. Badges have square corners on purpose: thousands of rounded boxes make
 * Chromium's PDF twice as slow to render for a 2,400-card map (measured: about 8 s -> 4.5 s).
 */
function stylesheet(layout: PrintLayout, stageCount: number): string {
  const page =
    layout === 'pages' ? '@page { size: A3 landscape; margin: 10mm; }' : '@page { margin: 0; }';
  const sizing =
    layout === 'pages'
      ? `body { margin: 0; font-size: 10pt; }
.board { width: 100%; }
.lane-col { width: ${LANE_COLUMN_MM}mm; }
.sheet + .sheet { break-before: page; }`
      : `body { margin: ${SINGLE_MARGIN_PX}px; font-size: 12px; width: ${
          singlePageWidth(stageCount) - 2 * SINGLE_MARGIN_PX
        }px; }
.board { width: ${singlePageWidth(stageCount) - 2 * SINGLE_MARGIN_PX}px; }`;
  return `${page}
* { box-sizing: border-box; }
html { background: #fff; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; line-height: 1.3; }
${sizing}
.doc-header h1 { font-size: 1.9em; margin: 0 0 0.2em; }
.facts { margin: 0 0 0.8em; display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: baseline; color: #333; }
.state { font-weight: 700; padding: 0.1em 0.5em; border-radius: 0.3em; border: 1px solid #555; }
.state-to-be { background: #e3f1e6; border-color: #2e7d32; color: #1b4d20; }
.state-as-is { background: #e8eef8; border-color: #2f5597; color: #1d3563; }
.range { margin: 0 0 0.4em; font-weight: 600; color: #333; }
.board { border-collapse: collapse; table-layout: fixed; }
.board thead { display: table-header-group; }
.board th, .board td { border: 1px solid #9a9a9a; vertical-align: top; padding: 0.35em; text-align: left; }
.board thead th { background: #2f3b4c; color: #fff; font-size: 1.1em; }
.board thead th.corner { background: #4a5568; font-weight: 600; font-size: 0.95em; }
.stage .num { display: inline-block; min-width: 1.6em; padding: 0 0.3em; margin-right: 0.2em; border-radius: 0.8em; background: #fff; color: #2f3b4c; text-align: center; font-size: 0.85em; }
.lane-title { background: #f1f3f6; font-weight: 700; overflow-wrap: anywhere; }
.lane-title .kind { display: block; font-weight: 400; font-size: 0.85em; color: #4a4a4a; }
tr.lane, .card { break-inside: avoid; }
.card { background: #fff8d6; border: 1px solid #c9b458; border-radius: 0.3em; padding: 0.3em 0.4em; margin: 0 0 0.35em; }
.kind-pain-points .card { background: #fde4e1; border-color: #c9776b; }
.kind-opportunities .card { background: #e1f3e3; border-color: #6aa874; }
.kind-emotions .card { background: #eef0fb; border-color: #8890c9; }
.kind-moments-of-truth .card { background: #fff0d9; border-color: #d49a3a; }
.card .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.badges { margin: 0.25em 0 0; display: flex; flex-wrap: wrap; gap: 0.2em; }
.badge { display: inline-block; font-size: 0.82em; padding: 0 0.35em; background: #ececec; border: 1px solid #bdbdbd; color: #222; }
.badge.emotion.low { background: #fbd5d0; border-color: #c0584a; }
.badge.emotion.high { background: #d3efd6; border-color: #4d9a58; }
.badge.mot { background: #ffe7b3; border-color: #c88a12; font-weight: 600; }
.badge.priority { background: #e0e7ff; border-color: #5866b8; font-weight: 600; }
.curve-row td { padding: 0; background: #fafbff; }
.curve { display: block; }
.curve .zero { stroke: #9aa3b5; stroke-width: 1; stroke-dasharray: 4 4; }
.curve .curve-line { stroke: #3b4fa8; stroke-width: 2.5; }
.curve .dot-high { fill: #2e7d32; stroke: #fff; stroke-width: 1.5; }
.curve .dot-low { fill: #c62828; stroke: #fff; stroke-width: 1.5; }
.unplaced { break-before: page; }
.layout-single .unplaced { break-before: auto; margin-top: 1.5em; }
.unplaced-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(55mm, 1fr)); gap: 0.4em; }
.help { color: #444; }
.empty { font-size: 1.2em; color: #444; }
`;
}
