import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freshDatabaseUrl,
  PostgresCluster,
  releaseSharedPostgres,
} from '../../test/postgresServer.ts';
import { StorageUnavailableError } from '../errors.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

const clusters: PostgresCluster[] = [];

// The tests that stop or freeze a server start a cluster of their own; the others share one.
afterAll(async () => {
  await Promise.all([...clusters.map((cluster) => cluster.destroy()), releaseSharedPostgres()]);
});

/** Resolves to what the promise rejected with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('PostgreSQL storage when the database goes away', () => {
  it('rejects clearly and quickly while the server is down, and reconnects once it is back', async () => {
    // A cluster of its own: this test stops it.
    const cluster = await PostgresCluster.start();
    clusters.push(cluster);
    const storage = await openPostgresStorage({
      url: await cluster.createDatabase(),
      poolSize: 3,
      connectionTimeoutMillis: 1_000,
      statementTimeoutMillis: 3_000,
    });
    try {
      const update = new Uint8Array([0, 0]);
      await storage.documents.append([{ name: 'map:x', update }]);
      await cluster.stop();

      for (const call of [
        () => storage.ping(),
        () => storage.documents.append([{ name: 'map:x', update }]),
        () => storage.maps.list(),
        () => storage.transaction((tx) => tx.maps.count()),
      ]) {
        const started = Date.now();
        const error = await rejection(call());
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(error).toBeInstanceOf(StorageUnavailableError);
        expect((error as Error).message).toMatch(/^PostgreSQL is unavailable: /);
      }

      await cluster.restart();
      await expect
        .poll(() =>
          storage.ping().then(
            () => true,
            () => false,
          ),
        )
        .toBe(true);
      expect(await storage.documents.tailLength('map:x')).toBe(1);
      await storage.documents.append([{ name: 'map:x', update }]);
      expect(await storage.documents.tailLength('map:x')).toBe(2);
    } finally {
      await storage.close();
    }
  });

  it('rejects within the timeouts when the server hangs, and recovers when it answers again', async () => {
    const cluster = await PostgresCluster.start();
    clusters.push(cluster);
    const storage = await openPostgresStorage({
      url: await cluster.createDatabase(),
      poolSize: 2,
      connectionTimeoutMillis: 1_000,
      statementTimeoutMillis: 1_000,
      pingTimeoutMillis: 500,
    });
    try {
      await storage.maps.count(); // an open connection in the pool
      cluster.freeze();
      try {
        for (const [call, bound] of [
          [() => storage.ping(), 1_500],
          // The pooled connection: the client's query_timeout (statement timeout + 1 s).
          [() => storage.maps.count(), 4_000],
          [
            () => storage.documents.append([{ name: 'map:y', update: new Uint8Array([0, 0]) }]),
            4_000,
          ],
          [() => storage.transaction((tx) => tx.maps.count()), 4_000],
        ] as const) {
          const started = Date.now();
          const error = await rejection(call());
          expect(Date.now() - started).toBeLessThan(bound);
          expect(error).toBeInstanceOf(StorageUnavailableError);
        }
      } finally {
        cluster.thaw();
      }
      await expect
        .poll(() =>
          storage.ping().then(
            () => true,
            () => false,
          ),
        )
        .toBe(true);
      expect(await storage.maps.count()).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it('fails to open within the connection timeout when the server accepts but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const started = Date.now();
      const error = await rejection(
        openPostgresStorage({
          url: `postgres://postgres@127.0.0.1:${port}/nothing`,
          connectionTimeoutMillis: 500,
        }),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect((error as Error).message).toMatch(/timeout/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails to open at once when nothing listens on the port', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(
      openPostgresStorage({ url: `postgres://postgres@127.0.0.1:${port}/nothing` }),
    );
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('rejects every call after close()', async () => {
    const storage = await openPostgresStorage({ url: await freshDatabaseUrl() });
    await storage.close();
    const error = await rejection(storage.maps.count());
    expect((error as Error).message).toMatch(/closed/);
  });
});
