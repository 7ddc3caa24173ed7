/**
 * The in-page half of bench/editor: functions Playwright runs inside the map page (serialised
 * with Function.prototype.toString, so each one is self-contained). bench/ is type-checked
 * without the DOM library, so the few page globals used are declared here.
 */

/**
 * When the board was first fully shown with the connection up: ms since navigation start of the
 * end of the frame after which the number of cards in the DOM stayed the same for 5 frames.
 */
export interface FirstRender {
  ms: number;
  /** The same for the first frame showing any card. */
  firstCardMs: number;
  /** Elements in the document at that moment. */
  domElements: number;
  /** Cards in the DOM at that moment. */
  cards: number;
  /**
   * The page's way there, ms since navigation start: the HTML received, the app's script
   * running, `/api/me` answered, the map's socket open, its first sync, from the app's
   * `recorrido:<step>` performance marks (absent when the app did not mark them).
   */
  steps: Record<string, number>;
}

/** One keystroke: keydown's timestamp and the end of the first frame after its DOM change. */
export interface KeyRecord {
  down: number;
  painted: number;
}

/** An Event Timing entry (only those of 16 ms or more are reported: the API's floor). */
export interface EventEntry {
  name: string;
  startTime: number;
  duration: number;
  interactionId: number;
}

/** A Long Tasks API entry (a main-thread task over 50 ms). */
export interface LongTask {
  startTime: number;
  duration: number;
}

/** What the probe keeps in the page (window.__benchProbe). */
export interface ProbeState {
  firstRender: FirstRender | null;
  recordingKeys: boolean;
  keys: KeyRecord[];
  events: EventEntry[];
  longTasks: LongTask[];
  framing: boolean;
  frames: number[];
}

/** One scroll container the benchmark wheels (one for each axis; often the same). */
export interface ScrollerDescription {
  /** How it was found: the selector given, or the first scrollable ancestor of the grid. */
  how: string;
  className: string;
  scrollSize: number;
  clientSize: number;
}

/** The board's scroll containers and where to put the mouse so the wheel reaches them. */
export interface ScrollerInfo {
  x: ScrollerDescription;
  y: ScrollerDescription;
  /** The middle of the grid's part inside the viewport. */
  mouseX: number;
  mouseY: number;
}

interface ProbeElement {
  readonly scrollLeft: number;
  readonly scrollTop: number;
  readonly scrollWidth: number;
  readonly scrollHeight: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly className: string;
  readonly parentElement: ProbeElement | null;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  setAttribute(name: string, value: string): void;
}

interface PerformanceEntryLike {
  name: string;
  startTime: number;
  duration: number;
  interactionId?: number;
}

interface PageGlobals {
  document: {
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): { length: number };
    getElementsByTagName(name: string): { length: number };
    scrollingElement: ProbeElement | null;
    documentElement: { clientWidth: number; clientHeight: number };
  };
  performance: {
    now(): number;
    getEntriesByType(type: string): (PerformanceEntryLike & { responseEnd?: number })[];
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  addEventListener(
    type: string,
    listener: (event: { timeStamp: number }) => void,
    capture: boolean,
  ): void;
  getComputedStyle(element: ProbeElement): { overflowX: string; overflowY: string };
  PerformanceObserver: new (callback: (list: { getEntries(): PerformanceEntryLike[] }) => void) => {
    observe(options: { type: string; buffered?: boolean; durationThreshold?: number }): void;
  };
  __benchProbe?: ProbeState;
}

/**
 * Installed before any page script (context.addInitScript). Watches, from navigation start:
 * - the first full render: cards shown with the connection badge connected, their number
 *   steady (polled every frame; the time is taken in a task queued from the rAF callback of the
 *   frame with the last change, i.e. after that frame painted);
 * - per keystroke while recording: keydown's timestamp, then, after the 'input' event that
 *   changed the DOM (or keyup when none came), the end of the next frame (rAF, then a task);
 * - Event Timing entries (input to next paint, >= 16 ms) and long tasks, with their start times.
 */
