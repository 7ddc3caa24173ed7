import type { EditorResult, MapFigures, TypingFigures } from './index.ts';
import type { FirstRender } from './probe.ts';

/** The Event Timing API reports nothing under 16 ms: a keystroke under it counts as 16 ms. */
const EVENT_TIMING_FLOOR_MS = 16;

/** The targets (issue 12, "Speed"), for the big map against the demo of the same run. */
export const EDITOR_TARGETS = {
  firstRenderMs: 1_200,
  typingP95Ratio: 1.25,
  longTaskMs: 50,
  scrollMedianFrameMs: 20,
} as const;

type Verdict = 'PASS' | 'FAIL' | '-';

function ms(value: number | null | undefined, digits = 0): string {
  if (value === null) return `< ${EVENT_TIMING_FLOOR_MS}`;
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function ratio(big: number, demo: number): string {
  if (!Number.isFinite(big) || !Number.isFinite(demo) || demo <= 0) return 'n/a';
  return `${(big / demo).toFixed(2)}x`;
}

/** An Event Timing percentile, with the API's floor for the unreported (fast) keys. */
function floored(value: number | null): number {
  return value ?? EVENT_TIMING_FLOOR_MS;
}

function verdict(pass: boolean | undefined): Verdict {
  if (pass === undefined) return '-';
  return pass ? 'PASS' : 'FAIL';
}

interface Row {
  measure: string;
  big: string;
  demo: string;
  ratio: string;
  target: string;
  result: Verdict;
}

function typingRows(
  what: string,
  pick: (m: MapFigures) => TypingFigures,
  big: MapFigures,
  demo: MapFigures,
): Row[] {
  const b = pick(big);
  const d = pick(demo);
  const p95Ratio = floored(b.eventTiming.p95Ms) / floored(d.eventTiming.p95Ms);
  return [
    {
      measure: `typing p50 ${what}, ms (Event Timing)`,
      big: ms(b.eventTiming.p50Ms),
      demo: ms(d.eventTiming.p50Ms),
      ratio: ratio(floored(b.eventTiming.p50Ms), floored(d.eventTiming.p50Ms)),
      target: '',
      result: '-',
    },
    {
      measure: `typing p95 ${what}, ms (Event Timing)`,
      big: ms(b.eventTiming.p95Ms),
      demo: ms(d.eventTiming.p95Ms),
      ratio: ratio(floored(b.eventTiming.p95Ms), floored(d.eventTiming.p95Ms)),
      target: `big within ${EDITOR_TARGETS.typingP95Ratio}x demo`,
      result: verdict(p95Ratio <= EDITOR_TARGETS.typingP95Ratio),
    },
    {
      measure: `keydown to frame end p50 / p95 ${what}, ms (rAF)`,
      big: `${ms(b.p50Ms)} / ${ms(b.p95Ms)}`,
      demo: `${ms(d.p50Ms)} / ${ms(d.p95Ms)}`,
      ratio: `${ratio(b.p95Ms, d.p95Ms)} (p95)`,
      target: '',
      result: '-',
    },
  ];
}

function table(rows: Row[], big: MapFigures, demo: MapFigures): string {
  const head = `| measure | big map (${big.cards.toLocaleString('en-US')} cards) | demo (${demo.cards} cards) | big / demo | target | result |`;
  return [
    head,
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) => `| ${r.measure} | ${r.big} | ${r.demo} | ${r.ratio} | ${r.target} | ${r.result} |`,
    ),
  ].join('\n');
}

function mainRows(result: EditorResult, big: MapFigures, demo: MapFigures): Row[] {
  const { plan } = result;
  const remote = `with ${plan.remoteClients} remote editors`;
  const first = (m: MapFigures) => m.firstRender.samples.at(-1);
  return [
    {
      measure: `first render, nobody else on the map (server loads it), ms (median of ${plan.firstRenderSamples} loads)`,
      big: ms(big.firstRender.medianMs),
      demo: ms(demo.firstRender.medianMs),
      ratio: ratio(big.firstRender.medianMs, demo.firstRender.medianMs),
      target: `big < ${EDITOR_TARGETS.firstRenderMs.toLocaleString('en-US')} ms`,
      result: verdict(big.firstRender.medianMs < EDITOR_TARGETS.firstRenderMs),
    },
    {
      measure: `first render while a colleague has the map open, ms (median of ${plan.firstRenderSamples})`,
      big: ms(big.warmFirstRender.medianMs),
      demo: ms(demo.warmFirstRender.medianMs),
      ratio: ratio(big.warmFirstRender.medianMs, demo.warmFirstRender.medianMs),
      target: '',
      result: '-',
    },
    {
      measure: 'DOM elements at first render',
      big: ms(first(big)?.domElements),
      demo: ms(first(demo)?.domElements),
      ratio: ratio(first(big)?.domElements ?? Number.NaN, first(demo)?.domElements ?? Number.NaN),
      target: '',
      result: '-',
    },
    {
      measure: 'cards in the DOM at first render',
      big: ms(first(big)?.cards),
      demo: ms(first(demo)?.cards),
      ratio: ratio(first(big)?.cards ?? Number.NaN, first(demo)?.cards ?? Number.NaN),
      target: '',
      result: '-',
    },
    ...typingRows('alone', (m) => m.typingAlone, big, demo),
    ...typingRows(remote, (m) => m.typingRemote, big, demo),
    {
      measure: `long tasks, idle page, ${remote} for ${(plan.longTaskWindowMs / 1000).toFixed(0)} s: count`,
      big: ms(big.remoteLongTasks.count),
      demo: ms(demo.remoteLongTasks.count),
      ratio: '',
      target: '',
      result: '-',
    },
    {
      measure: '... the longest, ms',
      big: ms(big.remoteLongTasks.maxMs),
      demo: ms(demo.remoteLongTasks.maxMs),
      ratio: '',
      target: `big: none over ${EDITOR_TARGETS.longTaskMs} ms`,
      result: verdict(big.remoteLongTasks.count === 0),
    },
    {
      measure: 'scroll frame time median, ms',
      big: ms(big.scroll.medianMs, 1),
      demo: ms(demo.scroll.medianMs, 1),
      ratio: ratio(big.scroll.medianMs, demo.scroll.medianMs),
      target: `big < ${EDITOR_TARGETS.scrollMedianFrameMs} ms`,
      result: verdict(big.scroll.medianMs < EDITOR_TARGETS.scrollMedianFrameMs),
    },
    {
      measure: 'scroll frame time p95 / max, ms',
      big: `${ms(big.scroll.p95Ms, 1)} / ${ms(big.scroll.maxMs)}`,
      demo: `${ms(demo.scroll.p95Ms, 1)} / ${ms(demo.scroll.maxMs)}`,
      ratio: ratio(big.scroll.p95Ms, demo.scroll.p95Ms),
      target: '',
      result: '-',
    },
  ];
}

