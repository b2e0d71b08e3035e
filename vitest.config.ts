import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { snippetAliases } from "./src/compile/snippets/runner.ts";
import LongestFirstSequencer from "./test/support/sequencer.ts";

/** Tests that need no build and no browser: the gradient module, the formula checker, the
 * compiler on fixtures, the CLI, the house rules. */
const UNIT = [
  "test/grad/**/*.test.ts",
  "test/formulas/**/*.test.ts",
  "test/compile/**/*.test.ts",
  "test/cli/**/*.test.ts",
  "test/architecture/**/*.test.ts",
  "test/shared/**/*.test.ts",
  "test/exercises/**/*.test.ts",
  "test/present/**/*.test.ts", // the room's server with real WebSocket clients, on a made-up site
  "test/vite/**/*.test.ts", // parts of the build on made-up input
];
/** `npm run present` as a process builds a deck when dist/ is missing: with the deck tests. */
const PRESENT_CLI = "test/present/present-cli.test.ts";
/** Busy-loops both cores while it builds twice: alone, after every other test. */
const DETERMINISM = "test/build/determinism.test.ts";

export default defineConfig({
  // tests import slides' modules (slides/notation.ts) as snippets do: the same import names
  resolve: { alias: snippetAliases(process.cwd()) },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A worker a core, the longest files first: two on this project's 2-core machines, more
    // where there are more cores (every file passed side by side with three others: no two
    // share a folder, a port or a page), eight at most — a browser file's Chromium holds
    // 300–500 MiB.
    maxWorkers: Math.min(8, Math.max(2, availableParallelism())),
    // A worker runs its files one after another in one module graph, instead of loading the
    // project's modules (and vitest's) again for each file: the unit tests took 59 s → 42 s
    // (their import time summed over files 16 s → 5 s). Safe here because no module keeps
    // mutable state (the house rules; a session object owns what lives across calls).
    isolate: false,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { extends: true, test: { name: "unit", include: UNIT, exclude: [PRESENT_CLI] } },
      {
        extends: true,
        test: {
          name: "deck",
          include: ["test/build/**/*.test.ts", "test/deck/**/*.test.ts", "test/browser/**/*.test.ts", PRESENT_CLI],
          exclude: [DETERMINISM],
          // the sample deck and the real deck, built once and shared read-only
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      { extends: true, test: { name: "determinism", include: [DETERMINISM], sequence: { groupOrder: 1 } } },
    ],
  },
});
