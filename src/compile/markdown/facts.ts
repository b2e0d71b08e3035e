// facts: what the deck's contracts need to know about a slide, recorded where the Markdown
// says it (src/compile/model.ts) — links (the equation ↔ example contract), example records
// written as `<script type="application/json" class="deck-example">`, and the ids a slide
// declares (`<!-- .slide: id="…" -->`, `# Title {#id}`), each with its place in the source.
// Inline tokens do not know their line: a core rule gives links and inline HTML theirs.
import type { MarkdownIt, Token } from "markdown-it";
import type { ExampleRecord } from "../../author/snippet.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { parseAttributeList } from "../html/comment-attributes.ts";
import { envOf, locate } from "./env.ts";

const EXAMPLE_SCRIPT = /<script\b[^>]*\bclass="deck-example"[^>]*>([\s\S]*?)<\/script>/g;
const SLIDE_COMMENT = /<!--\s*\.slide:\s*([\s\S]*?)-->/g;

/** Where `needle` is first written from `line` (1-based, in the chapter) on; `bracket`: at
 * the `[` of the Markdown link that holds it. */
function find(lines: readonly string[], from: SourceLocation, needle: string, bracket = false): SourceLocation {
  for (let k = from.line - 1; k < Math.min(lines.length, from.line - 1 + 200); k++) {
    const at = lines[k].indexOf(needle);
    if (at < 0) continue;
    const open = bracket ? lines[k].lastIndexOf("[", at) : -1;
    return { ...from, line: k + 1, col: (open >= 0 ? open : at) + 1 };
  }
  return from;
}

/** An example record as written: checked to be one (a "values" object). */
export function readExampleRecord(json: string): ExampleRecord | string {
  try {
    const record: unknown = JSON.parse(json);
    if (typeof record !== "object" || record === null || typeof (record as { values?: unknown }).values !== "object" || (record as { values?: unknown }).values === null) {
      return `expected a "values" object`;
    }
    return record as ExampleRecord; // an object with a values object: the contract's record
  } catch (error) {
    return (error as Error).message;
  }
}

/** Example scripts and slide ids in raw HTML that starts at `at`. */
function recordHtml(html: string, at: SourceLocation, env: unknown): void {
  const deck = envOf(env);
  for (const m of html.matchAll(EXAMPLE_SCRIPT)) {
    const where = find(deck.sourceLines, at, m[0].slice(0, 40));
    const record = readExampleRecord(m[1]);
    deck.facts.examples.push(typeof record === "string" ? { invalid: record, at: where } : { record, at: where });
  }
  for (const m of html.matchAll(SLIDE_COMMENT)) {
    const id = parseAttributeList(m[1]).find(([name]) => name === "id")?.[1];
    if (id) deck.facts.ids.push({ id, at: find(deck.sourceLines, at, `id="${id}"`) });
  }
}

interface LocatedMeta {
  location?: SourceLocation;
}

export function factsPlugin(md: MarkdownIt): void {
  // after every other core rule (markdown-it-attrs' classes on links included)
  md.core.ruler.push("fact_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children || !block.map) continue;
      const from = locate(state.env, block.map[0], 1);
      for (const child of block.children) {
        if (child.type === "link_open") child.meta = { ...(child.meta as object), location: find(envOf(state.env).sourceLines, from, String(child.attrGet("href") ?? ""), true) } satisfies LocatedMeta;
        if (child.type === "html_inline") child.meta = { ...(child.meta as object), location: from } satisfies LocatedMeta;
      }
    }
  });
  const link = md.renderer.rules.link_open ?? ((tokens: Token[], idx: number, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const t = tokens[idx];
    const classes = String(t.attrGet("class") ?? "").split(/\s+/);
    const at = (t.meta as LocatedMeta | null)?.location ?? locate(env, 0, 1);
    envOf(env).facts.links.push({ href: String(t.attrGet("href") ?? ""), exampleLink: classes.includes("example-link"), exerciseLink: classes.includes("exercise-link"), at });
    return link(tokens, idx, options, env, self);
  };
  const htmlBlock = md.renderer.rules.html_block!;
  md.renderer.rules.html_block = (tokens, idx, options, env, self) => {
    recordHtml(tokens[idx].content, locate(env, tokens[idx].map?.[0] ?? 0, 1), env);
    return htmlBlock(tokens, idx, options, env, self);
  };
  const htmlInline = md.renderer.rules.html_inline!;
  md.renderer.rules.html_inline = (tokens, idx, options, env, self) => {
    recordHtml(tokens[idx].content, (tokens[idx].meta as LocatedMeta | null)?.location ?? locate(env, 0, 1), env);
    return htmlInline(tokens, idx, options, env, self);
  };
  const heading = md.renderer.rules.heading_open ?? ((tokens: Token[], idx: number, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
    const id = tokens[idx].attrGet("id");
    if (id !== null) envOf(env).facts.ids.push({ id: String(id), at: find(envOf(env).sourceLines, locate(env, tokens[idx].map?.[0] ?? 0, 1), `#${id}`) });
    return heading(tokens, idx, options, env, self);
  };
}
