// `npm run pdf`: prints the built deck (dist/<name>.html) to dist/<name>.pdf with headless
// Chromium — one page per slide, math as text, diagrams as vectors, internal links from
// equations to examples and back, and an outline by chapter.
import { existsSync } from "node:fs";
import path from "node:path";
import { findChromium, INSTALL_HINT } from "../src/chromium/find-chromium.ts";
import { printPdf } from "../src/chromium/print-pdf.ts";
import { singleFileOf } from "../src/vite/dist-files.ts";

const HELP = `usage: npm run pdf [-- --fragments] [-- --handout [--paper a4|letter]] [-- --seed N] [-- --answers] [-- --out FILE]

Prints the built deck (run npm run build first) to dist/<name>.pdf.
  --fragments      one page per reveal step instead of one per slide
  --handout        two slides a page, portrait, each at its last step with its speaker
                   notes under it, pages numbered (file: <name>-handout.pdf)
  --paper SIZE     the handout's paper: a4 (the default) or letter
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

const root = process.cwd();
const dist = path.join(root, "dist");
const index = path.join(dist, "index.html");
if (!existsSync(index)) {
  console.error("pdf: no built deck in dist/: run npm run build first");
  process.exit(1);
}
const htmlFile = singleFileOf(dist);
const name = path.basename(htmlFile, ".html");
const executablePath = findChromium();
if (!executablePath) {
  console.error(`pdf: no Chromium found to print with: ${INSTALL_HINT}`);
  process.exit(1);
}
const suffix = (handout ? "-handout" : fragments ? "-steps" : "") + (seed !== undefined ? `-seed${seed}` : "") + (answers ? "-answers" : "");
const outFile = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(dist, `${name}${suffix}.pdf`);
const started = performance.now();
console.log(`printing ${path.relative(root, htmlFile)} in headless Chromium…`);
const result = await printPdf({ htmlFile, outFile, executablePath, fragments, handout, seed, answers });
for (const { source, px } of result.overflowing) console.warn(`${source}: warning: the slide runs ${px} px past its page, and the PDF cuts it off`);
console.log(`wrote ${path.relative(root, outFile)}: ${result.pages} pages, ${result.outline.length} chapters in the outline, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
