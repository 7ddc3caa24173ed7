import fs from 'node:fs';
import { makeDataDir } from '../../test/testServer.ts';
import { describeStorageContract } from '../storageContract.ts';
import { describeVoteStoreContract } from '../voteStoreContract.ts';
import { openSqliteStorage } from './sqliteStorage.ts';

// The same contract the PostgreSQL adapter passes (postgres/postgresStorage.test.ts), on a fresh
// SQLite file per test.
describeStorageContract('sqlite', async () => {
  const dataDir = makeDataDir();
  const storage = openSqliteStorage({ dataDir });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describeVoteStoreContract('sqlite', async () => {
  const dataDir = makeDataDir();
  const storage = openSqliteStorage({ dataDir });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
