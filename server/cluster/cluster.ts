import type { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GuestLimits } from '../auth/guestLimit.ts';
import type { LoginThrottleConfiguration, SignupThrottleConfiguration } from '../auth/throttle.ts';
import type { CollabLimits } from '../collab/guards/limits.ts';
import type { Rejections } from '../collab/guards/rejections.ts';
import { ClusterBus } from './ClusterBus.ts';
import { ClusteredCollabAccess, type CollabAccessControl } from './ClusteredCollabAccess.ts';
import { createRedisExtension, processIdentifier } from './createRedisExtension.ts';
import { localBucketLimiter, type LoginLimiter, type TakeLimiter } from './limiters.ts';
import { createRedisConnection, redisHealth, type RedisHealth } from './redisConnection.ts';
import {
  FallbackTakeLimiter,
  RedisLoginThrottle,
  RedisSignupThrottle,
  RedisTokenBuckets,
  redisGuestLimiter,
} from './redisLimiters.ts';
import { redact } from './redisUrl.ts';
import { SharedConnectionRateGuard } from './SharedConnectionRateGuard.ts';

/** How long startCluster waits for Redis before giving up with a clear error. */
const START_DEADLINE_MS = 10_000;

/** What startCluster needs: REDIS_URL and the same limit settings as the in-memory versions. */
export interface ClusterOptions {
  url: string;
  logger: Logger;
  limits: Pick<CollabLimits, 'connectionsPerSecond' | 'connectionBurst' | 'trustProxy'>;
  guestLimits?: Partial<GuestLimits> | undefined;
  throttle?: Partial<LoginThrottleConfiguration> | undefined;
  signupThrottle?: Partial<SignupThrottleConfiguration> | undefined;
  /** This process's id on the bus and the document channels (default: host, pid, random). */
  instanceId?: string;
}

/**
 * Everything one instance needs to run beside others on one Redis (REDIS_URL): a commands
 * connection for the limiters and /healthz, the bus (two more connections), and the Hocuspocus
 * extension (two more). Built once in server.ts when REDIS_URL is set.
 */
export interface Cluster {
  readonly instanceId: string;
  readonly redis: Redis;
  readonly bus: ClusterBus;
  /** Fails closed: LimiterUnavailableError while Redis is down (answer 503). */
  readonly loginThrottle: LoginLimiter;
  /** Fails closed. */
  readonly signupThrottle: TakeLimiter;
  /** Fails closed. */
  readonly guestLimiter: TakeLimiter;
  /** Falls back to this process's own buckets while Redis is down. */
  readonly connectionLimiter: FallbackTakeLimiter;
  /** The Hocuspocus Redis extension for this instance (add it to createHocuspocus's list once). */
  createExtension(): RedisExtension;
  /** Wraps the local CollabAccess so closes reach every instance. */
  collabAccess(local: CollabAccessControl): ClusteredCollabAccess;
  /** The WebSocket upgrade limit shared by the instances. */
  connectionGuard(rejections: Rejections): SharedConnectionRateGuard;
  /** For /healthz: `{ redis: 'ok' | 'down' }`. */
  health(): Promise<RedisHealth>;
  /** Closes the bus and the commands connection (the extension closes its own in onDestroy). */
  close(): Promise<void>;
}

/** Connects to Redis and subscribes the bus; rejects with a clear message if Redis does not answer in time. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { url, logger, limits } = options;
  const instanceId = options.instanceId ?? processIdentifier();
  const redis = createRedisConnection(url, logger, 'commands');
  const bus = ClusterBus.connect(url, logger, instanceId);
  try {
    await withDeadline(Promise.all([redis.ping(), bus.start()]), START_DEADLINE_MS);
  } catch (error) {
    await bus.close();
    redis.disconnect();
    throw new Error(
      `REDIS_URL ${redact(url)} cannot be reached (${reason(error)}): is Redis running?`,
      { cause: error },
    );
  }
  logger.info({ redis: redact(url), instanceId }, 'multi-instance mode: connected to redis');
  const connectionRate = { perSecond: limits.connectionsPerSecond, burst: limits.connectionBurst };
  const connectionLimiter = new FallbackTakeLimiter(
    new RedisTokenBuckets(redis, 'connection', connectionRate),
    localBucketLimiter(connectionRate),
    logger,
    'connection',
  );
  return {
    instanceId,
    redis,
    bus,
    loginThrottle: new RedisLoginThrottle(redis, options.throttle),
    signupThrottle: new RedisSignupThrottle(redis, options.signupThrottle),
    guestLimiter: redisGuestLimiter(redis, options.guestLimits),
    connectionLimiter,
    createExtension: () => createRedisExtension(url, { logger, identifier: instanceId, bus }),
    collabAccess: (local) => new ClusteredCollabAccess(local, bus, logger),
    connectionGuard: (rejections) =>
      new SharedConnectionRateGuard({ limits, rejections, limiter: connectionLimiter }),
    health: () => redisHealth(redis),
    close: async () => {
      await bus.close();
      redis.disconnect();
    },
  };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
