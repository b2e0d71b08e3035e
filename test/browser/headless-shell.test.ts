// Builds draw diagrams in Chromium's headless shell when it is installed (findBuildChromium):
// it must draw them exactly as the browser does, or a deck's dist/ would depend on which of
// the two a machine has. The shell hints glyphs unless told not to (HEADLESS_ARGS), and
// then measures text and glyph bounds in whole pixels: every diagram comes out different.
// The tests open their pages in the shell too (test/support/browser.ts): it must lay the
// deck out as the browser a student opens it in does, or their sizes and places would not
// be the student's.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { mermaidFenceSources } from "../../src/chromium/early-diagrams.ts";
import { findBuildChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { MermaidWorkerClient } from "../../src/chromium/mermaid-worker-client.ts";
import { FRAME } from "../../src/shared/constants.ts";
import { mermaidConfig } from "../../src/shared/mermaid-config.ts";
import { chromiumPath, hasChromium, waitForReady } from "../support/browser.ts";

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

  it("lays out every slide of the deck, every step shown, as the browser does", async () => {
    // the print view lays out every slide at once, each at its last step
    const url = `${pathToFileURL(inject("builtDeckFile")).href}?print-pdf`;
    const [fromShell, fromBrowser] = await Promise.all(
      [SHELL, chromiumPath!].map(async (exe) => {
        const browser = await launchChromium(exe);
        try {
          const page = await browser.newPage({ viewport: { ...FRAME } });
          await page.goto(url);
          await waitForReady(page);
          return await page.evaluate(() =>
            [...document.querySelectorAll(".reveal .slides *")].map((e) => {
              const box = e.getBoundingClientRect();
              return `#${e.closest("section")?.id} <${e.tagName.toLowerCase()}> ${[box.x, box.y, box.width, box.height].map((v) => v.toFixed(2)).join(" ")}`;
            }),
          );
        } finally {
          await browser.close();
        }
      }),
    );
    expect(fromBrowser.length).toBeGreaterThan(20_000);
    const differing = fromShell.flatMap((box, k) => (box === fromBrowser[k] ? [] : [`${box} against ${fromBrowser[k]}`]));
    expect(differing.slice(0, 10)).toEqual([]);
    expect(fromShell.length).toBe(fromBrowser.length);
  }, 120_000);
});
