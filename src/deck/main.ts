// The deck in the browser: reveal.js with the presenting plugins, diagrams the build left
// to the browser, live updates from the dev server, and the ready signal.
import Reveal from "reveal.js";
import Notes from "reveal.js/plugin/notes";
import Search from "reveal.js/plugin/search";
import Zoom from "reveal.js/plugin/zoom";
import "reveal.js/reveal.css";
import "katex/dist/katex.css";
import "./theme.css";
import "./classroom.css";
import { FRAME } from "../shared/constants.ts";
import { readRuntimeConfig } from "./config.ts";
import { applyDeckUpdate, type DeckUpdateMessage } from "./hot-swap.ts";
import { wireLiveExamples } from "./live-examples.ts";
import { keepMathmlInStep } from "./mathml-steps.ts";
import { fitPrintedSlides, fitSlide, fitSlidesAsShown, loadFonts } from "./fit-to-frame.ts";
import { layoutHandout, paperOf } from "./handout.ts";
import { holdSlidesForPrint } from "./print-hold.ts";
import { rewriteLinksForPrint } from "./print-links.ts";
import { signalReady } from "./ready.ts";
import { wireSymbolValues } from "./symbol-values.ts";
import { createDrawingPlugin } from "./drawing/index.ts";
import { createReadingPlugin, NARROWER_THAN_FRAME } from "./reading/index.ts";
import { createRoomPlugin, roomRevealOptions } from "./room/plugin.ts";
import { createExercisesPlugin } from "./exercises/plugin.ts";
import { createUnloadOncePlugin } from "./unload-once.ts";
import type { RuntimeDiagrams } from "./mermaid-runtime.ts";

declare const __DECK_RUNTIME_MERMAID__: boolean;
/** false in a build whose deck has no live example: the live renderer (and KaTeX's
 * runtime) is then left out of the bundle */
declare const __DECK_LIVE__: boolean;
/** false in a build whose deck has no exercises: their runtime is left out */
declare const __DECK_EXERCISES__: boolean;

const config = readRuntimeConfig(document);
// every face the page declares, loading (decoding) while reveal.js lays the slides out (they
// are in the page: the site's as markup, the offline file's put in by its boot script)
const fontsLoaded = loadFonts(document);

// ?theme=dark|light overrides the deck's theme for this viewing; the T key switches.
const themeParam = new URLSearchParams(location.search).get("theme");
if (themeParam === "dark" || themeParam === "light") setTheme(themeParam);

function deckNameOf(doc: Document): string {
  return doc.querySelector<HTMLMetaElement>('meta[name="deck-name"]')?.content || "deck";
}

function setTheme(theme: "light" | "dark"): void {
  document.documentElement.classList.remove("theme-light", "theme-dark");
  document.documentElement.classList.add(`theme-${theme}`);
}

const deck = new Reveal(document.querySelector<HTMLElement>(".reveal")!, {
  // defaults < the deck's front matter (reveal: …) < reveal's own query-string handling
  width: FRAME.width,
  height: FRAME.height,
  margin: 0,
  hash: true,
  slideNumber: "c/t",
  showSlideNumber: "all",
  transition: "slide",
  center: true,
  pdfSeparateFragments: false,
  // a slide prints on one page: one that would run past it is fitted (fitPrintedSlides)
  pdfMaxPagesPerSlide: 1,
  // the deck's own plugins, each in a folder of its own (src/deck/<plugin>/); the room
  // (npm run present) stays inert unless the page was opened with a room query; exercises
  // only in a deck that has some
  plugins: [
    Notes,
    Search,
    Zoom,
    createUnloadOncePlugin(),
    createReadingPlugin(),
    createDrawingPlugin({ deckName: deckNameOf(document), buildId: config.buildId }),
    createRoomPlugin(),
    ...(__DECK_EXERCISES__ ? [createExercisesPlugin({ macros: config.macros ?? {}, deckName: deckNameOf(document) })] : []),
  ],
  ...config.reveal,
  ...roomRevealOptions(location),
});

