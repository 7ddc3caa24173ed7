/**
 * bench/editor: the real web client in Chromium on the 48-card demo and on a 2,400-card map,
 * side by side in one run, while scripted remote clients edit through the real server.
 * Measures time to first render, keystroke-to-paint latency (alone and with remote editors),
 * long tasks during remote edits and scroll frame times (see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserServer,
  type Page,
} from '@playwright/test';
import { SCHEMA_VERSION, mapDocName, type MapId } from '../../shared/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/support/chromium.ts';
import type { BigMapShape } from '../collab/bigMap.ts';
import type { ServerIn, ServerOut } from '../collab/protocol.ts';
import { createBenchMap, signUpBenchUser, type BenchSession } from '../collab/recorridoSession.ts';
import { Child, trackProcessGroup } from '../lib/children.ts';
import { sleep } from '../lib/clock.ts';
import { machineCpuPercent, sampleMachine } from '../lib/procstat.ts';
import {
  findScroller,
  installProbe,
  pageNow,
  readFirstRender,
  readTimings,
  startFrames,
  startKeys,
  stopFrames,
  stopKeys,
  type EventEntry,
  type FirstRender,
  type KeyRecord,
  type LongTask,
  type ScrollerDescription,
} from './probe.ts';
import type { MapTarget, RemoteIn, RemoteOut } from './protocol.ts';
import { deltas, max, median, percentile } from './stats.ts';

const HERE = import.meta.dirname;
const ROOT = path.join(HERE, '..', '..');
const CLIENT_DIR = path.join(ROOT, 'dist', 'client');
const SERVER_SCRIPT = path.join(HERE, '..', 'collab', 'serverChild.ts');
const REMOTE_SCRIPT = path.join(HERE, 'remoteWorker.ts');

/** How much each phase measures. */
export interface EditorPlan {
  bigShape: BigMapShape;
  /** Page loads per map for the first-render figure (the last one's page is then used). */
  firstRenderSamples: number;
  /** Characters typed, one key at a time, per typing run. */
  typedChars: number;
  /** Pause between two keys (a brisk typist: 10 keys/s). */
  keyIntervalMs: number;
  /** A typing run stops sending keys after this long (a page that is far behind). */
  maxTypingMs: number;
  remoteClients: number;
  /** Characters each remote client types per second. */
  remoteEditsPerSecond: number;
  /** How long the idle page is watched for long tasks while the remote clients type. */
  longTaskWindowMs: number;
  /** Wheel steps per direction (horizontal, then vertical), their size and pace. */
  scroll: { steps: number; stepPx: number; stepMs: number };
  viewport: { width: number; height: number };
}

export const FULL_EDITOR_PLAN: EditorPlan = {
  bigShape: { stages: 40, lanes: 12, cardsPerCell: 5 },
  firstRenderSamples: 5,
  typedChars: 60,
  keyIntervalMs: 100,
  maxTypingMs: 15_000,
  remoteClients: 10,
  remoteEditsPerSecond: 3,
  longTaskWindowMs: 10_000,
  scroll: { steps: 60, stepPx: 100, stepMs: 25 },
  viewport: { width: 1280, height: 800 },
};

export const QUICK_EDITOR_PLAN: EditorPlan = {
  bigShape: { stages: 20, lanes: 12, cardsPerCell: 5 },
  firstRenderSamples: 1,
  typedChars: 20,
  keyIntervalMs: 100,
  maxTypingMs: 8_000,
  remoteClients: 4,
  remoteEditsPerSecond: 3,
  longTaskWindowMs: 3_000,
  scroll: { steps: 30, stepPx: 100, stepMs: 25 },
  viewport: { width: 1280, height: 800 },
};

/** Keystroke-to-paint latency of one typing run. */
export interface TypingFigures {
  /** Keys measured (fewer than planned when the run hit maxTypingMs). */
  keys: number;
  /** keydown timestamp to the end of the first frame after the key's DOM change. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /**
   * The same keys by the Event Timing API (keydown/keypress/keyup entries of one interaction,
   * input to next paint). It reports only interactions of 16 ms or more: `reported` of `keys`;
   * a percentile whose rank falls among the unreported ones is null (under 16 ms).
   */
  eventTiming: { reported: number; p50Ms: number | null; p95Ms: number | null; maxMs: number };
  /** Long tasks while typing. */
  longTasks: { count: number; maxMs: number };
}

