// `npm run pdf -- --annotations FILE.json` on the sample deck, read back with pdf.js: each
// stroke is one more vector path on its slide's pages (at its step and after with
// --fragments, at the last step in the handout) and nowhere else, and no page paints an
// image; a bad file is refused with one line naming the field, and no PDF is written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getDocument, OPS, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { DrawingDocument, Stroke } from "../../src/shared/drawing-format.ts";
import { hasChromium, startBrowser, waitForReady } from "../support/browser.ts";
import { runScript } from "../support/run-script.ts";

let root: string;
let out: string;

const stroke = (id: number, step: number, points: number[]): Stroke => ({ id, step, tool: 0, color: 2, size: 8, points });
/** one stroke on the title slide, two on #chain: one before its steps, one at step 1 */
const annotations: DrawingDocument = {
  format: "backprop-deck-drawings",
  version: 1,
  slides: {
    title: [stroke(1, -1, [100, 600, 0.5, 500, 640, 0.6, 900, 600, 0.7])],
    chain: [stroke(2, -1, [100, 100, 0.5, 300, 200, 0.5]), stroke(3, 1, [600, 500, 0.5, 800, 520, 0.5, 1000, 500, 0.5])],
  },
};

async function printed(...args: string[]): Promise<PDFDocumentProxy> {
  const file = path.join(out, `${args.join("").replace(/[^a-z]/gi, "") || "plain"}.pdf`);
  const outcome = await runScript("pdf", [...args, "--out", file], { cwd: root });
  expect(outcome.code, outcome.stderr).toBe(0);
  return getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
}

/** Per page: how many filled paths it draws (a stroke is the filled outline of a pen line;
 * clipping paths are not counted), and how many images it paints. */
async function pathsPerPage(doc: PDFDocumentProxy): Promise<{ paths: number; images: number }[]> {
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const { fnArray, argsArray } = await (await doc.getPage(n)).getOperatorList();
    pages.push({
      // pdf.js gives each path with the operator that paints it
      paths: fnArray.filter((fn, k) => fn === OPS.constructPath && [OPS.fill, OPS.eoFill].includes((argsArray[k] as number[])[0])).length,
      images: fnArray.filter((fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject).length,
    });
  }
  return pages;
}

/** How many more paths each page of `annotated` draws than the same page of `plain`. */
async function addedPaths(plain: PDFDocumentProxy, annotated: PDFDocumentProxy): Promise<number[]> {
  const [a, b] = await Promise.all([pathsPerPage(plain), pathsPerPage(annotated)]);
  expect(b.length).toBe(a.length);
  expect(b.map((p) => p.images)).toEqual(a.map(() => 0)); // vectors, never pictures
  return b.map((p, k) => p.paths - a[k].paths);
}

describe.runIf(hasChromium)("npm run pdf -- --annotations", () => {
  let file: string;
  /** the deck's slides in order with their number of reveal steps */
  let slides: { id: string; steps: number }[];
  beforeAll(async () => {
    root = inject("builtSampleDeck"); // shared, read-only
    out = mkdtempSync(path.join(tmpdir(), "deck-pdf-annotations-"));
    file = path.join(out, "drawings.json");
    writeFileSync(file, JSON.stringify(annotations));
    const browser = await startBrowser();
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href);
    await waitForReady(page);
    slides = await page.evaluate(() =>
      (window as unknown as { deck: { getSlides(): HTMLElement[] } }).deck.getSlides().map((s) => ({ id: s.id, steps: new Set([...s.querySelectorAll(".fragment")].map((f) => f.getAttribute("data-fragment-index"))).size })),
    );
    await browser.close();
  }, 60_000);

  it("prints each stroke as one vector path on its slide's page, and nothing on the others", async () => {
    const added = await addedPaths(await printed(), await printed("--annotations", file));
    const expected = slides.map((s) => annotations.slides[s.id]?.length ?? 0);
    expect(expected.filter((n) => n > 0)).toHaveLength(2);
    expect(added).toEqual(expected);
  }, 60_000);

  it("with --fragments, a stroke is on its step's page and the later ones", async () => {
    const added = await addedPaths(await printed("--fragments"), await printed("--fragments", "--annotations", file));
    // reveal prints a slide's page before its first step (-1), then one per step
    const expected = slides.flatMap((s) => Array.from({ length: s.steps + 1 }, (_, k) => (annotations.slides[s.id] ?? []).filter((st) => st.step <= k - 1).length));
    const chain = slides.find((s) => s.id === "chain")!;
    expect(chain.steps).toBeGreaterThanOrEqual(2); // the stroke at step 1 has pages with and without it
    expect(added).toEqual(expected);
  }, 60_000);

  it("in the handout every stroke is there, at the slide's last step", async () => {
    const added = await addedPaths(await printed("--handout"), await printed("--handout", "--annotations", file));
    const perSheet = Array.from({ length: Math.ceil(slides.length / 2) }, (_, k) => slides.slice(2 * k, 2 * k + 2).reduce((n, s) => n + (annotations.slides[s.id]?.length ?? 0), 0));
    expect(added).toEqual(perSheet);
  }, 60_000);

  it("refuses a bad file with one line naming the field, exit 1 and no PDF", async () => {
    const bad = path.join(out, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...annotations, slides: { chain: [{ ...annotations.slides.chain[0], size: 500 }] } }));
    const target = path.join(out, "never.pdf");
    const outcome = await runScript("pdf", ["--annotations", bad, "--out", target], { cwd: root });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim().split("\n")).toEqual([`pdf: ${bad}: document.slides.chain[0].size: expected 0.5 … 64, got 500`]);
    expect(existsSync(target)).toBe(false);
    const notJson = path.join(out, "not.json");
    writeFileSync(notJson, "{ strokes");
    const second = await runScript("pdf", ["--annotations", notJson, "--out", target], { cwd: root });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^pdf: .*not\.json: not JSON/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);
});
