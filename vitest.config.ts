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
    ],
  },
});
