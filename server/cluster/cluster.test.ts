import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rejections } from '../collab/guards/rejections.ts';
import { Metrics } from '../metrics.ts';
import { captureLogs } from '../test/logCapture.ts';
import { RedisServer } from '../test/redisServer.ts';
import { startCluster, type Cluster } from './cluster.ts';

let redis: RedisServer;
const started: Cluster[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});

afterAll(async () => {
  try {
    await Promise.all(started.map((cluster) => cluster.close()));
  } finally {
    await redis?.destroy();
  }
});

async function instance(
  limits = { connectionsPerSecond: 1, connectionBurst: 3, trustProxy: false },
) {
  const logs = captureLogs('info');
  const cluster = await startCluster({ url: redis.url, logger: logs.logger, limits });
  started.push(cluster);
  return { cluster, logs };
}

function upgradeFrom(ip: string): IncomingMessage {
  return { socket: { remoteAddress: ip }, headers: {} } as unknown as IncomingMessage;
}

describe('an instance in multi-instance mode', () => {
  it('shares the WebSocket upgrade budget of an address with the other instances', async () => {
    const a = await instance();
    const b = await instance();
    const guardA = a.cluster.connectionGuard(new Rejections(a.logs.logger, new Metrics()));
    const guardB = b.cluster.connectionGuard(new Rejections(b.logs.logger, new Metrics()));
    expect(await guardA.admit(upgradeFrom('198.51.100.1'))).toBeNull();
    expect(await guardB.admit(upgradeFrom('198.51.100.1'))).toBeNull();
    expect(await guardA.admit(upgradeFrom('198.51.100.1'))).toBeNull();
    const refusal = await guardB.admit(upgradeFrom('198.51.100.1'));
    expect(refusal).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\nRetry-After: 1\r\n/);
    expect(b.logs.find({ reason: 'connection_rate_limited' })).toHaveLength(1);
    expect(await guardB.admit(upgradeFrom('198.51.100.2'))).toBeNull();
  });

  it('reports redis ok for /healthz, down while it is stopped, and ok again once it is back', async () => {
    const { cluster, logs } = await instance();
    expect(await cluster.health()).toEqual({ redis: 'ok' });
    await redis.stop();
    await expect.poll(() => cluster.health()).toEqual({ redis: 'down' });
    await redis.restart();
    await expect.poll(() => cluster.health(), { timeout: 20_000 }).toEqual({ redis: 'ok' });
    expect(logs.find({ msg: 'redis connection is back' }).length).toBeGreaterThan(0);
  });

  it('refuses to start with a clear message when REDIS_URL does not answer', async () => {
    const port = await closedPort();
    const { logger } = captureLogs();
    await expect(
      startCluster({
        url: `redis://:secret@127.0.0.1:${port}`,
        logger,
        limits: { connectionsPerSecond: 1, connectionBurst: 1, trustProxy: false },
      }),
    ).rejects.toThrow(
      new RegExp(
        `^REDIS_URL redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} cannot be reached \\(.+\\): is Redis running\\?$`,
      ),
    );
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}
