import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_GUEST_LIMITS, type GuestLimits } from '../auth/guestLimit.ts';
import {
  DEFAULT_LOGIN_THROTTLE,
  DEFAULT_SIGNUP_THROTTLE,
  type LoginThrottleConfiguration,
  type SignupThrottleConfiguration,
} from '../auth/throttle.ts';
import type { BucketRate, Clock } from '../collab/guards/tokenBucket.ts';
import { CLUSTER_PREFIX } from './ClusterBus.ts';
import { LimiterUnavailableError, type LoginLimiter, type TakeLimiter } from './limiters.ts';
import { isReady } from './redisConnection.ts';
import {
  BUCKET_TAKE,
  LOGIN_RECORD_FAILURE,
  LOGIN_RETRY_AFTER,
  WINDOW_TAKE,
  type RedisScript,
} from './redisScripts.ts';

/**
 * Key of one limiter entry. Accounts (emails) and addresses are hashed: Redis never holds them
 * in clear, and every key has the same short length whatever a client sends.
 */
function limiterKey(prefix: string, kind: string, ...parts: string[]): string {
  const digest = crypto.createHash('sha256').update(parts.join('\u0000')).digest('base64url');
  return `${prefix}${kind}:${digest}`;
}

/** A unique sorted-set member for one event (two events in the same millisecond both count). */
function eventId(now: number): string {
  return `${now}:${crypto.randomUUID()}`;
}

/** Runs a script, turning "Redis is down / timed out / refused" into LimiterUnavailableError. */
async function runOrUnavailable(
  name: string,
  redis: Redis,
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  // Do not queue behind a reconnect: a login must be answered now (503), not in a minute.
  if (!isReady(redis)) throw new LimiterUnavailableError(name);
  try {
    return await script.run(redis, keys, args);
  } catch (error) {
    throw new LimiterUnavailableError(name, error);
  }
}

function asNumber(name: string, reply: unknown): number {
  if (typeof reply !== 'number') {
    throw new LimiterUnavailableError(name, new Error(`unexpected reply ${String(reply)}`));
  }
  return reply;
}

/** Options shared by the Redis limiters. */
export interface RedisLimiterOptions {
  /** Key prefix (default `recorrido:`); tests give each case its own. */
  prefix?: string;
}

/**
 * The failed-login throttle (same rules and configuration as LoginThrottle) counted in Redis, so
 * every instance sees every failure: per (account, address) progressive delays, per account past
 * a softer limit for addresses that already failed there, per address across accounts. Each call
 * is one atomic Lua script. Fails closed: rejects with LimiterUnavailableError while Redis is
 * down, and the login route answers 503 instead of letting guesses through unthrottled.
 * `maxKeys` does not apply: every key expires with its window instead.
 */
export class RedisLoginThrottle implements LoginLimiter {
  readonly #redis: Redis;
  readonly #config: LoginThrottleConfiguration;
  readonly #prefix: string;

  constructor(
    redis: Redis,
    config: Partial<LoginThrottleConfiguration> = {},
    options: RedisLimiterOptions = {},
  ) {
    this.#redis = redis;
    this.#config = { ...DEFAULT_LOGIN_THROTTLE, ...config };
    this.#prefix = options.prefix ?? CLUSTER_PREFIX;
  }

  async retryAfterMs(account: string, ip: string): Promise<number> {
    const { perPair, perAccount, perIp } = this.#config;
    const reply = await runOrUnavailable(
      'the login throttle',
      this.#redis,
      LOGIN_RETRY_AFTER,
      this.#keys(account, ip),
      [
        this.#config.now(),
        perPair.free,
        perPair.baseDelayMs,
        perPair.maxDelayMs,
        perPair.forgetAfterMs,
        perAccount.max,
        perAccount.windowMs,
        perIp.max,
        perIp.windowMs,
      ],
    );
    return asNumber('the login throttle', reply);
  }

  async recordFailure(account: string, ip: string): Promise<void> {
    const { perPair, perAccount, perIp } = this.#config;
    const now = this.#config.now();
    await runOrUnavailable(
      'the login throttle',
      this.#redis,
      LOGIN_RECORD_FAILURE,
      this.#keys(account, ip),
      [
        now,
        perPair.forgetAfterMs,
        perAccount.max,
        perAccount.windowMs,
        perIp.max,
        perIp.windowMs,
        eventId(now),
      ],
    );
  }