// reveal.js's API object where plugins, decktape and user scripts expect it, from the start
Object.assign(window as unknown as { deck: typeof deck; Reveal: typeof deck }, { deck, Reveal: deck });

deck.addKeyBinding({ keyCode: 84, key: "T", description: "Light / dark theme" }, () =>
  setTheme(document.documentElement.classList.contains("theme-dark") ? "light" : "dark"),
);

/** The page's runtime diagrams, made once: by the first call's `load`. */
const runtimeDiagrams = (() => {
  let made: Promise<RuntimeDiagrams> | undefined;
  return (load: () => Promise<RuntimeDiagrams>): Promise<RuntimeDiagrams> => (made ??= load());
})();

async function renderDiagrams(): Promise<void> {
  // Compiled away in a build whose diagrams are all pre-rendered: no mermaid in the bundle,
  // nor in what the bundler reads (the import must stay inside this `if`)
  if (__DECK_RUNTIME_MERMAID__ && document.querySelector(".diagram-runtime")) {
    const diagrams = await runtimeDiagrams(() => import("./mermaid-runtime.ts").then(({ RuntimeDiagrams }) => new RuntimeDiagrams(config.mermaid)));
    await diagrams.render(document);
  }
}

// In the print view (?print-pdf) the pages are laid out after `ready`: wait for that too.
const printing = /print-pdf/i.test(location.search) || config.reveal.view === "print";
const printLaidOut = printing ? new Promise<void>((resolve) => deck.on("pdf-ready", () => resolve())) : Promise.resolve();

if (printing) {
  // A PDF carries the formulas' glyphs, never their MathML (it is for screen readers of the
  // page): out of the print view, which lays out and copies (one page per step) less.
  document.querySelectorAll(".reveal .slides .katex-mathml").forEach((mathml) => mathml.remove());
  // reveal.js's print view measures each slide to centre it: in the deck's fonts
  await fontsLoaded;
  holdSlidesForPrint(deck, document);
} else if (window.matchMedia(NARROWER_THAN_FRAME).matches) {
  // narrower than the frame, reveal.js may lay out every slide at once (its scroll view, the
  // reading view): in the deck's fonts, not again once they have loaded (0.7 s a time on a
  // phone-sized page here)
  await fontsLoaded;
}
await deck.initialize();
// reveal.js calls its wrapper an "application", which keeps screen readers out of their
// reading mode (reveal.js #3772): the slides are a region a reader reads line by line
deck.getRevealElement()?.setAttribute("role", "region");
deck.getRevealElement()?.setAttribute("aria-label", "Slides");
await renderDiagrams();
await printLaidOut;
if (printing) {
  // every page laid out at once: fit them there (on screen, each slide as it is shown)
  const { center, margin } = deck.getConfig();
  fitPrintedSlides(document, FRAME, { height: Math.floor(FRAME.height * (1 + (margin ?? 0))), centred: center !== false });
  rewriteLinksForPrint(document);
  const paper = paperOf(location.search);
  if (paper) layoutHandout(document, paper, FRAME);
} else {
  if (__DECK_LIVE__) wireLiveExamples(document);
  wireSymbolValues(document);
  keepMathmlInStep(document, deck);
}
await fontsLoaded;
if (!printing) {
  fitSlidesAsShown(deck, FRAME.height);
  deck.layout();
}
signalReady(document);

if (import.meta.hot) {
  // The dev server sends the sections that changed (or all of them); keep the position.
  import.meta.hot.on("deck:update", async (data: DeckUpdateMessage) => {
    document.querySelectorAll("vite-error-overlay").forEach((el) => el.remove()); // fixed
    const { current } = applyDeckUpdate(deck, document.querySelector<HTMLElement>(".reveal .slides")!, data);
    const shown = deck.getCurrentSlide();
    if (current && shown && fitSlide(shown, FRAME.height, deck.getScale())) deck.layout(); // new sections are fitted afresh
    await renderDiagrams();
    if (__DECK_LIVE__) wireLiveExamples(document);
    // when the frame that shows the update is drawn (what a benchmark times an edit to)
    requestAnimationFrame(() => (document.documentElement.dataset.deckUpdated = String(Date.now())));
  });
}
