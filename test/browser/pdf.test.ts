// `npm run pdf` end to end on the sample deck, read back with pdf.js: one page per slide (or
// per reveal step), math as real text, equation → example → back as jumps inside the PDF,
// an outline by chapter, speaker notes in the handout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getDocument, OPS, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, startBrowser, waitForReady } from "../support/browser.ts";
import { runScript } from "../support/run-script.ts";

let root: string;
/** the PDFs go here, never into the shared build's dist/ */
let out: string;

async function pdf(...args: string[]): Promise<{ doc: PDFDocumentProxy; stdout: string }> {
  const file = path.join(out, `${args.join("") || "plain"}.pdf`);
  const outcome = await runScript("pdf", [...args, "--out", file], { cwd: root });
  expect(outcome.code, outcome.stderr).toBe(0);
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  return { doc, stdout: outcome.stdout };
}

async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  const content = await (await doc.getPage(n)).getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join(" ");
}

/** Page indices (0-based) that the page's internal links jump to. */
async function linkTargets(doc: PDFDocumentProxy, n: number): Promise<number[]> {
  const annotations = await (await doc.getPage(n)).getAnnotations();
  const targets: number[] = [];
  for (const a of annotations) {
    if (a.subtype !== "Link" || !a.dest) continue;
    const dest = typeof a.dest === "string" ? await doc.getDestination(a.dest) : a.dest;
    targets.push(await doc.getPageIndex(dest![0]));
  }
  return targets;
}

beforeAll(() => {
  root = inject("builtSampleDeck"); // shared, read-only
  out = mkdtempSync(path.join(tmpdir(), "deck-pdf-"));
});

