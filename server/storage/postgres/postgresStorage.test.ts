import { afterAll, describe, expect, it } from 'vitest';
import { newMapId } from '../../../shared/ids.ts';
import { freshDatabaseUrl, releaseSharedPostgres } from '../../test/postgresServer.ts';
import type { Storage } from '../storage.ts';
import { describeStorageContract } from '../storageContract.ts';
import { describeVoteStoreContract } from '../voteStoreContract.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

// One throwaway cluster for this file (started on first use), a fresh database per test.
afterAll(releaseSharedPostgres);

describeStorageContract('postgres', async () => {
  const storage = await openPostgresStorage({ url: await freshDatabaseUrl(), poolSize: 4 });
  return { storage, dispose: () => storage.close() };
});

describeVoteStoreContract('postgres', async () => {
  const storage = await openPostgresStorage({ url: await freshDatabaseUrl(), poolSize: 4 });
  return { storage, dispose: () => storage.close() };
});

describe('PostgreSQL transactions', () => {
  it('refuse the stores of a transaction once it is over (their connection went back to the pool)', async () => {
    const storage = await openPostgresStorage({ url: await freshDatabaseUrl(), poolSize: 1 });
    try {
      let escaped: Storage['maps'] | null = null;
      await storage.transaction(async (tx) => {
        escaped = tx.maps;
        await tx.maps.count();
      });
      const late = escaped as Storage['maps'] | null;
      await expect(late?.create({ id: newMapId(), title: 'late', template: null })).rejects.toThrow(
        /transaction is over/,
      );
      expect(await storage.maps.count()).toBe(0);
    } finally {
      await storage.close();
    }
  });
});
