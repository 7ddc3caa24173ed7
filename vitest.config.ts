import { defineConfig } from 'vitest/config';

/** Unit, property and integration tests; one project per environment. */
export default defineConfig({
  test: {
    // Retrying assertions wait up to 10 s: the machine is shared and 2-core, so 1 s is too tight.
    expect: { poll: { timeout: 10_000, interval: 25 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['shared/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          include: ['client/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The integration suites again, on PostgreSQL (a throwaway cluster per test file, a fresh
        // database per server): the same tests, not a copy of them. Left out: what is SQLite by
        // nature (server/db: the file, its lock and checkpoints; the repair command; a full disk
        // under DATA_DIR) and the storage and cluster suites, which already run on both or on
        // PostgreSQL themselves.
        extends: true,
        test: {
          name: 'server-postgres',
          include: [
            'server/http/**/*.test.ts',
            'server/collab/**/*.test.ts',
            'server/auth/**/*.test.ts',
            'server/maps/**/*.test.ts',
            // email digests end to end (the builder and config tests are storage-free)
            'server/notifications/digests.test.ts',
          ],
          exclude: ['server/collab/diskFull.test.ts'],
          env: { TEST_STORAGE: 'postgres' },
          setupFiles: ['server/test/postgresSetup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