describe.runIf(hasChromium)("npm run pdf", () => {
  let slides: { ids: string[]; sources: string[]; steps: number };
  beforeAll(async () => {
    // What the deck itself says: its slides in order, and how many reveal steps they have.
    const browser = await startBrowser();
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href);
    await waitForReady(page);
    slides = await page.evaluate(() => {
      const deck = (window as unknown as { deck: { getSlides(): HTMLElement[] } }).deck;
      const all = deck.getSlides();
      const steps = all.reduce((n, s) => n + new Set([...s.querySelectorAll(".fragment")].map((f) => f.getAttribute("data-fragment-index"))).size, 0);
      return { ids: all.map((s) => s.id), sources: all.map((s) => s.dataset.source ?? ""), steps };
    });
    await browser.close();
  }, 60_000);

  it("prints one page per slide, with math as text and an outline by chapter", async () => {
    const { doc } = await pdf();
    expect(doc.numPages).toBe(slides.ids.length);
    const chain = slides.ids.indexOf("chain") + 1;
    const text = await pageText(doc, chain);
    expect(text).toContain("∂"); // KaTeX's glyphs are text, not pictures
    expect(text).toContain("The chain rule");
    // diagrams and math are vector paths and text: no page paints a raster image
    for (let n = 1; n <= doc.numPages; n++) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      expect(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject), `page ${n}`).toEqual([]);
    }
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(["Introduction", "Code"]);
    // "Code" opens the first slide of slides/02-code.md
    const dest = outline[1].dest as unknown as [{ num: number; gen: number }];
    expect(await doc.getPageIndex(dest[0])).toBe(slides.sources.findIndex((s) => s.startsWith("slides/02-code.md:")));
  }, 60_000);

  it("links each equation to its example and back, inside the PDF", async () => {
    const { doc } = await pdf();
    const chain = slides.ids.indexOf("chain");
    const example = slides.ids.indexOf("chain-example");
    expect(await linkTargets(doc, chain + 1)).toContain(example);
    expect(await linkTargets(doc, example + 1)).toContain(chain);
  }, 60_000);

  it("--fragments prints one page per reveal step", async () => {
    const { doc } = await pdf("--fragments");
    expect(doc.numPages).toBe(slides.ids.length + slides.steps);
  }, 60_000);

  it("without a Chromium it says so, and how to install one", async () => {
    const outcome = await runScript("pdf", ["--out", path.join(out, "none.pdf")], { cwd: root, env: { ...process.env, CHROME_PATH: path.join(root, "no-such-browser") } });
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toMatch(/no Chromium found.*apt-get install chromium/);
  }, 60_000);

  it("with a Chromium that will not start it says so in one line, no stack, and writes no PDF", async () => {
    const file = path.join(out, "broken.pdf");
    const outcome = await runScript("pdf", ["--out", file], { cwd: root, env: { ...process.env, CHROME_PATH: "/bin/false" } });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^pdf failed: Chromium exited \(code 1\)$/m);
    expect(outcome.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it("names a slide whose content runs past its page, by file and line", async () => {
    const deck = mkdtempSync(path.join(tmpdir(), "deck-tall-"));
    mkdirSync(path.join(deck, "slides"));
    const items = Array.from({ length: 30 }, (_, k) => `- item ${k + 1}`).join("\n");
    writeFileSync(path.join(deck, "slides", "a.md"), `---\nname: tall\n---\n\n# Short\n\nOne line.\n\n---\n\n# Too long for one page\n\n${items}\n`);
    expect((await runScript("build", [], { cwd: deck })).code).toBe(0);
    const outcome = await runScript("pdf", [], { cwd: deck });
    expect(outcome.code, outcome.stderr).toBe(0);
    // where the slide starts (the line after its ---)
    expect(outcome.stderr).toMatch(/slides\/a\.md:10: warning: the slide runs \d+ px past its page/);
    expect(outcome.stderr.match(/warning/g)).toHaveLength(1); // the short slide fits
  }, 120_000);

  it("--handout prints two slides a portrait A4 page, each with its notes, pages numbered", async () => {
    const { doc } = await pdf("--handout");
    const pages = Math.ceil(slides.ids.length / 2);
    expect(doc.numPages).toBe(pages);
    const [, , width, height] = (await doc.getPage(1)).view;
    // A4 is 595.3 × 841.9 pt; Chromium's printer rounds its sizes to a hundredth of an inch
    expect(Math.abs(width - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(height - 841.9)).toBeLessThan(1.5);
    const all = await Promise.all(Array.from({ length: pages }, (_, k) => pageText(doc, k + 1)));
    expect(all.join(" ")).toContain("Speaker notes with math");
    all.forEach((text, k) => expect(text, `page ${k + 1}`).toContain(`${k + 1} / ${pages}`));
  }, 60_000);

  it("--handout --paper letter prints on US letter", async () => {
    const { doc } = await pdf("--handout", "--paper", "letter");
    const [, , width, height] = (await doc.getPage(1)).view;
    expect(Math.abs(width - 612)).toBeLessThan(1.5); // 8.5 × 11 in
    expect(Math.abs(height - 792)).toBeLessThan(1.5);
  }, 60_000);

  it("the print view lays the slides out once, in their pages: they are kept out of the layout until reveal.js has made the pages", async () => {
    const browser = await startBrowser();
    const page = await browser.newPage();
    // each time a class or a style of the page changes, before the deck's code goes on:
    // whether any slide is displayed, whether every slide is in its page yet, and whether the
    // print classes and reveal's start are there
    await page.addInitScript(() => {
      const states: { displayed: boolean; paged: boolean; print: boolean; started: boolean }[] = [];
      (window as unknown as { printStates: typeof states }).printStates = states;
      new MutationObserver(() => {
        const slides = [...document.querySelectorAll(".reveal .slides section:not(.stack)")];
        const displayed = slides.some((s) => s.checkVisibility());
        const paged = slides.length > 0 && slides.every((s) => s.parentElement?.classList.contains("pdf-page"));
        const state = { displayed, paged, print: document.documentElement.classList.contains("reveal-print"), started: !!document.querySelector(".reveal.ready") };
        const last = states.at(-1);
        if (!last || (Object.keys(state) as (keyof typeof state)[]).some((key) => last[key] !== state[key])) states.push(state);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["class", "style"], childList: true });
    });
    await page.goto(`${pathToFileURL(path.join(root, "dist", "sample.html")).href}?print-pdf`);
    await waitForReady(page);
    const states = await page.evaluate(() => (window as unknown as { printStates: { displayed: boolean; paged: boolean; print: boolean; started: boolean }[] }).printStates);
    const pages = await page.evaluate(() => document.querySelectorAll(".reveal .slides > .pdf-page").length);
    await browser.close();
    const firstShown = states.findIndex((s) => s.displayed);
    expect(firstShown, JSON.stringify(states)).toBeGreaterThan(0);
    expect(states[firstShown], JSON.stringify(states)).toEqual({ displayed: true, paged: true, print: true, started: true });
    expect(states.slice(firstShown).every((s) => s.displayed), JSON.stringify(states)).toBe(true);
    expect(pages).toBe(slides.ids.length);
  }, 60_000);

  it("in the handout, each slide is at its last step and its notes are typeset, below it, within their box", async () => {
    const browser = await startBrowser();
    const page = await browser.newPage();
    await page.goto(`${pathToFileURL(path.join(root, "dist", "sample.html")).href}?print-pdf&handout=a4`);
    await waitForReady(page);
    const items = await page.evaluate(() =>
      [...document.querySelectorAll(".handout-item")].map((item) => {
        const frame = item.querySelector(".handout-frame")!.getBoundingClientRect();
        const notes = item.querySelector<HTMLElement>(".handout-notes")!;
        return {
          id: item.querySelector("section")?.id,
          hiddenSteps: item.querySelectorAll(".handout-frame .fragment:not(.visible)").length,
          notesTop: notes.getBoundingClientRect().top,
          frameBottom: frame.bottom,
          fits: notes.scrollHeight <= notes.clientHeight + 1,
          rawTex: /\$[^$]*\\[a-z]+/.test(notes.textContent ?? ""),
          typeset: notes.querySelectorAll(".katex").length,
        };
      }),
    );
    await browser.close();
    expect(items.length).toBe(slides.ids.length);
    for (const item of items) {
      expect(item.hiddenSteps, item.id).toBe(0);
      expect(item.notesTop, item.id).toBeGreaterThanOrEqual(item.frameBottom);
      expect(item.fits, item.id).toBe(true);
      expect(item.rawTex, item.id).toBe(false);
    }
    expect(items.some((i) => i.typeset > 0)).toBe(true);
  }, 60_000);
});
