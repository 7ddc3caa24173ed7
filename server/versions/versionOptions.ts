/** Settings of map version history (issue 13). */
export interface VersionOptions {
  /** While a map is being edited, an auto version is saved at least this often. */
  autoIntervalMs: number;
  /** Auto versions older than this are pruned (named ones are kept for good). */
  retentionMs: number;
  /** How often old auto versions are pruned (the first time soon after start). */
  pruneEveryMs: number;
}

const MINUTE = 60_000;

/** The defaults: hourly while edited, kept 31 days (the promise is "at least 30"). */
export const DEFAULT_VERSION_OPTIONS: VersionOptions = {
  autoIntervalMs: 60 * MINUTE,
  retentionMs: 31 * 24 * 60 * MINUTE,
  pruneEveryMs: 60 * MINUTE,
};

/** The options with the defaults filled in. */
export function resolveVersionOptions(options: Partial<VersionOptions> = {}): VersionOptions {
  return { ...DEFAULT_VERSION_OPTIONS, ...options };
}
