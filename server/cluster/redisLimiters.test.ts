import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../test/logCapture.ts';
import { RedisServer } from '../test/redisServer.ts';
import { LimiterUnavailableError, localBucketLimiter, type LoginLimiter } from './limiters.ts';
import { createRedisConnection } from './redisConnection.ts';
import {
  FallbackTakeLimiter,
  RedisLoginThrottle,
  RedisSignupThrottle,
  RedisTokenBuckets,
  redisGuestLimiter,
} from './redisLimiters.ts';

const MINUTE = 60_000;
const ANA = 'ana@example.test';

let server: RedisServer;
/** Two connections, as two instances of the server would have. */
let redisA: Redis;
let redisB: Redis;
let testNumber = 0;

beforeAll(async () => {
  server = await RedisServer.start();
  const { logger } = captureLogs();
  redisA = createRedisConnection(server.url, logger, 'commands');
  redisB = createRedisConnection(server.url, logger, 'commands');
  await Promise.all([redisA.ping(), redisB.ping()]);
});

afterAll(async () => {
  redisA?.disconnect();
  redisB?.disconnect();
  await server?.destroy();
});

/** Each test counts under its own key prefix, so no test sees another's attempts. */
function prefix(): string {
  testNumber += 1;
  return `recorrido:test${testNumber}:`;
}

/** The throttle of the in-memory tests, on two instances sharing one Redis and one fake clock. */
function throttles() {
  const clock = { now: 1_000_000 };
  const config = {
    perPair: {
      free: 5,
      baseDelayMs: MINUTE,
      maxDelayMs: 60 * MINUTE,
      forgetAfterMs: 24 * 60 * MINUTE,
    },
    perAccount: { max: 10, windowMs: 15 * MINUTE },
    perIp: { max: 20, windowMs: 15 * MINUTE },
    now: () => clock.now,
  };
  const options = { prefix: prefix() };
  const a = new RedisLoginThrottle(redisA, config, options);
  const b = new RedisLoginThrottle(redisB, config, options);
  /** Alternates between the two instances, as a load balancer would. */
  let turn = 0;
  const next = (): LoginLimiter => (turn++ % 2 === 0 ? a : b);
  return { a, b, next, clock };
}

