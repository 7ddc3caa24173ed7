/** Limits of one sliding window: at most `max` events per `windowMs` for one key. */
export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

/** Progressive delays for one (account, address) pair. */
export interface PairLimit {
  /** Failures allowed before the first delay. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** A pair's failures are forgotten after this long without a new one. */
  forgetAfterMs: number;
}

/** Settings of the failed-login throttle. */
export interface LoginThrottleConfiguration {
  /** Per (account, address): progressive delays, answered with 429 and Retry-After. */
  perPair: PairLimit;
  /**
   * Per account, from every address: once over it, only addresses that already failed against the
   * account are refused; an address with no failure still gets its password checked.
   */
  perAccount: ThrottleLimit;
  /** Per address, across accounts (credential stuffing from one address). */
  perIp: ThrottleLimit;
  /** Keys tracked at most per kind; the oldest are dropped beyond it (bounded memory). */
  maxKeys: number;
  now: () => number;
}

const MINUTE = 60 * 1000;

/** The failed-login throttle's defaults. */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfiguration = {
  perPair: {
    free: 5,
    baseDelayMs: MINUTE,
    maxDelayMs: 60 * MINUTE,
    forgetAfterMs: 24 * 60 * MINUTE,
  },
  perAccount: { max: 10, windowMs: 15 * MINUTE },
  perIp: { max: 20, windowMs: 15 * MINUTE },
  maxKeys: 50_000,
  now: Date.now,
};

/** A map that keeps at most `maxKeys` entries, dropping the least recently written. */
class BoundedMap<V> {
  readonly #maxKeys: number;
  readonly #entries = new Map<string, V>();

  constructor(maxKeys: number) {
    this.#maxKeys = maxKeys;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#maxKeys) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** A sliding window of event timestamps per key. */
export class SlidingWindow {
  readonly #limit: ThrottleLimit;
  readonly #events: BoundedMap<number[]>;

  constructor(limit: ThrottleLimit, maxKeys: number) {
    this.#limit = limit;
    this.#events = new BoundedMap(maxKeys);
  }

  /** Milliseconds until the key is under its limit again; 0 when it is now. */
  retryAfter(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.#limit.max) return 0;
    const unblocksAt = (recent[recent.length - this.#limit.max] ?? now) + this.#limit.windowMs;
    return Math.max(0, unblocksAt - now);
  }

  /** Counts one event against the key. */
  record(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#events.set(key, recent);
  }

  #recent(key: string, now: number): number[] {
    const kept = (this.#events.get(key) ?? []).filter((t) => now - t < this.#limit.windowMs);
    if (kept.length === 0) this.#events.delete(key);
    else this.#events.set(key, kept);
    return kept;
  }
}

/** Failures of one (account, address) pair. */
interface PairState {
  failures: number;
  lastFailureAt: number;
}

/**
 * Throttles failed logins (in memory, per process) so that nobody can lock a known account out:
 * - per (account, address), after `free` failures each further attempt waits a doubling delay;
 * - per account, past a softer limit, addresses that already failed against it are refused, but an
 *   address that has not failed is still let through to the password check, so the owner signing
 *   in from their own address is never blocked by someone else's failures;
 * - per address, across accounts.
 * A success forgets the pair's failures only.
 */
export class LoginThrottle {
  readonly #config: LoginThrottleConfiguration;
  readonly #pairs: BoundedMap<PairState>;
  readonly #accounts: SlidingWindow;
  readonly #ips: SlidingWindow;

  constructor(config: Partial<LoginThrottleConfiguration> = {}) {
    this.#config = { ...DEFAULT_LOGIN_THROTTLE, ...config };
    this.#pairs = new BoundedMap(this.#config.maxKeys);
    this.#accounts = new SlidingWindow(this.#config.perAccount, this.#config.maxKeys);
    this.#ips = new SlidingWindow(this.#config.perIp, this.#config.maxKeys);
  }

  /** Milliseconds until this address may try this account again; 0 when it may now. */
  retryAfterMs(account: string, ip: string): number {
    const now = this.#config.now();
    const pair = this.#pair(account, ip, now);
    const waits = [this.#ips.retryAfter(ip, now)];
    if (pair) {
      waits.push(this.#pairDelay(pair, now));
      // The account-wide limit only binds addresses that have failed against this account.
      waits.push(this.#accounts.retryAfter(account, now));
    }
    return Math.max(...waits);
  }

  /** Counts one failed attempt against the pair, the account and the address. */
  recordFailure(account: string, ip: string): void {
    const now = this.#config.now();
    const pair = this.#pair(account, ip, now) ?? { failures: 0, lastFailureAt: now };
    this.#pairs.set(pairKey(account, ip), { failures: pair.failures + 1, lastFailureAt: now });
    this.#accounts.record(account, now);
    this.#ips.record(ip, now);
  }

  /** Forgets the pair's failures after a successful login from that address. */
  recordSuccess(account: string, ip: string): void {
    this.#pairs.delete(pairKey(account, ip));
  }

  #pair(account: string, ip: string, now: number): PairState | undefined {
    const key = pairKey(account, ip);
    const pair = this.#pairs.get(key);
    if (pair && now - pair.lastFailureAt >= this.#config.perPair.forgetAfterMs) {
      this.#pairs.delete(key);
      return undefined;
    }
    return pair;
  }

  #pairDelay(pair: PairState, now: number): number {
    const { free, baseDelayMs, maxDelayMs } = this.#config.perPair;
    if (pair.failures < free) return 0;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (pair.failures - free));
    return Math.max(0, pair.lastFailureAt + delay - now);
  }
}

function pairKey(account: string, ip: string): string {
  return `${account}\u0000${ip}`;
}

/** Settings of the sign-up throttle. */
export interface SignupThrottleConfiguration {
  /** Sign-up attempts per address. */
  perIp: ThrottleLimit;
  maxKeys: number;
  now: () => number;
}

/** The sign-up throttle's defaults: 20 sign-ups per address per hour (an office behind one NAT). */
export const DEFAULT_SIGNUP_THROTTLE: SignupThrottleConfiguration = {
  perIp: { max: 20, windowMs: 60 * MINUTE },
  maxKeys: 50_000,
  now: Date.now,
};

/** Throttles sign-up attempts per client address (in memory, per process). */
export class SignupThrottle {
  readonly #config: SignupThrottleConfiguration;
  readonly #ips: SlidingWindow;

  constructor(config: Partial<SignupThrottleConfiguration> = {}) {
    this.#config = { ...DEFAULT_SIGNUP_THROTTLE, ...config };
    this.#ips = new SlidingWindow(this.#config.perIp, this.#config.maxKeys);
  }

  /**
   * Counts one sign-up attempt from the address when it is under its limit and answers 0; else
   * answers the milliseconds until it may try again, without counting.
   */
  take(ip: string): number {
    const now = this.#config.now();
    const wait = this.#ips.retryAfter(ip, now);
    if (wait === 0) this.#ips.record(ip, now);
    return wait;
  }
}
