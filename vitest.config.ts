import { defineConfig } from "vitest/config";
import { snippetAliases } from "./src/compile/snippets/runner.ts";

export default defineConfig({
  // tests import slides' modules (slides/notation.ts) as snippets do: the same import names
  resolve: { alias: snippetAliases(process.cwd()) },
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