export function installProbe(): void {
  const g = globalThis as unknown as PageGlobals;
  const state: ProbeState = {
    firstRender: null,
    recordingKeys: false,
    keys: [],
    events: [],
    longTasks: [],
    framing: false,
    frames: [],
  };
  g.__benchProbe = state;

  // The board is fully rendered once the number of cards in the DOM stopped changing: a board
  // that fills the screen over several frames is timed at its last change, not its first card.
  const STABLE_FRAMES = 5;
  let candidate: FirstRender | null = null;
  let firstCardMs = 0;
  let lastCount = -1;
  let stableFrames = 0;
  const poll = () => {
    const cards = g.document.querySelectorAll('[data-testid="card"]').length;
    const connected =
      g.document.querySelector('[data-testid="connection"][data-status="connected"]') !== null;
    if (cards === 0 || !connected) {
      g.requestAnimationFrame(poll);
      return;
    }
    if (cards !== lastCount) {
      lastCount = cards;
      stableFrames = 0;
      // This frame paints right after its rAF callbacks: a task queued now runs after it.
      g.setTimeout(() => {
        const ms = g.performance.now();
        if (firstCardMs === 0) firstCardMs = ms;
        const steps: Record<string, number> = {};
        const navigation = g.performance.getEntriesByType('navigation')[0];
        if (navigation?.responseEnd !== undefined) steps.html = navigation.responseEnd;
        for (const mark of g.performance.getEntriesByType('mark')) {
          if (mark.name.startsWith('recorrido:')) steps[mark.name.slice(10)] = mark.startTime;
        }
        candidate = {
          ms,
          firstCardMs,
          domElements: g.document.getElementsByTagName('*').length,
          cards,
          steps,
        };
      }, 0);
    } else {
      stableFrames += 1;
    }
    if (stableFrames >= STABLE_FRAMES && candidate) {
      state.firstRender = candidate;
      return;
    }
    g.requestAnimationFrame(poll);
  };
  g.requestAnimationFrame(poll);

  let pendingDown: number | null = null;
  const afterNextFrame = (down: number) => {
    g.requestAnimationFrame(() =>
      g.setTimeout(() => state.keys.push({ down, painted: g.performance.now() }), 0),
    );
  };
  g.addEventListener(
    'keydown',
    (event) => {
      if (state.recordingKeys) pendingDown = event.timeStamp;
    },
    true,
  );
  const settle = () => {
    if (pendingDown === null) return;
    const down = pendingDown;
    pendingDown = null;
    afterNextFrame(down);
  };
  g.addEventListener('input', settle, true);
  g.addEventListener('keyup', settle, true);

  new g.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.events.push({
        name: entry.name,
        startTime: entry.startTime,
        duration: entry.duration,
        interactionId: entry.interactionId ?? 0,
      });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  new g.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** The first render, once seen (null before). */
export function readFirstRender(): FirstRender | null {
  const probe = (globalThis as unknown as PageGlobals).__benchProbe;
  return probe?.firstRender ?? null;
}

/** The page's clock (ms since its navigation start). */
export function pageNow(): number {
  return (globalThis as unknown as PageGlobals).performance.now();
}

/** Starts recording keystrokes; returns the page time. */
export function startKeys(): number {
  const g = globalThis as unknown as PageGlobals;
  const probe = g.__benchProbe;
  if (!probe) throw new Error('the benchmark probe is not installed in this page');
  probe.keys = [];
  probe.recordingKeys = true;
  return g.performance.now();
}

/** Stops recording keystrokes, lets the last ones' frames end, and returns them. */
export async function stopKeys(): Promise<KeyRecord[]> {
  const g = globalThis as unknown as PageGlobals;
  const probe = g.__benchProbe;
  if (!probe) throw new Error('the benchmark probe is not installed in this page');
  probe.recordingKeys = false;
  for (let i = 0; i < 3; i += 1) {
    await new Promise<void>((resolve) => g.requestAnimationFrame(() => g.setTimeout(resolve, 0)));
  }
  return probe.keys;
}

/** Event Timing entries and long tasks seen so far. */
export function readTimings(): { events: EventEntry[]; longTasks: LongTask[]; now: number } {
  const g = globalThis as unknown as PageGlobals;
  const probe = g.__benchProbe;
  if (!probe) throw new Error('the benchmark probe is not installed in this page');
  return { events: probe.events, longTasks: probe.longTasks, now: g.performance.now() };
}

/**
 * Finds the board's scroll containers, one per axis: `selector` when given, else the grid
 * itself or its first ancestor that scrolls on that axis (overflow auto or scroll, with more
 * content than room), else the document. Marks them with data-bench-scroll-x / -y for the
 * frame recorder, and says where the mouse must be for the wheel to reach them.
 */
export function findScroller(selector: string | null): ScrollerInfo | null {
  const g = globalThis as unknown as PageGlobals;
  const grid = g.document.querySelector('[role="grid"]');
  if (!grid) return null;
  const scrolls = (value: string) => value === 'auto' || value === 'scroll';
  const find = (axis: 'x' | 'y'): ScrollerDescription | null => {
    let element: ProbeElement | null = null;
    let how = '';
    if (selector) {
      element = g.document.querySelector(selector);
      how = `selector ${selector}`;
    } else {
      for (let at: ProbeElement | null = grid; at; at = at.parentElement) {
        const style = g.getComputedStyle(at);
        const fits =
          axis === 'x'
            ? scrolls(style.overflowX) && at.scrollWidth > at.clientWidth
            : scrolls(style.overflowY) && at.scrollHeight > at.clientHeight;
        if (fits) {
          element = at;
          how = 'first scrollable ancestor of [role=grid]';
          break;
        }
      }
      if (!element) {
        element = g.document.scrollingElement;
        how = 'the document';
      }
    }
    if (!element) return null;
    element.setAttribute(`data-bench-scroll-${axis}`, '');
    return {
      how,
      className: element.className,
      scrollSize: axis === 'x' ? element.scrollWidth : element.scrollHeight,
      clientSize: axis === 'x' ? element.clientWidth : element.clientHeight,
    };
  };
  const x = find('x');
  const y = find('y');
  if (!x || !y) return null;
  const rect = grid.getBoundingClientRect();
  const viewport = g.document.documentElement;
  const left = Math.max(0, rect.left);
  const top = Math.max(0, rect.top);
  const right = Math.min(viewport.clientWidth, rect.left + rect.width);
  const bottom = Math.min(viewport.clientHeight, rect.top + rect.height);
  return { x, y, mouseX: (left + right) / 2, mouseY: (top + bottom) / 2 };
}

/** Starts recording the time of every animation frame. */
export function startFrames(): void {
  const g = globalThis as unknown as PageGlobals;
  const probe = g.__benchProbe;
  if (!probe) throw new Error('the benchmark probe is not installed in this page');
  probe.frames = [];
  probe.framing = true;
  const tick = (time: number) => {
    if (!probe.framing) return;
    probe.frames.push(time);
    g.requestAnimationFrame(tick);
  };
  g.requestAnimationFrame(tick);
}

/** Stops recording frames; returns their times and where the scroll container ended up. */
export function stopFrames(): { frames: number[]; scrollLeft: number; scrollTop: number } {
  const g = globalThis as unknown as PageGlobals;
  const probe = g.__benchProbe;
  if (!probe) throw new Error('the benchmark probe is not installed in this page');
  probe.framing = false;
  return {
    frames: probe.frames,
    scrollLeft: g.document.querySelector('[data-bench-scroll-x]')?.scrollLeft ?? 0,
    scrollTop: g.document.querySelector('[data-bench-scroll-y]')?.scrollTop ?? 0,
  };
}
