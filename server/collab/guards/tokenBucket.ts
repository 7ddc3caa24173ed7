/** A clock in milliseconds (injectable so tests need no sleeps). */
export type Clock = () => number;

/** Settings of one token bucket. */
export interface BucketRate {
  /** Tokens added per second. */
  perSecond: number;
  /** Largest number of tokens the bucket holds (the burst). */
  burst: number;
}

/**
 * A token bucket: starts full, refills continuously at `perSecond` up to `burst`, and every
 * admitted event takes its cost. O(1) time and memory per check.
 */
export class TokenBucket {
  readonly #rate: BucketRate;
  readonly #now: Clock;
  #tokens: number;
  #updatedAt: number;

  constructor(rate: BucketRate, now: Clock = performance.now.bind(performance)) {
    this.#rate = rate;
    this.#now = now;
    this.#tokens = rate.burst;
    this.#updatedAt = now();
  }

  /** Takes `cost` tokens if available; false (and nothing taken) when the budget is exhausted. */
  take(cost = 1): boolean {
    this.#refill();
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` tokens are available again (0 when they already are). */
  msUntil(cost = 1): number {
    this.#refill();
    const missing = cost - this.#tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.#rate.perSecond) * 1000);
  }

  /** True when the bucket is back to its full burst (its key can be forgotten). */
  isFull(): boolean {
    this.#refill();
    return this.#tokens >= this.#rate.burst;
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#updatedAt = now;
    this.#tokens = Math.min(
      this.#rate.burst,
      this.#tokens + (elapsed / 1000) * this.#rate.perSecond,
    );
  }
}

/**
 * One token bucket per key (e.g. per client IP). Full buckets carry no information, so they are
 * dropped when the map reaches `maxKeys`; if every bucket is in use, the oldest key is evicted, so
 * memory stays bounded even under a flood from many addresses.
 */
export class KeyedTokenBuckets {
  readonly #rate: BucketRate;
  readonly #now: Clock;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(rate: BucketRate, options: { now?: Clock; maxKeys?: number } = {}) {
    this.#rate = rate;
    this.#now = options.now ?? performance.now.bind(performance);
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token from key's bucket; false when that key is over its budget. */
  take(key: string, cost = 1): boolean {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= this.#maxKeys) this.#makeRoom();
      bucket = new TokenBucket(this.#rate, this.#now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(cost);
  }

  /** Milliseconds until key may take `cost` tokens again. */
  msUntil(key: string, cost = 1): number {
    return this.#buckets.get(key)?.msUntil(cost) ?? 0;
  }

  /** Number of keys tracked (tests). */
  get size(): number {
    return this.#buckets.size;
  }

  #makeRoom(): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.isFull()) this.#buckets.delete(key);
    }
    // Map iterates in insertion order: the first key is the oldest.
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
