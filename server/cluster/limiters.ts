import type { Clock } from '../collab/guards/tokenBucket.ts';
import { KeyedTokenBuckets, type BucketRate } from '../collab/guards/tokenBucket.ts';
import { GuestLimiter, type GuestLimits } from '../auth/guestLimit.ts';
import {
  LoginThrottle,
  SignupThrottle,
  type LoginThrottleConfiguration,
  type SignupThrottleConfiguration,
} from '../auth/throttle.ts';

/**
 * The failed-login throttle as callers see it, whether it counts in this process (LoginThrottle)
 * or in Redis for every instance (RedisLoginThrottle). Same semantics as LoginThrottle.
 * The Redis version rejects with LimiterUnavailableError while Redis is down: callers answer 503
 * (fail closed: never unlimited password guesses).
 */
export interface LoginLimiter {
  /** Milliseconds until this address may try this account again; 0 when it may now. */
  retryAfterMs(account: string, ip: string): Promise<number>;
  /** Counts one failed attempt against the pair, the account and the address. */
  recordFailure(account: string, ip: string): Promise<void>;
  /** Forgets the pair's failures after a successful login from that address. */
  recordSuccess(account: string, ip: string): Promise<void>;
}

/**
 * A limit that counts one event per call: sign-ups per address, guest accounts per address,
 * WebSocket upgrades per address. Resolves 0 when the event is allowed (and counted), else the
 * milliseconds until it would be (nothing counted).
 */
export interface TakeLimiter {
  take(key: string): Promise<number>;
}

/** Thrown by a Redis-backed limiter that cannot reach Redis; callers decide the safe direction. */
export class LimiterUnavailableError extends Error {
  /** Error code for HTTP answers (503). */
  readonly code = 'limiter_unavailable';

  constructor(limiter: string, cause?: unknown) {
    super(`${limiter} is unavailable: its Redis cannot be reached`, { cause });
    this.name = 'LimiterUnavailableError';
  }
}

/** Seconds for a Retry-After header while a limiter is unavailable (a reconnect takes <= 5 s). */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** The in-memory LoginThrottle behind the async interface (one instance, no Redis). */
export function localLoginLimiter(config: Partial<LoginThrottleConfiguration> = {}): LoginLimiter {
  const throttle = new LoginThrottle(config);
  return {
    retryAfterMs: async (account, ip) => throttle.retryAfterMs(account, ip),
    recordFailure: async (account, ip) => throttle.recordFailure(account, ip),
    recordSuccess: async (account, ip) => throttle.recordSuccess(account, ip),
  };
}

/** The in-memory SignupThrottle behind the async interface. */
export function localSignupLimiter(config: Partial<SignupThrottleConfiguration> = {}): TakeLimiter {
  const throttle = new SignupThrottle(config);
  return { take: async (ip) => throttle.take(ip) };
}

/** The in-memory GuestLimiter behind the async interface. */
export function localGuestLimiter(limits: Partial<GuestLimits> = {}, now?: Clock): TakeLimiter {
  const limiter = new GuestLimiter(limits, now);
  return { take: async (ip) => limiter.take(ip) };
}

/** In-memory per-key token buckets (the ConnectionRateGuard's) behind the async interface. */
export function localBucketLimiter(rate: BucketRate, now?: Clock): TakeLimiter {
  const buckets = new KeyedTokenBuckets(rate, now ? { now } : {});
  return {
    take: async (key) => (buckets.take(key) ? 0 : Math.max(1, buckets.msUntil(key))),
  };
}
