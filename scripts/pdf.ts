// `npm run pdf`: prints the built deck (dist/<name>.html) to dist/<name>.pdf with headless
// Chromium — one page per slide, math as text, diagrams as vectors, internal links from
// equations to examples and back, and an outline by chapter.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { findBuildChromium, INSTALL_HINT } from "../src/chromium/find-chromium.ts";
import { printPdf } from "../src/chromium/print-pdf.ts";
import { reportFailure } from "./lib/report-failure.ts";
import { singleFileOf } from "../src/vite/dist-files.ts";
import { DrawingFormatError, parseDrawingDocument, type DrawingDocument } from "../src/shared/drawing-format.ts";

const HELP = `usage: npm run pdf [-- --fragments] [-- --handout [--paper a4|letter]] [-- --annotations FILE.json] [-- --seed N] [-- --answers] [-- --out FILE]

Prints the built deck (run npm run build first) to dist/<name>.pdf.
  --fragments      one page per reveal step instead of one per slide
  --handout        two slides a page, portrait, each at its last step with its speaker
                   notes under it, pages numbered (file: <name>-handout.pdf)
  --paper SIZE     the handout's paper: a4 (the default) or letter
  --annotations FILE.json
                   print these drawings on their slides (the file the deck's drawing
                   toolbar exports), as vector paths; at their step with --fragments
  --seed N         exercises with the numbers of seed N (what "new numbers" shows for it)
  --answers        an answer key after the last slide: every exercise's answers, computed
                   (file: <name>[-handout]-answers.pdf)
  --out FILE       write the PDF here instead
Uses CHROME_PATH, or a system Chromium/Chrome; never downloads a browser.
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const fragments = args.includes("--fragments");
const paperArg = args.indexOf("--paper");
const paper = paperArg >= 0 ? args[paperArg + 1] : "a4";
if (paper !== "a4" && paper !== "letter") {
  console.error(`pdf: --paper takes a4 or letter, not ${paper ?? "nothing"}`);
  process.exit(1);
}
const handout = args.includes("--handout") ? paper : undefined;
const answers = args.includes("--answers");
const seedArg = args.indexOf("--seed");
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : undefined;
if (seed !== undefined && !(Number.isInteger(seed) && seed >= 1 && seed <= 999_999)) {
  console.error(`pdf: --seed takes a whole number from 1 to 999999, not ${args[seedArg + 1] ?? "nothing"}`);
  process.exit(1);
}
const outArg = args.indexOf("--out");

const annotationsArg = args.indexOf("--annotations");
const annotations = annotationsArg >= 0 ? readAnnotations(args[annotationsArg + 1]) : undefined;

/** The drawings to print, checked before anything is printed: one line and exit 1 if bad. */
function readAnnotations(file: string | undefined): DrawingDocument {
  const fail = (message: string): never => {
    console.error(`pdf: ${message}`);
    process.exit(1);
  };
  if (!file || file.startsWith("--")) return fail("--annotations takes a file (the JSON the deck's drawing toolbar exports)");
  if (!existsSync(file)) return fail(`${file}: no such file`);
  if (statSync(file).size > 16 * 1024 * 1024) return fail(`${file}: over 16 MB, more than a drawing document can hold`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return fail(`${file}: not JSON (${(error as Error).message})`);
  }
  try {
    return parseDrawingDocument(json);
  } catch (error) {
    if (error instanceof DrawingFormatError) return fail(`${file}: ${error.message}`);
    throw error;
  }
}

const root = process.cwd();
const dist = path.join(root, "dist");
const index = path.join(dist, "index.html");
if (!existsSync(index)) {
  console.error("pdf: no built deck in dist/: run npm run build first");
  process.exit(1);
}
const htmlFile = singleFileOf(dist);
const name = path.basename(htmlFile, ".html");
const executablePath = findBuildChromium();
if (!executablePath) {
  console.error(`pdf: no Chromium found to print with: ${INSTALL_HINT}`);
  process.exit(1);
}
const suffix = (handout ? "-handout" : fragments ? "-steps" : "") + (seed !== undefined ? `-seed${seed}` : "") + (answers ? "-answers" : "");
const outFile = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(dist, `${name}${suffix}.pdf`);
const started = performance.now();
console.log(`printing ${path.relative(root, htmlFile)} in headless Chromium…`);
try {
  const result = await printPdf({ htmlFile, outFile, executablePath, fragments, handout, seed, answers, annotations });
  for (const key of result.unplacedAnnotations) console.warn(`${annotationsArg >= 0 ? args[annotationsArg + 1] : ""}: warning: the drawings of slide "${key}" were not printed: the deck has no such slide`);
  for (const { source, px } of result.overflowing) console.warn(`${source}: warning: the slide runs ${px} px past its page, and the PDF cuts it off`);
  console.log(`wrote ${path.relative(root, outFile)}: ${result.pages} pages, ${result.outline.length} chapters in the outline, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  // a Chromium that does not start or dies while printing: one line, no stack
  process.exitCode = reportFailure("pdf", error, `; ${path.relative(root, outFile)} was not written`);
}
