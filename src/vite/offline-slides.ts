// What the offline file leaves out of the slides' markup, to carry less: what only tools
// read, never a student or a screen reader — the TeX source KaTeX keeps in each formula's
// MathML (`<annotation encoding="application/x-tex">`: a screen reader reads the MathML's
// presentation, a student sees the HTML) and each example slide's record of its numbers
// (`<script type="application/json" class="deck-example">`, for the deck's tests), and the
// full-precision value each symbol of a checked formula records (`data-value`, JSON of all
// seventeen digits: the page shows the symbol's `data-value-label`, and finds the symbols
// by the attribute, which stays, empty). The site's page keeps all three; the offline
// file's numbers are on its slides as the site's are. A formula with live numbers keeps its
// annotation: the page rewrites it with the numbers (src/deck/live-numbers-dom.ts).
const MATH = /<math\b[^>]*>[\s\S]*?<\/math>/g;
const TEX_ANNOTATION = /<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g;
const EXAMPLE_RECORD = /<script type="application\/json" class="deck-example">[\s\S]*?<\/script>/g;
/** a symbol's recorded value: inside a tag (after a space), before the page's label */
const SYMBOL_VALUE = /(<span\b[^<>]*? data-value=")[^"]*(")/g;

export function offlineSlides(slidesHtml: string): string {
  return slidesHtml
    .replace(EXAMPLE_RECORD, "")
    .replace(SYMBOL_VALUE, "$1$2")
    .replace(MATH, (math) => (math.includes("data-live-n=") ? math : math.replace(TEX_ANNOTATION, "")));
}
