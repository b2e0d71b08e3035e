// `npm run bench`: prints the project's speed and size figures. Benchmarks print; tests
// assert. `npm run bench -- grad` runs only the gradient module's figures; `--deck DIR`
// measures another deck (e.g. a peer benchmark deck) with this project's scripts.
import path from "node:path";
import { benchDeck } from "./bench/deck.ts";
import { benchGrad } from "./bench/grad.ts";
import { benchPresent } from "./bench/present.ts";
import { benchDevEdits } from "./bench/dev.ts";
import { printRows, type BenchRow } from "./bench/report.ts";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "../src/chromium/find-chromium.ts";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(`usage: npm run bench [-- grad | present | dev] [-- --deck DIR]

Prints speed and size figures (medians of several runs): the gradient module's forward and
backward pass; cold and warm npm run build, and their peak memory over the whole process
tree (Linux); the offline file's size, raw and gzipped; time
from navigation to the ready signal (file:// and served); npm run pdf for the whole deck; the
dev server's latency from a slide edit to the updated page; npm run present's room with 300
audience clients on loopback: a step's and a 200-point stroke's time to reach them all
(median, p95) and the server's memory. "grad", "present" or "dev" prints those figures only.
  --deck DIR   the deck figures for the deck in DIR/slides (any folder: this project's
               scripts build it there, into DIR/dist) instead of this project's slides/
The deck figures rebuild dist/ and need Chromium for the browser figures.
`);
  process.exit(0);
}
const deckArg = args.indexOf("--deck");
const deckRoot = deckArg >= 0 ? path.resolve(args[deckArg + 1] ?? ".") : process.cwd();
const only = args.find((a) => a === "grad" || a === "present" || a === "dev");
if (deckArg < 0 && !only) printRows(benchGrad());
if (only === "grad") printRows(benchGrad());
if (!only) printRows(await benchDeck(deckRoot));
if (only === "dev") printRows(await withChromium(benchDevEdits.bind(null, deckRoot)));
if (!only || only === "present") printRows(await benchPresent(deckRoot));

/** Runs `bench` with a browser, or says there is none. */
async function withChromium(bench: (browser: Browser) => Promise<BenchRow[]>): Promise<BenchRow[]> {
  const chromiumPath = findChromium();
  if (!chromiumPath) return [{ name: "browser figures", value: "skipped", detail: "no Chromium found" }];
  const browser = await launchChromium(chromiumPath);
  try {
    return await bench(browser);
  } finally {
    await browser.close();
  }
}
