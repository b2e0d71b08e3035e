// Builds draw diagrams in Chromium's headless shell when it is installed (findBuildChromium):
// it must draw them exactly as the browser does, or a deck's dist/ would depend on which of
// the two a machine has. The shell hints glyphs unless told not to (HEADLESS_ARGS), and
// then measures text and glyph bounds in whole pixels: every diagram comes out different.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mermaidFenceSources } from "../../src/chromium/early-diagrams.ts";
import { findBuildChromium } from "../../src/chromium/find-chromium.ts";
import { MermaidWorkerClient } from "../../src/chromium/mermaid-worker-client.ts";
import { mermaidConfig } from "../../src/shared/mermaid-config.ts";
import { chromiumPath, hasChromium } from "../support/browser.ts";

const SHELL = "/usr/bin/chromium-headless-shell";
const hasShell = existsSync(SHELL);
if (!hasShell && process.env.CI) throw new Error(`${SHELL} is missing, but CI is set: .ci/run installs it`);

/** Every mermaid fence of the real deck. */
function deckDiagrams(): string[] {
  const dir = path.resolve("slides");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .flatMap((f) => mermaidFenceSources(readFileSync(path.join(dir, f), "utf8")));
}

describe.skipIf(!hasChromium || !hasShell)("the headless shell", () => {
  const workers: MermaidWorkerClient[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
  });

  it("is what builds draw in unless CHROME_PATH says otherwise", () => {
    expect(findBuildChromium({})).toBe(SHELL);
    expect(findBuildChromium({ CHROME_PATH: chromiumPath })).toBe(chromiumPath);
    expect(findBuildChromium({ CHROME_PATH: path.resolve("no-such-chromium") })).toBeUndefined();
  });

  it("draws every diagram of the deck, in both themes, as the browser does", async () => {
    const diagrams = deckDiagrams();
    expect(diagrams.length).toBeGreaterThanOrEqual(5);
    const [shell, browser] = [SHELL, chromiumPath!].map((exe) => new MermaidWorkerClient(exe));
    workers.push(shell, browser);
    for (const theme of ["light", "dark"] as const) {
      for (const [k, source] of diagrams.entries()) {
        const [fromShell, fromBrowser] = await Promise.all([shell, browser].map((w) => w.render(`d${k}`, source, mermaidConfig(theme))));
        expect("svg" in fromBrowser, `diagram ${k} drawn`).toBe(true);
        expect(fromShell, `diagram ${k} in the ${theme} theme`).toEqual(fromBrowser);
      }
    }
  });
});
