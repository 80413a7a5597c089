import { defineConfig } from "vitest/config";

// One run over every workspace: unit tests next to the code, integration tests that
// start real servers, and the browser end-to-end tests. Workspace packages resolve to
// their TypeScript sources through the "umbra-source" export condition.
/** Tests that measure timing between browsers: they run last, alone, so other tests' load does not skew them. */
const ALONE = ["tests/e2e/playback.test.ts"];

export default defineConfig({
  resolve: { conditions: ["umbra-source"] },
  ssr: { resolve: { conditions: ["umbra-source"] } },
  test: {
    // A bound for a hung test, never a speed check: a browser test runs minutes on a slow, busy machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ["default", "./scripts/summary-reporter.ts"],
    globalSetup: ["./tests/global-setup.ts"],
    // Waiting for something to happen, never how fast: generous enough for a machine ten times slower.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "apps/web/lib/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ALONE,
          // Integration tests open PGlite/Postgres and start servers; two cores favour few forks.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: "alone", include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
