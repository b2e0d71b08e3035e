// The runtime is bundled in a process of its own: what goes wrong in it (here a live
// example that imports a module that is not there) reaches the build as its error, the
// process is gone afterwards, and nothing is kept in the bundle cache; a process started
// early and given no job ends when the build closes it.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleRuntime } from "../../src/vite/runtime-bundle.ts";
import { RuntimeBundler } from "../../src/vite/runtime-bundler.ts";
import { childrenNaming } from "../support/processes.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

/** The bundler processes this test process started that are running now. */
const bundlers = (): string[] => childrenNaming("runtime-bundle-worker");

describe("bundleRuntime", () => {
  it("reports the bundler's error from its process, which then is gone", async () => {
    const deckRoot = copySampleDeck();
    const outDir = mkdtempSync(path.join(tmpdir(), "runtime-bundle-"));
    const broken = { key: "slides/01-intro.md:9", file: "slides/01-intro.md", line: 9, code: `import { nope } from "./no-such-module.ts";\nexport default nope;\n` };
    const inputs = { liveSnippets: [broken], slides: [], runtimeDiagrams: false, exercises: false };
    await expect(bundleRuntime(inputs, deckRoot, outDir)).rejects.toThrow(/no-such-module/);
    expect(bundlers()).toEqual([]);
    expect(existsSync(path.join(deckRoot, "node_modules", ".cache", "backprop-deck", "bundles"))).toBe(false);
  }, 60_000);

  it("ends a bundler's process that was given no job when it is closed", async () => {
    const bundler = RuntimeBundler.start();
    await bundler.forked();
    expect(bundlers()).toHaveLength(1);
    await bundler.close();
    expect(bundlers()).toEqual([]);
  }, 60_000);
});