  async recordSuccess(account: string, ip: string): Promise<void> {
    if (!isReady(this.#redis)) throw new LimiterUnavailableError('the login throttle');
    try {
      const [pair] = this.#keys(account, ip);
      await this.#redis.del(pair);
    } catch (error) {
      throw new LimiterUnavailableError('the login throttle', error);
    }
  }

  #keys(account: string, ip: string): [string, string, string] {
    return [
      limiterKey(this.#prefix, 'login:pair', account, ip),
      limiterKey(this.#prefix, 'login:account', account),
      limiterKey(this.#prefix, 'login:ip', ip),
    ];
  }
}

/**
 * The sign-up throttle (same rule and configuration as SignupThrottle) counted in Redis.
 * Fails closed (LimiterUnavailableError -> 503): sign-up is never unthrottled.
 */
export class RedisSignupThrottle implements TakeLimiter {
  readonly #redis: Redis;
  readonly #config: SignupThrottleConfiguration;
  readonly #prefix: string;

  constructor(
    redis: Redis,
    config: Partial<SignupThrottleConfiguration> = {},
    options: RedisLimiterOptions = {},
  ) {
    this.#redis = redis;
    this.#config = { ...DEFAULT_SIGNUP_THROTTLE, ...config };
    this.#prefix = options.prefix ?? CLUSTER_PREFIX;
  }

  async take(ip: string): Promise<number> {
    const now = this.#config.now();
    const { max, windowMs } = this.#config.perIp;
    const reply = await runOrUnavailable(
      'the sign-up throttle',
      this.#redis,
      WINDOW_TAKE,
      [limiterKey(this.#prefix, 'signup:ip', ip)],
      [now, max, windowMs, eventId(now)],
    );
    return asNumber('the sign-up throttle', reply);
  }
}

/**
 * Per-key token buckets in Redis, the same arithmetic as KeyedTokenBuckets (full at first use,
 * continuous refill, one token per take). Resolves 0 when taken, else max(1, ms until a token).
 * The clock must be shared by the instances: wall-clock milliseconds (Date.now), not
 * performance.now. Rejects with LimiterUnavailableError while Redis is down.
 */
export class RedisTokenBuckets implements TakeLimiter {
  readonly #redis: Redis;
  readonly #rate: BucketRate;
  readonly #kind: string;
  readonly #now: Clock;
  readonly #prefix: string;

  constructor(
    redis: Redis,
    kind: string,
    rate: BucketRate,
    options: RedisLimiterOptions & { now?: Clock } = {},
  ) {
    this.#redis = redis;
    this.#kind = kind;
    this.#rate = rate;
    this.#now = options.now ?? Date.now;
    this.#prefix = options.prefix ?? CLUSTER_PREFIX;
  }

  async take(key: string): Promise<number> {
    const name = `the ${this.#kind} limiter`;
    const reply = await runOrUnavailable(
      name,
      this.#redis,
      BUCKET_TAKE,
      [limiterKey(this.#prefix, `bucket:${this.#kind}`, key)],
      [this.#now(), this.#rate.perSecond, this.#rate.burst, 1],
    );
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new LimiterUnavailableError(name, new Error('unexpected reply'));
    }
    return reply[0] === 1 ? 0 : Math.max(1, reply[1]);
  }
}

/**
 * Guest accounts per client IP (same limits as GuestLimiter) in Redis. Fails closed
 * (LimiterUnavailableError -> 503): no guest accounts are created while Redis is down.
 */
export function redisGuestLimiter(
  redis: Redis,
  limits: Partial<GuestLimits> = {},
  options: RedisLimiterOptions & { now?: Clock } = {},
): TakeLimiter {
  const { perHour, burst } = { ...DEFAULT_GUEST_LIMITS, ...limits };
  return new RedisTokenBuckets(redis, 'guest', { perSecond: perHour / 3600, burst }, options);
}

/**
 * WebSocket upgrades per client IP, shared by the instances, that falls back to this process's
 * own buckets while Redis is down (fails "open to the local limit"): refusing every upgrade would
 * take collaboration down with Redis, and letting every upgrade through would drop the flood
 * protection; the local buckets still bound each instance (at worst N times the budget overall).
 * Logs once when it falls back and once when Redis answers again.
 */
export class FallbackTakeLimiter implements TakeLimiter {
  readonly #shared: TakeLimiter;
  readonly #local: TakeLimiter;
  readonly #logger: Logger;
  readonly #name: string;
  #degraded = false;

  constructor(shared: TakeLimiter, local: TakeLimiter, logger: Logger, name: string) {
    this.#shared = shared;
    this.#local = local;
    this.#logger = logger;
    this.#name = name;
  }

  /** True while it counts locally because Redis is unreachable. */
  get degraded(): boolean {
    return this.#degraded;
  }

  async take(key: string): Promise<number> {
    try {
      const wait = await this.#shared.take(key);
      if (this.#degraded) {
        this.#degraded = false;
        this.#logger.info({ limiter: this.#name }, 'limiter counts in Redis again');
      }
      return wait;
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      if (!this.#degraded) {
        this.#degraded = true;
        this.#logger.warn(
          { limiter: this.#name },
          'redis unreachable: limiter falls back to this instance’s own counts',
        );
      }
      return this.#local.take(key);
    }
  }
}
