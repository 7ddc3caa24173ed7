/** Settings of change attribution and visits ("since your last visit", issue 10). */
export interface ActivityOptions {
  /**
   * A gap between two connections shorter than this (a reload, a network drop) does not end a
   * visit. Default 2 minutes; tests shorten it.
   */
  visitGapMs: number;
  /** How often the server writes its coalesced change rows and marks open visits as seen. */
  flushIntervalMs: number;
  /** Changes of one person to one item within one window of this length share a row. */
  windowMs: number;
  /** Change rows are kept at least this long, then pruned. */
  retentionMs: number;
}

const MINUTE = 60_000;

/** The defaults (README "Since your last visit"). */
export const DEFAULT_ACTIVITY_OPTIONS: ActivityOptions = {
  visitGapMs: 2 * MINUTE,
  flushIntervalMs: 2_000,
  windowMs: 5 * MINUTE,
  retentionMs: 31 * 24 * 60 * MINUTE,
};

/** The options with the defaults filled in. */
export function resolveActivityOptions(options: Partial<ActivityOptions> = {}): ActivityOptions {
  return { ...DEFAULT_ACTIVITY_OPTIONS, ...options };
}

/**
 * How often the last-seen time of open visits is refreshed: well inside the gap, so a live
 * connection on any instance always keeps its visit going.
 */
export function heartbeatMs(options: Pick<ActivityOptions, 'visitGapMs'>): number {
  return Math.max(50, Math.min(30_000, Math.floor(options.visitGapMs / 4)));
}
