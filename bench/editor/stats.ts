/** Small exact statistics over a run's samples (tens to hundreds of values: no histogram). */

/** The p-th percentile (nearest rank, 0 < p <= 100); NaN when there is no sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Differences between consecutive values (frame times from frame timestamps). */
export function deltas(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i += 1) out.push((values[i] ?? 0) - (values[i - 1] ?? 0));
  return out;
}
