import { defineConfig } from "vitest/config";

// One run over every workspace: unit tests next to the code, integration tests that
// start real servers, and the browser end-to-end test. Workspace packages resolve to
// their TypeScript sources through the "umbra-source" export condition.
export default defineConfig({
  resolve: { conditions: ["umbra-source"] },
  ssr: { resolve: { conditions: ["umbra-source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default", "./scripts/summary-reporter.ts"],
    // Integration tests open PGlite/Postgres and start servers; two cores favour few forks.
    maxWorkers: 2,
  },
});
