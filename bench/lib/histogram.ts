/**
 * A latency histogram with log-spaced buckets (1 % wide, 10 µs .. ~170 s): constant memory
 * whatever the sample count, mergeable across processes, percentiles accurate to about 1 %.
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 1700;

/** The plain-data form sent between processes. */
export interface HistogramData {
  counts: number[];
  count: number;
  min: number;
  max: number;
  sum: number;
}

export class Histogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;
  #sum = 0;

  /** Records one sample in milliseconds (negative values, from clock skew, count as 0). */
  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    const index =
      value <= MIN_MS
        ? 0
        : Math.min(BUCKETS - 1, Math.floor(Math.log(value / MIN_MS) / LOG_GROWTH));
    this.#counts[index] = (this.#counts[index] ?? 0) + 1;
    this.#count += 1;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.#count;
  }

  get max(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  get mean(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }

  /** The p-th percentile (0 < p <= 100), NaN when empty; the bucket's geometric middle. */
  percentile(p: number): number {
    if (this.#count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) {
        const middle = i === 0 ? MIN_MS : MIN_MS * GROWTH ** (i + 0.5);
        return Math.min(Math.max(middle, this.#min), this.#max);
      }
    }
    return this.#max;
  }

  /** Adds another histogram's samples to this one. */
  merge(other: HistogramData): void {
    for (let i = 0; i < BUCKETS; i += 1) {
      this.#counts[i] = (this.#counts[i] ?? 0) + (other.counts[i] ?? 0);
    }
    this.#count += other.count;
    this.#sum += other.sum;
    if (other.count > 0) {
      this.#min = Math.min(this.#min, other.min);
      this.#max = Math.max(this.#max, other.max);
    }
  }

  toData(): HistogramData {
    return {
      counts: Array.from(this.#counts),
      count: this.#count,
      min: this.#count === 0 ? 0 : this.#min,
      max: this.#max,
      sum: this.#sum,
    };
  }
}
