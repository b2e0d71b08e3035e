// axe-core's script, for a test to put in a page, set not to copy each node's HTML into its
// results (noHtml): the tests report a violation by rule and selector, and copying the
// outerHTML of every node a run looks at — the slide itself, for some rules — was the
// largest part of a run's own script time (a profile of the slide-by-slide runs). And no
// preloading: by default every run reads the page's whole CSSOM (KaTeX's stylesheet and the
// deck's) for the rules that ask for it, and of those axe runs by default only
// no-autoplay-audio, a moderate one, which these tests do not count (css-orientation-lock
// is experimental, off by default): the slide-by-slide runs took ≈ 15 % longer with it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const noPreload = "{ const run = axe.run; axe.run = (context, options) => run(context, { preload: false, ...options }); }";

export const axeSource = `${readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")}\n;axe.configure({ noHtml: true });\n${noPreload}\n`;

/** The rules that read colours: all a theme changes (test/support/axe-slides.ts). */
export const COLOUR_RULES: readonly string[] = ["color-contrast", "link-in-text-block"];
