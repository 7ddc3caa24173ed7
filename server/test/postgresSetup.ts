// Setup file of the `server-postgres` vitest project: each test file's throwaway PostgreSQL
// cluster (started on first use by TEST_STORAGE=postgres) is stopped when the file ends, so a
// reused worker never piles clusters up.
import { afterAll } from 'vitest';
import { releaseSharedPostgres } from './postgresServer.ts';

afterAll(releaseSharedPostgres);
