// `npm run build`: compiles slides/ into dist/ — the site (dist/index.html + assets) and the
// self-contained offline file (dist/<name>.html). Stops with file:line:col on any error,
// leaving the previous dist/ as it was.
import { performance } from "node:perf_hooks";
import { startDiagramWorkerEarly } from "../src/chromium/early-diagrams.ts";
import { startHighlighterEarly } from "../src/compile/markdown/early-highlight.ts";
import { startBundlerEarly } from "../src/vite/early-bundler.ts";
import { reportFailure } from "./lib/report-failure.ts";

const HELP = `usage: npm run build [-- --out DIR]

Compiles the deck in slides/ (chapters *.md in name order) and writes
  DIR/index.html + DIR/assets/   the deck for any static host
  DIR/<name>.html                 one self-contained file that works offline (file://)
DIR defaults to dist. Diagrams are pre-rendered with headless Chromium when one is found
(CHROME_PATH, or a system Chromium/Chrome); otherwise mermaid draws them in the browser.
On any error nothing is written: DIR stays as it was. npm run check runs the same checks
without bundling.
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const outIndex = args.indexOf("--out");
const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
if (outIndex >= 0 && !outDir) {
  console.error("build: --out needs a folder\n" + HELP.split("\n")[0]);
  process.exit(2);
}

const started = performance.now();
// Chromium, shiki, and on a cold build that will bundle the bundler's process, start while
// the compiler and the build load (a chunk of their own)
const diagramWorker = startDiagramWorkerEarly(process.cwd());
const highlightWorker = startHighlighterEarly(process.cwd());
const runtimeBundler = startBundlerEarly(process.cwd());
try {
  const { buildDeck } = await import("../src/vite/build.ts");
  const result = await buildDeck({ deckRoot: process.cwd(), outDir, log: (m) => console.log(m), diagramWorker, highlightWorker, runtimeBundler });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`built ${result.deck.slideCount} slides in ${seconds} s → ${result.siteIndex} and ${result.singleFile}`);
  if (process.env.DECK_TIMINGS) console.log(`  at the end: ${(await import("../src/session/services.ts")).memoryFigures()}`);
} catch (error) {
  process.exitCode = reportFailure("build", error, `; ${outDir ?? "dist"}/ was left as it was`);
} finally {
  await diagramWorker?.close(); // the session closed it unless the build failed before one
  await highlightWorker?.close(); // likewise
  await runtimeBundler?.close(); // the build ended it unless it failed before it began
}
