// What the offline file leaves out of the slides' markup, to carry less: the TeX source that
// KaTeX keeps in each formula's MathML (`<annotation encoding="application/x-tex">`, 4 % of
// the markup). A screen reader reads the MathML's presentation, never its annotations, and
// a student sees the HTML; the site's page keeps them (tools that read the page's TeX find
// it there). A formula with live numbers keeps its annotation: the page rewrites it with
// the numbers (src/deck/live-numbers-dom.ts).
const MATH = /<math\b[^>]*>[\s\S]*?<\/math>/g;
const TEX_ANNOTATION = /<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g;

export function offlineSlides(slidesHtml: string): string {
  return slidesHtml.replace(MATH, (math) => (math.includes("data-live-n=") ? math : math.replace(TEX_ANNOTATION, "")));
}