export interface MapFigures {
  label: string;
  cards: number;
  /** Opens while nobody has the map open: the server loads it from storage each time. */
  firstRender: { samples: FirstRender[]; medianMs: number };
  /**
   * Opens while a colleague has the map open (as in a workshop), so the server has it loaded; the
   * same as a reopen within the server's unload grace period.
   */
  warmFirstRender: { samples: FirstRender[]; medianMs: number };
  typingAlone: TypingFigures;
  typingRemote: TypingFigures;
  /** The idle page watched for long tasks while the remote clients type. */
  remoteLongTasks: { windowMs: number; count: number; maxMs: number; totalMs: number };
  /** Remote edits sent (all clients) from the start of typing with them to the end of the window. */
  remoteEdits: number;
  /** The remote clients fell behind their pace. */
  remoteLagged: boolean;
  scroll: {
    scroller: string;
    frames: number;
    medianMs: number;
    p95Ms: number;
    maxMs: number;
    scrolledX: number;
    scrolledY: number;
  };
}

export interface EditorResult {
  plan: EditorPlan;
  chromium: string;
  /** The whole machine's CPU use over the suite (benchmark included), % of one core. */
  machineCpuPercent: number;
  cores: number;
  demo?: MapFigures;
  big?: MapFigures;
  error?: string;
  durationMs: number;
}

export interface EditorOptions {
  plan: EditorPlan;
  /** Build the client (vite build) first; off when dist/client is known to be current. */
  build: boolean;
  /** CSS selector of the board's scroll container; default: found from [role=grid]. */
  scrollSelector?: string | undefined;
  log(line: string): void;
}

type ServerChild = Child<ServerIn, ServerOut>;
type RemoteChild = Child<RemoteIn, RemoteOut>;

interface BenchMap {
  label: string;
  id: MapId;
  target: MapTarget;
  cards: number;
}

interface Browsing {
  baseUrl: string;
  session: BenchSession;
  browser: Browser;
  plan: EditorPlan;
}

const TYPED_TEXT = 'the traveller reads the alert and checks the new gate ';

