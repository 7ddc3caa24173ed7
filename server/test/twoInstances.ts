import type { ServerConfig } from '../config.ts';
import { releaseSharedPostgres } from './postgresServer.ts';
import { RedisServer } from './redisServer.ts';
import { sharedPostgresDatabase, startTestServer, type TestServer } from './testServer.ts';

/** Two instances of one deployment: real servers on one PostgreSQL database and one Redis. */
export interface TwoInstances {
  a: TestServer;
  b: TestServer;
  redis: RedisServer;
  /** Stops both servers, Redis and the file's PostgreSQL cluster (afterAll). */
  dispose(): Promise<void>;
}

/**
 * Starts Redis, a fresh database on the test file's PostgreSQL cluster and two Recorrido servers
 * on both (the same configuration for each, `redisUrl` added).
 */
export async function startTwoInstances(config: Partial<ServerConfig> = {}): Promise<TwoInstances> {
  const redis = await RedisServer.start();
  const storage = await sharedPostgresDatabase();
  const withRedis = { ...config, redisUrl: redis.url };
  const a = await startTestServer(withRedis, undefined, { storage });
  const b = await startTestServer(withRedis, undefined, { storage });
  return {
    a,
    b,
    redis,
    async dispose() {
      try {
        await b.dispose();
        await a.dispose();
      } finally {
        await redis.destroy();
        await releaseSharedPostgres();
      }
    },
  };
}
