import crypto from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run atomically in Redis, by SHA once Redis has seen it (EVALSHA, else EVAL). */
export class RedisScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = crypto.createHash('sha1').update(source).digest('hex');
  }

  /** Runs it on keys with arguments; a restarted Redis has lost its script cache, so NOSCRIPT re-sends it. */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]) {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await redis.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Sliding windows as sorted sets of event timestamps (score = ms; member unique). Same rule as the
 * in-memory SlidingWindow: an event counts while now - t < window; the wait is until the
 * max-newest event leaves the window. Only the newest `max` events decide it, so a set is trimmed
 * to `max` members and expires with its window: memory per key is bounded.
 */
const WINDOW_FUNCTIONS = `
local function window_wait(key, now, max, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count < max then return 0 end
  local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
  return math.max(0, tonumber(oldest[2]) + window - now)
end
local function window_record(key, now, max, window, member)
  redis.call('ZADD', key, now, member)
  redis.call('ZREMRANGEBYRANK', key, 0, -(max + 1))
  redis.call('PEXPIRE', key, window)
end
-- The pair's failure count, or nil once it was forgotten (forget_after without a new failure).
local function pair_failures(key, now, forget_after)
  local failures = tonumber(redis.call('HGET', key, 'failures'))
  local last = tonumber(redis.call('HGET', key, 'last'))
  if failures == nil or last == nil then return nil, nil end
  if now - last >= forget_after then
    redis.call('DEL', key)
    return nil, nil
  end
  return failures, last
end
`;

/**
 * LoginThrottle.retryAfterMs. KEYS: pair, account window, address window. ARGV: now, free,
 * baseDelay, maxDelay, forgetAfter, accountMax, accountWindow, ipMax, ipWindow.
 */
export const LOGIN_RETRY_AFTER = new RedisScript(`${WINDOW_FUNCTIONS}
local now = tonumber(ARGV[1])
local free, base, max_delay, forget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local wait = window_wait(KEYS[3], now, tonumber(ARGV[8]), tonumber(ARGV[9]))
local failures, last = pair_failures(KEYS[1], now, forget)
if failures ~= nil then
  if failures >= free then
    local delay = math.min(max_delay, base * 2 ^ (failures - free))
    wait = math.max(wait, last + delay - now)
  end
  -- The account-wide limit only binds addresses that have failed against this account.
  wait = math.max(wait, window_wait(KEYS[2], now, tonumber(ARGV[6]), tonumber(ARGV[7])))
end
return math.ceil(wait)
`);

/** LoginThrottle.recordFailure. KEYS as LOGIN_RETRY_AFTER. ARGV: now, forgetAfter, accountMax, accountWindow, ipMax, ipWindow, member. */
export const LOGIN_RECORD_FAILURE = new RedisScript(`${WINDOW_FUNCTIONS}
local now = tonumber(ARGV[1])
local forget = tonumber(ARGV[2])
local failures = pair_failures(KEYS[1], now, forget) or 0
redis.call('HSET', KEYS[1], 'failures', failures + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], forget)
window_record(KEYS[2], now, tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[7])
window_record(KEYS[3], now, tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7])
return 1
`);

/** SignupThrottle.take: counts when under the limit. KEYS: window. ARGV: now, max, window, member. */
export const WINDOW_TAKE = new RedisScript(`${WINDOW_FUNCTIONS}
local now, max, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wait = window_wait(KEYS[1], now, max, window)
if wait == 0 then window_record(KEYS[1], now, max, window, ARGV[4]) end
return math.ceil(wait)
`);

/**
 * TokenBucket.take + msUntil in one step. KEYS: bucket. ARGV: now (ms), perSecond, burst, cost.
 * Returns {1, 0} when taken, else {0, ms until cost tokens are there}. The bucket expires once
 * it would be full again (a full bucket carries no information).
 */
export const BUCKET_TAKE = new RedisScript(`
local now, per_second, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
local updated = tonumber(redis.call('HGET', KEYS[1], 'updated'))
if tokens == nil or updated == nil then tokens = burst; updated = now end
tokens = math.min(burst, tokens + math.max(0, now - updated) / 1000 * per_second)
local taken = 0
if tokens >= cost then
  tokens = tokens - cost
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'updated', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per_second * 1000) + 1000)
local wait = 0
if tokens < cost then wait = math.ceil((cost - tokens) / per_second * 1000) end
return {taken, wait}
`);
