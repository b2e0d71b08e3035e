// Prints the built deck to PDF with headless Chromium: reveal.js's print view (one page per
// slide, or per reveal step), waiting for the page's ready signal. Then the PDF gets what
// the print view cannot give it: internal links from each equation to its example and back
// (made in the page, see src/deck/print-links.ts) and an outline by chapter.
import { pathToFileURL } from "node:url";
import type { PDFDocument, PDFRef } from "pdf-lib";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { CHAPTERS_ID } from "../shared/runtime-config.ts";
import { ANNOTATIONS_GLOBAL, SLIDE_KEY_ATTRIBUTE, type DrawingDocument } from "../shared/drawing-format.ts";
import { FRAME, PAPER, READY_DATASET_KEY, READY_EVENT, type Paper } from "../shared/constants.ts";
import { call, CdpPipe, evaluate, navigate, openPage } from "./cdp-pipe.ts";

/** Chromium's print settings as playwright's page.pdf() sent them, which printed this deck
 * before: no margins (the print view places everything), scale 1. */
const PRINT_SETTINGS = { marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, scale: 1, transferMode: "ReturnAsBase64" } as const;
/** CSS pixels in an inch: Chromium takes paper sizes in inches. */
const PX_PER_INCH = 96;

/** Hides the page from the screen, not from print. printToPDF lays the whole document out
 * again for the screen when printing ends, inside its own time, and nothing is shown on
 * the screen after the PDF: with the page hidden there, that is undone in a moment. This
 * deck's printToPDF: 2.37 → 1.96 s (medians of four alternated runs); `npm run pdf`: 0.87×
 * (six alternated pairs); every page of the slides, steps, handout and answer-key PDFs the
 * same to the pixel, and their text. */
const HIDDEN_FROM_SCREEN = `(() => {
  const style = document.createElement("style");
  style.textContent = "@media screen { body { display: none !important; } }";
  document.head.append(style);
})()`;

export interface PrintOptions {
  /** the self-contained deck, dist/<name>.html */
  htmlFile: string;
  outFile: string;
  executablePath: string;
  /** one page per reveal step instead of one per slide */
  fragments?: boolean;
  /** a handout on this paper: two slides a sheet at their last step, notes under each */
  handout?: Paper;
  /** exercises with the numbers of this seed (new numbers) */
  seed?: number;
  /** an answer key after the last slide */
  answers?: boolean;
  /** strokes to print on their slides (validated: parseDrawingDocument) */
  annotations?: DrawingDocument;
}

export interface PrintResult {
  pages: number;
  /** slides whose content still runs past their page (the PDF cuts them off): where they
   * come from (file:line) and by how much */
  overflowing: { source: string; px: number }[];
  /** chapter titles and their first page (0-based) */
  outline: { title: string; page: number }[];
  /** slide keys of the annotations that name no slide of the deck (printed nowhere) */
  unplacedAnnotations: string[];
}