/** The page's steps before its first render, in the order they happened. */
function bootSteps(sample: FirstRender): string {
  return Object.entries(sample.steps)
    .sort(([, a], [, b]) => a - b)
    .map(([step, at]) => `${step} ${ms(at)}, `)
    .join('');
}

function details(result: EditorResult, big: MapFigures, demo: MapFigures): string {
  const { plan } = result;
  const lines: string[] = [];
  for (const m of [big, demo]) {
    const list = (samples: FirstRender[]) =>
      samples.map((s) => `${ms(s.ms)} (${bootSteps(s)}first card ${ms(s.firstCardMs)})`).join(', ');
    const loads = `${list(m.firstRender.samples)}; while open elsewhere ${list(m.warmFirstRender.samples)}`;
    const typing = (t: TypingFigures) =>
      `${t.keys} keys, Event Timing reported ${t.eventTiming.reported} (max ${ms(t.eventTiming.maxMs)} ms), ` +
      `rAF max ${ms(t.maxMs)} ms, ${t.longTasks.count} long task(s) while typing (longest ${ms(t.longTasks.maxMs)} ms)`;
    lines.push(
      `- **${m.label}**: first-render loads ${loads} ms; typing alone: ${typing(m.typingAlone)}; ` +
        `with remote editors: ${typing(m.typingRemote)}; remote edits sent ${m.remoteEdits}` +
        `${m.remoteLagged ? ' (the remote clients fell behind their pace)' : ''}; ` +
        `long tasks in the idle window: ${m.remoteLongTasks.count}, ${ms(m.remoteLongTasks.totalMs)} ms in all ` +
        `over ${ms(m.remoteLongTasks.windowMs)} ms; scroll: ${m.scroll.frames} frames, ` +
        `scrolled ${m.scroll.scrolledX} px right and ${m.scroll.scrolledY} px down; ${m.scroll.scroller}.`,
    );
  }
  const shape = plan.bigShape;
  lines.push(
    `- Maps, both created through the real server by the benchmark user: the demo is the app's ` +
      `travel-alert-demo template in English (${demo.cards} cards, as the server seeds it); the big map a blank ` +
      `map whose stages and lanes one collaboration client replaced with ${shape.stages} stages x ` +
      `${shape.lanes} lanes x ${shape.cardsPerCell} cards (${big.cards.toLocaleString('en-US')}), written with the shared operations.`,
  );
  lines.push(
    `- Plan: ${plan.typedChars} keys per typing run, one every ${plan.keyIntervalMs} ms plus the time ` +
      `the page takes to take it (a run stops after ${plan.maxTypingMs / 1000} s); ${plan.remoteClients} remote ` +
      `clients typing ${plan.remoteEditsPerSecond} characters/s each; wheel ${plan.scroll.steps} steps of ` +
      `${plan.scroll.stepPx} px every ${plan.scroll.stepMs} ms right, then down; viewport ` +
      `${plan.viewport.width}x${plan.viewport.height}.`,
  );
  return lines.join('\n');
}

/** The bench/editor section of the report (markdown, no heading). */
export function editorReport(result: EditorResult): string {
  const { big, demo } = result;
  const out: string[] = [
    `- Chromium: ${result.chromium || 'n/a'} (headless, --disable-gpu); the suite took ${(result.durationMs / 1000).toFixed(0)} s, ` +
      `the machine's CPU use meanwhile ${ms(result.machineCpuPercent)} % of ${result.cores * 100} % (everything, the benchmark included).`,
    '',
  ];
  if (result.error) out.push('**The suite failed:**', '', '```', result.error, '```', '');
  if (!big || !demo) return out.join('\n');
  const rows = mainRows(result, big, demo);
  const judged = rows.filter((r) => r.result !== '-');
  out.push(
    `Targets (issue 12) apply to the big map, against the demo of the same run: ` +
      `${judged.filter((r) => r.result === 'PASS').length} of ${judged.length} met.`,
    '',
    table(rows, big, demo),
    '',
    `Event Timing reports only interactions of ${EVENT_TIMING_FLOOR_MS} ms or more ("< ${EVENT_TIMING_FLOOR_MS}": ` +
      `the percentile fell among the unreported keys; it counts as ${EVENT_TIMING_FLOOR_MS} ms in ratios). ` +
      'The rAF figure is keydown to the end of the first frame after the key changed the DOM ' +
      '(and the tasks queued behind that frame, such as remote updates).',
    '',
    details(result, big, demo),
    '',
  );
  return out.join('\n');
}
