// axe-core's script, for a test to put in a page, set not to copy each node's HTML into its
// results (noHtml): the tests report a violation by rule and selector, and copying the
// outerHTML of every node a run looks at — the slide itself, for some rules — was the
// largest part of a run's own script time (a profile of the slide-by-slide runs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const axeSource = `${readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")}\n;axe.configure({ noHtml: true });\n`;
