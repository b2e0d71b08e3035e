import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the sample deck, built once and shared read-only (test/support/global-setup.ts)
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run test files in two workers at most.
    maxWorkers: 2,
  },
});
