import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoadOrigin, isRedisOrigin } from '../collab/origins.ts';
import { captureLogs } from '../test/logCapture.ts';
import { RedisServer } from '../test/redisServer.ts';
import { createRedisExtension } from './createRedisExtension.ts';

let redis: RedisServer;
const instances: Hocuspocus[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});

afterAll(async () => {
  try {
    for (const instance of instances) await instance.hooks('onDestroy', { instance });
  } finally {
    await redis?.destroy();
  }
});

/** Records the origin of every update applied to a loaded document, as PersistenceExtension sees it. */
function originRecorder(seen: { title: unknown; origin: unknown }[]): Extension {
  return {
    extensionName: 'origin-recorder',
    priority: 50,
    async afterLoadDocument({ document }) {
      document.on('update', (_update: Uint8Array, origin: unknown) => {
        seen.push({ title: document.getMap('meta').get('title'), origin });
      });
    },
  };
}

function instance(identifier: string, seen: { title: unknown; origin: unknown }[]): Hocuspocus {
  const { logger } = captureLogs();
  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [createRedisExtension(redis.url, { logger, identifier }), originRecorder(seen)],
  });
  instances.push(hocuspocus);
  return hocuspocus;
}

describe('updates that arrive through @hocuspocus/extension-redis', () => {
  it('carry the origin isRedisOrigin recognises on the receiving instance, and only there', async () => {
    const seenA: { title: unknown; origin: unknown }[] = [];
    const seenB: { title: unknown; origin: unknown }[] = [];
    const a = instance('origin-a', seenA);
    const b = instance('origin-b', seenB);
    const atA = await a.openDirectConnection('map:origin1');
    const atB = await b.openDirectConnection('map:origin1');

    await atA.transact((document) => document.getMap('meta').set('title', 'from A'));
    await expect.poll(() => atB.document?.getMap('meta').get('title')).toBe('from A');

    const arrivedAtB = seenB.filter((entry) => entry.title === 'from A');
    expect(arrivedAtB.length).toBeGreaterThan(0);
    // PersistenceExtension skips exactly these: instance A logged the update already.
    for (const { origin } of arrivedAtB) {
      expect(isRedisOrigin(origin)).toBe(true);
      expect(isLoadOrigin(origin)).toBe(false);
    }
    const madeAtA = seenA.filter((entry) => entry.title === 'from A');
    expect(madeAtA.length).toBe(1);
    expect(isRedisOrigin(madeAtA[0]?.origin)).toBe(false);

    await atA.disconnect();
    await atB.disconnect();
  });

  it('is told apart from the origins of connections and local writes', () => {
    expect(isRedisOrigin({ source: 'redis' })).toBe(true);
    expect(isRedisOrigin({ source: 'local' })).toBe(false);
    expect(isRedisOrigin({ source: 'connection', connection: {} })).toBe(false);
    expect(isRedisOrigin(null)).toBe(false);
    expect(isRedisOrigin('redis')).toBe(false);
  });
});
