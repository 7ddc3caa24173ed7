/** Limits of one throttle: at most `max` failures per `windowMs` for one key. */
export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

/** Settings of the failed-login throttle. */
export interface LoginThrottleConfiguration {
  perAccount: ThrottleLimit;
  perIp: ThrottleLimit;
  /** Keys tracked at most per kind; the oldest are dropped beyond it (bounded memory). */
  maxKeys: number;
  now: () => number;
}

const DEFAULTS: LoginThrottleConfiguration = {
  perAccount: { max: 5, windowMs: 15 * 60 * 1000 },
  perIp: { max: 20, windowMs: 15 * 60 * 1000 },
  maxKeys: 50_000,
  now: Date.now,
};

/** A sliding window of failure timestamps per key. */
class FailureWindow {
  readonly #limit: ThrottleLimit;
  readonly #maxKeys: number;
  readonly #failures = new Map<string, number[]>();

  constructor(limit: ThrottleLimit, maxKeys: number) {
    this.#limit = limit;
    this.#maxKeys = maxKeys;
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.#limit.max) return 0;
    const unblocksAt = (recent[recent.length - this.#limit.max] ?? now) + this.#limit.windowMs;
    return Math.max(0, unblocksAt - now);
  }

  record(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#failures.delete(key);
    this.#failures.set(key, recent);
    if (this.#failures.size > this.#maxKeys) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((t) => now - t < this.#limit.windowMs);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }
}

/**
 * Throttles failed logins per account and per client IP (in memory, per process): after `max`
 * failures within the window, further attempts are refused until the oldest counted failure leaves
 * the window, whatever the password. A success clears the account's failures, not the IP's.
 */
export class LoginThrottle {
  readonly #config: LoginThrottleConfiguration;
  readonly #accounts: FailureWindow;
  readonly #ips: FailureWindow;

  constructor(config: Partial<LoginThrottleConfiguration> = {}) {
    this.#config = { ...DEFAULTS, ...config };
    this.#accounts = new FailureWindow(this.#config.perAccount, this.#config.maxKeys);
    this.#ips = new FailureWindow(this.#config.perIp, this.#config.maxKeys);
  }

  /** Milliseconds until this account/IP pair may try again; 0 when it may now. */
  retryAfterMs(account: string, ip: string): number {
    const now = this.#config.now();
    return Math.max(this.#accounts.retryAfter(account, now), this.#ips.retryAfter(ip, now));
  }

  /** Counts one failed attempt against both keys. */
  recordFailure(account: string, ip: string): void {
    const now = this.#config.now();
    this.#accounts.record(account, now);
    this.#ips.record(ip, now);
  }

  /** Forgets the account's failures after a successful login. */
  recordSuccess(account: string): void {
    this.#accounts.clear(account);
  }
}