function buildClient(log: (line: string) => void): void {
  log('editor: building the client (vite build)');
  const vite = path.join(ROOT, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (status ${result.status})`);
}

/** A fresh browser context signed in as the benchmark user, with the probe in every page. */
async function signedInContext(browsing: Browsing): Promise<BrowserContext> {
  const context = await browsing.browser.newContext({
    viewport: browsing.plan.viewport,
    locale: 'en-US',
  });
  const pair = browsing.session.headers.Cookie ?? '';
  const equals = pair.indexOf('=');
  if (equals > 0) {
    await context.addCookies([
      { name: pair.slice(0, equals), value: pair.slice(equals + 1), url: browsing.baseUrl },
    ]);
  }
  await context.addInitScript(installProbe);
  return context;
}

/**
 * Opens a map in a fresh context and waits for its first render. The map list is shown first
 * (the app's own files loaded, the person known), so both maps are timed with the same warm HTTP
 * cache and no local copy of the map (a new context has no IndexedDB).
 */
async function openMap(
  browsing: Browsing,
  map: BenchMap,
): Promise<{ context: BrowserContext; page: Page; first: FirstRender }> {
  const context = await signedInContext(browsing);
  try {
    const page = await context.newPage();
    // The map list, shown: as a person opens a map from it (the page then knows who they are).
    await page.goto(`${browsing.baseUrl}/`, { waitUntil: 'load' });
    await page.waitForSelector(`a[href="/maps/${map.id}"]`, { timeout: 30_000 });
    await page.goto(`${browsing.baseUrl}/maps/${map.id}`, { waitUntil: 'commit' });
    await page.waitForFunction(readFirstRender, null, { timeout: 60_000, polling: 50 });
    const first = await page.evaluate(readFirstRender);
    if (!first) throw new Error(`${map.label}: no first render`);
    return { context, page, first };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Waits until the page ran no long task for a second (it caught up with what was queued,
 * e.g. remote updates), at most capMs.
 */
async function settle(page: Page, capMs = 30_000): Promise<void> {
  const deadline = performance.now() + capMs;
  for (;;) {
    const { longTasks, now } = await page.evaluate(readTimings);
    const last = longTasks.at(-1);
    const quietMs = last ? now - (last.startTime + last.duration) : Number.POSITIVE_INFINITY;
    if (quietMs > 1_000 || performance.now() > deadline) return;
    await sleep(250);
  }
}

/** Types `count` characters into the focused editor, one key at a time, and measures each. */
async function typeMeasured(page: Page, plan: EditorPlan): Promise<TypingFigures> {
  const from = await page.evaluate(startKeys);
  const deadline = performance.now() + plan.maxTypingMs;
  let typed = 0;
  while (typed < plan.typedChars && performance.now() < deadline) {
    await page.keyboard.type(TYPED_TEXT[typed % TYPED_TEXT.length] ?? 'x');
    typed += 1;
    await sleep(plan.keyIntervalMs);
  }
  const keys: KeyRecord[] = await page.evaluate(stopKeys);
  const { events, longTasks, now } = await page.evaluate(readTimings);
  const latencies = keys.map((k) => k.painted - k.down);
  if (latencies.length < typed * 0.9) {
    throw new Error(`only ${latencies.length} of ${typed} keystrokes were measured`);
  }
  const inWindow = <T extends { startTime: number }>(list: T[]) =>
    list.filter((e) => e.startTime >= from && e.startTime <= now);
  const tasks = inWindow(longTasks).map((t) => t.duration);
  return {
    keys: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: max(latencies),
    eventTiming: eventTimingFigures(inWindow(events), latencies.length),
    longTasks: { count: tasks.length, maxMs: tasks.length ? max(tasks) : 0 },
  };
}

/**
 * Event Timing per interaction (a key's keydown, keypress and keyup share an interactionId):
 * the longest entry of each. Only interactions of 16 ms or more are reported, so a percentile
 * is known only when its rank falls among the reported (slowest) ones.
 */
function eventTimingFigures(entries: EventEntry[], keys: number): TypingFigures['eventTiming'] {
  const byInteraction = new Map<number, number>();
  for (const entry of entries) {
    if (entry.interactionId === 0 || !entry.name.startsWith('key')) continue;
    byInteraction.set(
      entry.interactionId,
      Math.max(byInteraction.get(entry.interactionId) ?? 0, entry.duration),
    );
  }
  const slowestFirst = [...byInteraction.values()].sort((a, b) => b - a);
  const at = (p: number): number | null => {
    const fromTop = keys - Math.max(1, Math.ceil((p / 100) * keys));
    return fromTop < slowestFirst.length ? (slowestFirst[fromTop] ?? null) : null;
  };
  return {
    reported: slowestFirst.length,
    p50Ms: at(50),
    p95Ms: at(95),
    maxMs: slowestFirst[0] ?? 0,
  };
}

/** The first card of the board in reading order (top-left), which the typing runs edit. */
async function firstCard(page: Page): Promise<{ id: string; open(): Promise<void> }> {
  const card = page.locator('[data-testid="cell"] [data-testid="card"]').first();
  await card.waitFor();
  const id = (await card.getAttribute('data-card-id')) ?? '';
  if (!id) throw new Error('the first card has no data-card-id');
  return {
    id,
    async open() {
      await card.getByTestId('card-text').click();
      await card.locator('[data-testid="rich-editor"][data-ready="true"]').waitFor();
      await page.waitForFunction(
        (cardId) =>
          (
            globalThis as unknown as {
              document: { activeElement: { closest(s: string): unknown } | null };
            }
          ).document.activeElement?.closest(`[data-card-id="${cardId}"]`) != null,
        id,
      );
      await page.keyboard.press('End');
    },
  };
}

function describe(scroller: ScrollerDescription): string {
  const classes = scroller.className ? ` .${scroller.className.trim().split(/\s+/).join('.')}` : '';
  return `${scroller.how}${classes} (${scroller.scrollSize} px in ${scroller.clientSize})`;
}

/** Wheels the board right, then down, and records every animation frame meanwhile. */
async function measureScroll(
  page: Page,
  plan: EditorPlan,
  selector: string | undefined,
): Promise<MapFigures['scroll']> {
  const scroller = await page.evaluate(findScroller, selector ?? null);
  if (!scroller) throw new Error(`no scroll container found (${selector ?? 'auto'})`);
  await page.mouse.move(scroller.mouseX, scroller.mouseY);
  await sleep(300);
  await page.evaluate(startFrames);
  for (const [dx, dy] of [
    [plan.scroll.stepPx, 0],
    [0, plan.scroll.stepPx],
  ] as const) {
    for (let i = 0; i < plan.scroll.steps; i += 1) {
      await page.mouse.wheel(dx, dy);
      await sleep(plan.scroll.stepMs);
    }
  }
  await sleep(300);
  const { frames, scrollLeft, scrollTop } = await page.evaluate(stopFrames);
  const times = deltas(frames);
  return {
    scroller: `x: ${describe(scroller.x)}; y: ${describe(scroller.y)}`,
    frames: times.length,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    maxMs: max(times),
    scrolledX: scrollLeft,
    scrolledY: scrollTop,
  };
}

/** Every interaction phase on one map, in its own page (whose load is a first-render sample). */
async function measureMap(
  browsing: Browsing,
  map: BenchMap,
  remote: RemoteChild,
  options: EditorOptions,
  samples: FirstRender[],
  warmSamples: FirstRender[],
): Promise<MapFigures> {
  const { plan, log } = options;
  const { context, page, first } = await openMap(browsing, map);
  samples.push(first);
  try {
    // Let the load's trailing work (comments, presence, validation) settle.
    await sleep(1_000);
    await settle(page);
    const card = await firstCard(page);
    await card.open();
    log(`editor: ${map.label}: typing ${plan.typedChars} keys alone`);
    const typingAlone = await typeMeasured(page, plan);

    remote.send({
      type: 'connect',
      target: map.target,
      clients: plan.remoteClients,
      timeoutMs: 60_000,
    });
    await remote.next('connected', 65_000);
    remote.send({ type: 'edit', exclude: card.id, editsPerSecond: plan.remoteEditsPerSecond });
    await remote.next('editing', 10_000);
    await sleep(1_000);
    log(`editor: ${map.label}: typing with ${plan.remoteClients} remote editors`);
    const typingRemote = await typeMeasured(page, plan);

    // The page idle (editor closed), the remote editors still typing.
    await page.keyboard.press('Escape');
    await sleep(1_000);
    log(`editor: ${map.label}: watching long tasks for ${plan.longTaskWindowMs / 1000} s`);
    const from = await page.evaluate(pageNow);
    await sleep(plan.longTaskWindowMs);
    const { longTasks, now } = await page.evaluate(readTimings);
    remote.send({ type: 'pause' });
    const paused = await remote.next('paused', 10_000);
    remote.send({ type: 'disconnect' });
    await remote.next('disconnected', 10_000);
    const tasks = longTasks
      .filter((t: LongTask) => t.startTime >= from && t.startTime <= now)
      .map((t) => t.duration);

    // The remote editors gone, let the page catch up with the updates still queued.
    await settle(page);
    log(`editor: ${map.label}: scrolling`);
    const scroll = await measureScroll(page, plan, options.scrollSelector);
    return {
      label: map.label,
      cards: map.cards,
      firstRender: { samples, medianMs: median(samples.map((s) => s.ms)) },
      warmFirstRender: { samples: warmSamples, medianMs: median(warmSamples.map((s) => s.ms)) },
      typingAlone,
      typingRemote,
      remoteLongTasks: {
        windowMs: now - from,
        count: tasks.length,
        maxMs: tasks.length ? max(tasks) : 0,
        totalMs: tasks.reduce((a, b) => a + b, 0),
      },
      remoteEdits: paused.edits,
      remoteLagged: paused.lagged,
      scroll,
    };
  } finally {
    await context.close();
  }
}

/** Creates the two maps: the demo template as the app seeds it, and the big map. */
async function prepareMaps(
  baseUrl: string,
  wsUrl: string,
  session: BenchSession,
  remote: RemoteChild,
  plan: EditorPlan,
  log: (line: string) => void,
): Promise<{ demo: BenchMap; big: BenchMap }> {
  const demoId = await createBenchMap(baseUrl, session, {
    title: 'Demo: travel alert',
    template: 'travel-alert-demo',
    locale: 'en',
  });
  const bigId = await createBenchMap(baseUrl, session, {
    title: 'Benchmark: big map',
    locale: 'en',
  });
  const targetOf = (id: MapId): MapTarget => ({
    wsUrl,
    documentName: mapDocName(id),
    token: session.token,
  });
  const shape = plan.bigShape;
  log(
    `editor: seeding the big map (${shape.stages} x ${shape.lanes} x ${shape.cardsPerCell}) through the server`,
  );
  remote.send({ type: 'seed', target: targetOf(bigId), shape, timeoutMs: 60_000 });
  const seeded = await remote.next('seeded', 65_000);
  // The demo's size, as a fresh client reads it from the server.
  remote.send({ type: 'connect', target: targetOf(demoId), clients: 1, timeoutMs: 30_000 });
  const demo = await remote.next('connected', 35_000);
  remote.send({ type: 'disconnect' });
  await remote.next('disconnected', 10_000);
  return {
    demo: { label: 'demo', id: demoId, target: targetOf(demoId), cards: demo.cards },
    big: { label: 'big', id: bigId, target: targetOf(bigId), cards: seeded.cards },
  };
}

export async function runEditor(untimed: EditorOptions): Promise<EditorResult> {
  const started = performance.now();
  // Every line says when in the suite it happened, to see where a slow run spent its time.
  const log = (line: string) =>
    untimed.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
  const options: EditorOptions = { ...untimed, log };
  const { plan } = options;
  const result: EditorResult = {
    plan,
    chromium: '',
    machineCpuPercent: Number.NaN,
    cores: os.cpus().length,
    durationMs: 0,
  };
  const machineAtStart = sampleMachine();
  let server: ServerChild | undefined;
  let remote: RemoteChild | undefined;
  let browserServer: BrowserServer | undefined;
  let untrackBrowser: (() => void) | undefined;
  let browser: Browser | undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-bench-editor-'));
  // The server's data folder goes on every exit path, a signal included (lib/children.ts exits).
  const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true });
  process.on('exit', removeScratch);
  try {
    if (options.build) buildClient(log);
    if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
      throw new Error(`no built client in ${CLIENT_DIR}: run npx vite build`);
    }
    const executablePath = findChromium();
    if (!executablePath) throw new Error('no Chromium found (see e2e/support/chromium.ts)');

    server = new Child<ServerIn, ServerOut>(
      'server recorrido (editor)',
      SERVER_SCRIPT,
      ['recorrido', scratch],
      [],
      undefined,
      // No unload grace: a map nobody has open is loaded from storage on every open (cold).
      { BENCH_CLIENT_DIR: CLIENT_DIR, BENCH_UNLOAD_GRACE_MS: '0' },
    );
    const { port } = await server.next('ready', 30_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}/collab?schema=${SCHEMA_VERSION}`;
    remote = new Child<RemoteIn, RemoteOut>('remote editors', REMOTE_SCRIPT, []);
    const session = await signUpBenchUser(baseUrl);
    const maps = await prepareMaps(baseUrl, wsUrl, session, remote, plan, log);

    browserServer = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
    const pid = browserServer.process().pid;
    if (pid !== undefined) untrackBrowser = trackProcessGroup(pid);
    browser = await chromium.connect(browserServer.wsEndpoint());
    result.chromium = `${executablePath} ${browser.version()}`;
    const browsing: Browsing = { baseUrl, session, browser, plan };

    // First-render samples, the two maps alternating; each map's last sample is the page its
    // interaction phases use.
    const samples: Record<'demo' | 'big', FirstRender[]> = { demo: [], big: [] };
    for (let i = 1; i < plan.firstRenderSamples; i += 1) {
      for (const map of [maps.demo, maps.big]) {
        const opened = await openMap(browsing, map);
        samples[map.label as 'demo' | 'big'].push(opened.first);
        await opened.context.close();
        log(`editor: ${map.label}: first render ${opened.first.ms.toFixed(0)} ms`);
      }
    }
    // The same opens while a colleague (one remote client) has the map open.
    const warm: Record<'demo' | 'big', FirstRender[]> = { demo: [], big: [] };
    for (const map of [maps.demo, maps.big]) {
      remote.send({ type: 'connect', target: map.target, clients: 1, timeoutMs: 60_000 });
      await remote.next('connected', 65_000);
      for (let i = 0; i < plan.firstRenderSamples; i += 1) {
        const opened = await openMap(browsing, map);
        warm[map.label as 'demo' | 'big'].push(opened.first);
        await opened.context.close();
        log(
          `editor: ${map.label}: first render, map open elsewhere ${opened.first.ms.toFixed(0)} ms`,
        );
      }
      remote.send({ type: 'disconnect' });
      await remote.next('disconnected', 10_000);
    }
    result.demo = await measureMap(browsing, maps.demo, remote, options, samples.demo, warm.demo);
    result.big = await measureMap(browsing, maps.big, remote, options, samples.big, warm.big);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`editor: FAILED: ${result.error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await browserServer?.close().catch(() => undefined);
    untrackBrowser?.();
    await remote?.stop({ type: 'stop' }, 5_000);
    await server?.stop({ type: 'stop' });
    removeScratch();
    process.off('exit', removeScratch);
    result.durationMs = performance.now() - started;
    result.machineCpuPercent = machineCpuPercent(
      machineAtStart,
      sampleMachine(),
      result.durationMs,
    );
  }
  return result;
}