describe('the failed-login throttle in Redis, shared by two instances', () => {
  it('delays one address on one account after 5 failures counted on either instance, doubling with each further failure', async () => {
    const { a, b, next, clock } = throttles();
    for (let i = 0; i < 4; i += 1) await next().recordFailure(ANA, '10.0.0.1');
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    await next().recordFailure(ANA, '10.0.0.1');
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(MINUTE);
    expect(await b.retryAfterMs(ANA, '10.0.0.1')).toBe(MINUTE);
    clock.now += MINUTE;
    expect(await b.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    await a.recordFailure(ANA, '10.0.0.1');
    expect(await b.retryAfterMs(ANA, '10.0.0.1')).toBe(2 * MINUTE);
    clock.now += 2 * MINUTE;
    await b.recordFailure(ANA, '10.0.0.1');
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(4 * MINUTE);
    expect(await a.retryAfterMs(ANA, '10.0.0.2')).toBe(0);
    expect(await b.retryAfterMs('bea@example.test', '10.0.0.1')).toBe(0);
  });

  it('caps the delay and forgets a pair after a day without failures', async () => {
    const { a, next, clock } = throttles();
    for (let i = 0; i < 30; i += 1) await next().recordFailure(ANA, '10.0.0.1');
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(60 * MINUTE);
    clock.now += 24 * 60 * MINUTE;
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    await next().recordFailure(ANA, '10.0.0.1');
    expect(await a.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
  });

  it('never refuses an address without failures because of other addresses’ failures on the account', async () => {
    const { a, next } = throttles();
    for (let i = 0; i < 50; i += 1) await next().recordFailure(ANA, `10.0.1.${i}`);
    expect(await a.retryAfterMs(ANA, '192.0.2.7')).toBe(0);
  });

  it('past the account-wide limit, refuses the addresses that already failed against the account', async () => {
    const { a, b, next, clock } = throttles();
    for (let i = 0; i < 9; i += 1) await next().recordFailure(ANA, `10.0.1.${i}`);
    expect(await a.retryAfterMs(ANA, '10.0.1.0')).toBe(0);
    clock.now += MINUTE;
    await b.recordFailure(ANA, '10.0.1.9');
    expect(await a.retryAfterMs(ANA, '10.0.1.0')).toBe(14 * MINUTE);
    expect(await b.retryAfterMs(ANA, '10.0.1.9')).toBe(14 * MINUTE);
    expect(await a.retryAfterMs(ANA, '10.0.2.1')).toBe(0);
  });

  it('blocks an address after 20 failures across different accounts', async () => {
    const { a, b, next } = throttles();
    for (let i = 0; i < 20; i += 1) await next().recordFailure(`user${i}@example.test`, '10.0.0.1');
    expect(await a.retryAfterMs('someone-new@example.test', '10.0.0.1')).toBe(15 * MINUTE);
    expect(await b.retryAfterMs('someone-new@example.test', '10.0.0.1')).toBe(15 * MINUTE);
    expect(await b.retryAfterMs('someone-new@example.test', '10.0.0.2')).toBe(0);
  });

  it('forgets a pair’s failures after a successful login from that address on another instance', async () => {
    const { a, b } = throttles();
    for (let i = 0; i < 4; i += 1) await a.recordFailure(ANA, '10.0.0.1');
    await b.recordSuccess(ANA, '10.0.0.1');
    await a.recordFailure(ANA, '10.0.0.1');
    expect(await b.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
  });

  it('keeps no account or address in clear in Redis', async () => {
    const { a } = throttles();
    await a.recordFailure('secret-person@example.test', '203.0.113.9');
    const keys = await redisA.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes('secret-person') || key.includes('203.0.113'))).toBe(
      false,
    );
  });
});

describe('the sign-up throttle in Redis, shared by two instances', () => {
  it('lets an address sign up 3 times an hour across instances, then answers the wait until the oldest leaves', async () => {
    const clock = { now: 0 };
    const config = { perIp: { max: 3, windowMs: 60 * MINUTE }, now: () => clock.now };
    const options = { prefix: prefix() };
    const a = new RedisSignupThrottle(redisA, config, options);
    const b = new RedisSignupThrottle(redisB, config, options);
    for (const t of [a, b, a]) {
      expect(await t.take('10.0.0.1')).toBe(0);
      clock.now += MINUTE;
    }
    expect(await b.take('10.0.0.1')).toBe(57 * MINUTE);
    expect(await a.take('10.0.0.2')).toBe(0);
    clock.now += 57 * MINUTE;
    expect(await b.take('10.0.0.1')).toBe(0);
  });
});

describe('token buckets in Redis, shared by two instances', () => {
  it('allows the guest burst across instances, then one guest per refill interval', async () => {
    const clock = { now: 5_000_000 };
    const options = { prefix: prefix(), now: () => clock.now };
    const a = redisGuestLimiter(redisA, { perHour: 60, burst: 3 }, options);
    const b = redisGuestLimiter(redisB, { perHour: 60, burst: 3 }, options);
    expect(await a.take('10.0.0.1')).toBe(0);
    expect(await b.take('10.0.0.1')).toBe(0);
    expect(await a.take('10.0.0.1')).toBe(0);
    // 60 an hour: one token a minute.
    expect(await b.take('10.0.0.1')).toBe(MINUTE);
    expect(await a.take('10.0.0.2')).toBe(0);
    clock.now += 30_000;
    expect(await a.take('10.0.0.1')).toBe(30_000);
    clock.now += 30_000;
    expect(await b.take('10.0.0.1')).toBe(0);
    expect(await a.take('10.0.0.1')).toBe(MINUTE);
  });

  it('counts connection attempts as the in-memory buckets do', async () => {
    const clock = { now: 1_000 };
    const rate = { perSecond: 2, burst: 4 };
    const shared = prefix();
    const redisBuckets = [
      new RedisTokenBuckets(redisA, 'connection', rate, { prefix: shared, now: () => clock.now }),
      new RedisTokenBuckets(redisB, 'connection', rate, { prefix: shared, now: () => clock.now }),
    ];
    const memory = localBucketLimiter(rate, () => clock.now);
    for (let step = 0; step < 40; step += 1) {
      const viaRedis = await redisBuckets[step % 2]?.take('10.0.0.1');
      expect(viaRedis).toBe(await memory.take('10.0.0.1'));
      clock.now += (step * 37) % 400;
    }
  });
});

describe('limiters while Redis is down', () => {
  it('fail closed with a clear error, the connection limiter falls back to local counts, and all recover once Redis is back', async () => {
    const logs = captureLogs('info');
    const redis = createRedisConnection(server.url, logs.logger, 'commands');
    try {
      await redis.ping();
      const login = new RedisLoginThrottle(redis, {}, { prefix: prefix() });
      const signup = new RedisSignupThrottle(redis, {}, { prefix: prefix() });
      const guests = redisGuestLimiter(redis, {}, { prefix: prefix() });
      const connections = new FallbackTakeLimiter(
        new RedisTokenBuckets(
          redis,
          'connection',
          { perSecond: 1, burst: 1 },
          { prefix: prefix() },
        ),
        localBucketLimiter({ perSecond: 1, burst: 1 }),
        logs.logger,
        'connection',
      );
      await login.recordFailure(ANA, '10.0.0.1');

      await server.stop();
      await expect
        .poll(() => logs.find({ msg: 'redis connection lost; reconnecting with backoff' }).length)
        .toBe(1);

      await expect(login.retryAfterMs(ANA, '10.0.0.1')).rejects.toThrow(LimiterUnavailableError);
      await expect(login.retryAfterMs(ANA, '10.0.0.1')).rejects.toThrow(
        'the login throttle is unavailable: its Redis cannot be reached',
      );
      await expect(login.recordFailure(ANA, '10.0.0.1')).rejects.toThrow(LimiterUnavailableError);
      await expect(signup.take('10.0.0.1')).rejects.toThrow(LimiterUnavailableError);
      await expect(guests.take('10.0.0.1')).rejects.toThrow(LimiterUnavailableError);
      // Local counts: the first upgrade passes, the second in the same second waits.
      expect(await connections.take('10.0.0.9')).toBe(0);
      expect(await connections.take('10.0.0.9')).toBeGreaterThan(0);
      expect(connections.degraded).toBe(true);

      await server.restart();
      await expect
        .poll(() => logs.find({ msg: 'redis connection is back' }).length, { timeout: 20_000 })
        .toBe(1);
      // An empty Redis came back (no persistence): counting starts again, scripts are re-sent.
      expect(await login.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
      await login.recordFailure(ANA, '10.0.0.1');
      expect(await signup.take('10.0.0.1')).toBe(0);
      expect(await guests.take('10.0.0.1')).toBe(0);
      expect(await connections.take('10.0.0.9')).toBe(0);
      expect(connections.degraded).toBe(false);
      expect(logs.find({ msg: 'limiter counts in Redis again' })).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });
});
