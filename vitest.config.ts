import { defineConfig } from 'vitest/config';

// Two projects so `npm test` can run both and report one total:
// unit tests are fast and isolated; e2e tests drive real Chromium peers and run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Several Chromium processes share two cores here: one look into a page can take a few
          // hundred milliseconds, so expect.poll's default second allows too few looks.
          expect: { poll: { timeout: 15_000 } },
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
