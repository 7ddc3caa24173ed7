import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapId } from '../../shared/ids.ts';
import { captureLogs } from '../test/logCapture.ts';
import { RedisServer } from '../test/redisServer.ts';
import { ClusterBus, type ClusterMessages } from './ClusterBus.ts';
import { ClusteredCollabAccess, type CollabAccessControl } from './ClusteredCollabAccess.ts';

const MAP = 'map_1' as MapId;

/** A stand-in for one instance's CollabAccess: records what it was asked to close. */
class LocalSockets implements CollabAccessControl {
  readonly members: [string, string][] = [];
  readonly sessions: string[][] = [];
  closeMember(mapId: MapId, userId: string): number {
    this.members.push([mapId, userId]);
    return 1;
  }
  closeSessions(sessionIds: readonly string[]): number {
    this.sessions.push([...sessionIds]);
    return sessionIds.length;
  }
  readonly maps: string[] = [];
  closeMap(mapId: MapId): void {
    this.maps.push(mapId);
  }
}

let redis: RedisServer;
const open: ClusterBus[] = [];

async function instance(id: string, logs = captureLogs('info')) {
  const bus = ClusterBus.connect(redis.url, logs.logger, id);
  open.push(bus);
  await bus.start();
  return { bus, logs };
}

beforeAll(async () => {
  redis = await RedisServer.start();
});

afterAll(async () => {
  try {
    await Promise.all(open.map((bus) => bus.close()));
  } finally {
    await redis?.destroy();
  }
});

describe('the cluster bus', () => {
  it('delivers a close-member message from instance A to instance B, and echoes it to A as its own', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const atA: [ClusterMessages['close-member'], boolean][] = [];
    const atB: [ClusterMessages['close-member'], boolean][] = [];
    a.bus.on('close-member', (payload, meta) => atA.push([payload, meta.self]));
    b.bus.on('close-member', (payload, meta) => atB.push([payload, meta.self]));

    expect(await a.bus.publish('close-member', { mapId: MAP, userId: 'u1' })).toBe(true);

    await expect.poll(() => atB).toEqual([[{ mapId: MAP, userId: 'u1' }, false]]);
    await expect.poll(() => atA).toEqual([[{ mapId: MAP, userId: 'u1' }, true]]);
  });

  it('drops and logs a message that fails validation instead of handing it to a handler', async () => {
    const logs = captureLogs();
    const b = await instance('b2', logs);
    const received: unknown[] = [];
    b.bus.on('close-member', (payload) => received.push(payload));
    const raw = new Redis(redis.url);
    try {
      await raw.publish('recorrido:close-member', '{"v":1,"from":"x","payload":{"mapId":"../"}}');
      await raw.publish('recorrido:close-member', 'not json');
    } finally {
      raw.disconnect();
    }
    await expect
      .poll(() => logs.find({ msg: 'cluster bus: dropped an invalid message' }).length)
      .toBe(1);
    await expect
      .poll(() => logs.find({ msg: 'cluster bus: dropped a message that is not JSON' }).length)
      .toBe(1);
    expect(received).toEqual([]);
  });
});

describe('closing connections on every instance', () => {
  it('closes the member on the instance that changed the role at once and on the others through Redis', async () => {
    const a = await instance('access-a');
    const b = await instance('access-b');
    const localA = new LocalSockets();
    const localB = new LocalSockets();
    const accessA = new ClusteredCollabAccess(localA, a.bus, a.logs.logger);
    const accessB = new ClusteredCollabAccess(localB, b.bus, b.logs.logger);

    expect(accessA.closeMember(MAP, 'ana')).toBe(1);
    // Synchronous here, as with the local-only CollabAccess.
    expect(localA.members).toEqual([[MAP, 'ana']]);
    await expect.poll(() => localB.members).toEqual([[MAP, 'ana']]);

    accessA.closeMap(MAP);
    expect(localA.maps).toEqual([MAP]);
    await expect.poll(() => localB.maps).toEqual([MAP]);

    accessB.closeSessions(['s1', 's2']);
    expect(localB.sessions).toEqual([['s1', 's2']]);
    await expect.poll(() => localA.sessions).toEqual([['s1', 's2']]);
    // A's own echo does not close A's (possibly already reconnected) sockets a second time.
    expect(localA.members).toEqual([[MAP, 'ana']]);
    expect(localB.sessions).toEqual([['s1', 's2']]);
    accessA.dispose();
    accessB.dispose();
  });

  it('still closes locally and logs while Redis is down, then reaches the other instance again once it is back', async () => {
    const a = await instance('outage-a');
    const b = await instance('outage-b');
    const localA = new LocalSockets();
    const localB = new LocalSockets();
    const accessA = new ClusteredCollabAccess(localA, a.bus, a.logs.logger);
    const accessB = new ClusteredCollabAccess(localB, b.bus, b.logs.logger);
    let resubscribed = 0;
    b.bus.onResubscribed(() => (resubscribed += 1));

    await redis.stop();
    await expect
      .poll(() => a.logs.find({ msg: 'redis connection lost; reconnecting with backoff' }).length)
      .toBeGreaterThan(0);

    expect(accessA.closeMember(MAP, 'bea')).toBe(1);
    expect(localA.members).toEqual([[MAP, 'bea']]);
    await expect
      .poll(
        () =>
          a.logs.find({ msg: 'cluster bus: redis is down, other instances miss this message' })
            .length,
      )
      .toBe(1);

    await redis.restart();
    await expect.poll(() => resubscribed, { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => a.logs.find({ msg: 'redis connection is back' }).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    accessA.closeMember(MAP, 'carla');
    await expect.poll(() => localB.members).toEqual([[MAP, 'carla']]);
    accessA.dispose();
    accessB.dispose();
    // Stopping and restarting redis-server and the client's reconnect backoff take seconds on a
    // busy machine: room for the 20 s waits above (a CI run beside other suites took over 10 s).
  }, 60_000);
});
