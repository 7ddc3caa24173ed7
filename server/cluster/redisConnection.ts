import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { redact } from './redisUrl.ts';

/** Reconnect delays: 50 ms doubling per attempt, at most 5 s between two attempts, forever. */
export function reconnectDelay(attempt: number): number {
  return Math.min(5_000, 50 * 2 ** Math.min(attempt, 10));
}

/** Longest a single command may take before it fails (a hung Redis must not hang a login). */
export const COMMAND_TIMEOUT_MS = 2_000;

/** What a connection is for, in its log lines and in Redis's CLIENT LIST. */
export type ConnectionRole =
  'commands' | 'publisher' | 'subscriber' | 'documents-publisher' | 'documents-subscriber';

/**
 * An ioredis connection that reconnects with backoff forever and logs one line when it is lost
 * and one when it is back (not one per failed attempt). Commands sent while it is down fail after
 * one reconnect attempt instead of queueing without bound; callers that must not wait at all
 * check `isReady` first (see RedisLimiterStore).
 */
export function createRedisConnection(
  url: string,
  logger: Logger,
  role: ConnectionRole,
  options: RedisOptions = {},
): Redis {
  const redis = new Redis(url, {
    connectionName: `recorrido-${role}`,
    retryStrategy: reconnectDelay,
    maxRetriesPerRequest: 1,
    // A subscriber only waits for messages: a command timeout would only break its SUBSCRIBE.
    commandTimeout: role.endsWith('subscriber') ? undefined : COMMAND_TIMEOUT_MS,
    ...options,
  });
  const where = redact(url);
  let lost = false;
  redis.on('ready', () => {
    if (lost) logger.info({ redis: where, role }, 'redis connection is back');
    lost = false;
  });
  redis.on('close', () => {
    if (lost) return;
    lost = true;
    logger.warn({ redis: where, role }, 'redis connection lost; reconnecting with backoff');
  });
  // Without a listener ioredis prints every failed attempt; the 'close' line above says enough.
  redis.on('error', (error: Error) => {
    logger.debug({ redis: where, role, err: error.message }, 'redis connection error');
  });
  return redis;
}

/** True when the connection can take a command now. */
export function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** The answer of /healthz's Redis part. */
export interface RedisHealth {
  redis: 'ok' | 'down';
}

/** 'ok' when Redis answers PING within `timeoutMs`, else 'down' (never throws, never hangs). */
export async function redisHealth(redis: Redis, timeoutMs = 1_000): Promise<RedisHealth> {
  if (!isReady(redis)) return { redis: 'down' };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    const answer = await Promise.race([redis.ping(), late]);
    return { redis: answer === 'PONG' ? 'ok' : 'down' };
  } catch {
    return { redis: 'down' };
  } finally {
    clearTimeout(timer);
  }
}
