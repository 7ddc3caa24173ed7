import { afterAll } from 'vitest';
import { freshDatabaseUrl, releaseSharedPostgres } from '../../test/postgresServer.ts';
import { describeStorageContract } from '../storageContract.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

// One throwaway cluster for this file (started on first use), a fresh database per test.
afterAll(releaseSharedPostgres);

describeStorageContract('postgres', async () => {
  const storage = await openPostgresStorage({ url: await freshDatabaseUrl(), poolSize: 4 });
  return { storage, dispose: () => storage.close() };
});
