// The deck's Markdown: markdown-it with our rules. The order plugins are applied in lives
// here and nowhere else.
import { createRequire } from "node:module";
import type markdownItFactory from "markdown-it";
import type { MarkdownIt } from "markdown-it";
import attrs from "markdown-it-attrs";
import { containersPlugin } from "./containers.ts";
import { exercisesPlugin } from "./exercises.ts";
import { factsPlugin } from "./facts.ts";
import { fencesPlugin } from "./fences.ts";
import { includePlugin } from "./include.ts";
import { mathPlugin } from "./math.ts";
import { proseNumbersPlugin } from "./prose-numbers.ts";
import { referencesPlugin } from "./references.ts";

// markdown-it-attrs, a CommonJS module, requires markdown-it's CommonJS build (one file); an
// import of markdown-it here would load its ES build too (some sixty modules more): two
// copies, ≈ 25 ms more at every command's start. The one copy, the one the plugin loads.
const markdownIt = createRequire(import.meta.url)("markdown-it") as typeof markdownItFactory;

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, linkify: false, typographer: true });
  md.use(mathPlugin) // before attrs: `{…}` inside TeX is never read as attributes
    .use(exercisesPlugin) // before prose numbers: `{{? …}}` is a blank; its containers before the generic ones
    .use(proseNumbersPlugin) // before attrs too: `{{…}}` is a computed value, not attributes
    .use(referencesPlugin) // \eqref{…} in prose: before the rule that calls TeX in text an error
    .use(includePlugin)
    .use(fencesPlugin)
    .use(containersPlugin)
    .use(attrs, { allowedAttributes: [] }) // {#id .class key=value} on headings, paragraphs, links…
    .use(factsPlugin); // last: links with their classes, example records, declared ids
  return md;
}