export async function printPdf(options: PrintOptions): Promise<PrintResult> {
  // over the DevTools pipe: loading playwright took longer than Chromium takes to start
  const browser = CdpPipe.launch(options.executablePath, { forDiagrams: false });
  const pdfLib = import("pdf-lib"); // loads while Chromium starts
  try {
    const { PDFDocument } = await pdfLib;
    const page = await openPage(browser);
    await browser.send("Emulation.setDeviceMetricsOverride", { width: FRAME.width, height: FRAME.height, deviceScaleFactor: 1, mobile: false }, page);
    const query = [
      "print-pdf",
      options.fragments && !options.handout ? "pdfSeparateFragments=true" : "",
      options.handout ? `handout=${options.handout}` : "",
      options.seed !== undefined ? `seed=${options.seed}` : "",
      options.answers ? "answers" : "",
    ].filter(Boolean).join("&");
    // the drawing plugin prints what it finds here (src/deck/drawing/print.ts)
    if (options.annotations) await browser.send("Page.addScriptToEvaluateOnNewDocument", { source: `Object.assign(window, ${JSON.stringify({ [ANNOTATIONS_GLOBAL]: options.annotations })});` }, page);
    await navigate(browser, page, `${pathToFileURL(options.htmlFile).href}?${query}`);
    // the ready event, heard at once: polling for the ready attribute waits for a frame of
    // the whole print view to be drawn on screen first (≈0.5 s), which printing redoes anyway
    await call(
      browser,
      page,
      ({ key, event, ms }) =>
        new Promise<void>((resolve, reject) => {
          if (document.documentElement.dataset[key] === "true") return resolve();
          document.addEventListener(event, () => resolve(), { once: true });
          setTimeout(() => reject(new Error(`the deck was not ready after ${ms / 1000} s`)), ms);
        }),
      { key: READY_DATASET_KEY, event: READY_EVENT, ms: 60_000 },
    );
    const overflowing = await call(browser, page, () => {
      const worst = new Map<string, number>(); // a slide printed once per step is named once
      for (const slide of document.querySelectorAll<HTMLElement>(".reveal .pdf-page > section")) {
        const over = slide.offsetTop + slide.scrollHeight - parseFloat(getComputedStyle(slide).paddingBottom) - slide.parentElement!.clientHeight;
        const source = slide.dataset.source ?? slide.id;
        if (over > 1) worst.set(source, Math.max(worst.get(source) ?? 0, Math.round(over)));
      }
      return [...worst].map(([source, px]) => ({ source, px }));
    }, undefined);
    const outline = await call(browser, page, (chaptersId) => {
      const chapters = JSON.parse(document.getElementById(chaptersId)?.textContent ?? "[]") as { title: string; file: string }[];
      // a printed page: a slide, or (handout) a sheet of slides
      const sheets = [...document.querySelectorAll(".handout-sheet")];
      const pages = sheets.length > 0 ? sheets : [...document.querySelectorAll(".pdf-page")];
      const opens = (p: Element, file: string): boolean => [...p.querySelectorAll("section")].some((s) => s.getAttribute("data-source")?.startsWith(`${file}:`));
      return chapters
        .map((c) => ({ title: c.title, page: pages.findIndex((p) => opens(p, c.file)) }))
        .filter((c) => c.page >= 0);
    }, CHAPTERS_ID);
    const printedKeys = new Set(await call(browser, page, (attribute) => [...document.querySelectorAll(`.pdf-page > section[${attribute}]`)].map((s) => s.getAttribute(attribute)!), SLIDE_KEY_ATTRIBUTE));
    const unplacedAnnotations = Object.keys(options.annotations?.slides ?? {}).filter((key) => !printedKeys.has(key));
    // a handout is on paper (its sheets are laid out to PAPER's sizes); slides are 16:9 pages
    const sheet = options.handout && PAPER[options.handout];
    const paper = sheet ? { paperWidth: sheet.width / PX_PER_INCH, paperHeight: sheet.height / PX_PER_INCH } : { preferCSSPageSize: true };
    await evaluate(browser, page, HIDDEN_FROM_SCREEN);
    const { data } = await browser.send("Page.printToPDF", { ...PRINT_SETTINGS, printBackground: true, generateTaggedPDF: true, ...paper }, page);
    const doc = await PDFDocument.load(Buffer.from(data as string, "base64"));
    addOutline(doc, outline, await pdfLib);
    const title = await evaluate<string>(browser, page, "document.title");
    doc.setTitle(title);
    doc.setCreator("backprop-deck");
    doc.setProducer("backprop-deck (Chromium, pdf-lib)");
    await writeFileAtomic(options.outFile, await doc.save());
    return { pages: doc.getPageCount(), outline, overflowing, unplacedAnnotations };
  } finally {
    await browser.close();
  }
}

/** A flat outline (bookmarks): one entry per chapter, opening its first page. */
function addOutline(doc: PDFDocument, entries: readonly { title: string; page: number }[], lib: typeof import("pdf-lib")): void {
  const { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber } = lib;
  if (entries.length === 0) return;
  const context = doc.context;
  const pages = doc.getPages();
  const outlinesRef = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach((entry, k) => {
    const item = PDFDict.withContext(context);
    item.set(PDFName.of("Title"), PDFHexString.fromText(entry.title));
    item.set(PDFName.of("Parent"), outlinesRef);
    if (k > 0) item.set(PDFName.of("Prev"), refs[k - 1]);
    if (k < entries.length - 1) item.set(PDFName.of("Next"), refs[k + 1]);
    const dest = PDFArray.withContext(context);
    dest.push(pages[entry.page].ref);
    dest.push(PDFName.of("XYZ"));
    dest.push(PDFNull);
    dest.push(PDFNull);
    dest.push(PDFNull);
    item.set(PDFName.of("Dest"), dest);
    context.assign(refs[k], item);
  });
  const outlines = PDFDict.withContext(context);
  outlines.set(PDFName.of("Type"), PDFName.of("Outlines"));
  outlines.set(PDFName.of("First"), refs[0]);
  outlines.set(PDFName.of("Last"), refs[refs.length - 1]);
  outlines.set(PDFName.of("Count"), PDFNumber.of(refs.length));
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of("Outlines"), outlinesRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
