// `npm run check`: compiles the deck and runs every check the build makes — TeX, snippets,
// includes, diagrams, the equation ↔ example links — without bundling anything. Same
// diagnostics as the build (file:line:col), exit 1 on any error; dist/ is not touched.
import { performance } from "node:perf_hooks";
import { formatDiagnostic } from "../src/compile/diagnostics.ts";
import { formulaSummaryLines } from "../src/compile/state.ts";
import { DeckSession } from "../src/session/session.ts";
import { reportFailure } from "./lib/report-failure.ts";

const HELP = `usage: npm run check

Compiles the deck in slides/ and verifies it the way npm run build does — every formula,
snippet, include, diagram and equation ↔ example link — without bundling, and writes
nothing. Errors and warnings are printed as file:line:col: message; exit status 1 when
there is any error. Diagrams are checked with headless Chromium when one is found.
`;

if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}

const started = performance.now();
const session = DeckSession.create({ deckRoot: process.cwd(), diagrams: "chromium", log: (m) => console.log(m), compilesOnce: true });
try {
  const deck = await session.compile();
  const errors = deck.diagnostics.filter((d) => d.severity === "error");
  for (const d of deck.diagnostics) (d.severity === "error" ? console.error : console.log)(formatDiagnostic(d));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (errors.length > 0) {
    console.error(`check failed: ${errors.length} error${errors.length === 1 ? "" : "s"} in ${deck.slideCount} slides (${seconds} s)`);
    process.exitCode = 1;
  } else {
    formulaSummaryLines(deck.formulas).forEach((line) => console.log(line));
    await session.keep(); // what it made, for the next build or check
    console.log(`checked ${deck.slideCount} slides in ${seconds} s: no errors`);
  }
} catch (error) {
  process.exitCode = reportFailure("check", error);
} finally {
  await session.close();
}
