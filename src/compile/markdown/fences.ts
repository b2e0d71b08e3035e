// fences: ``` blocks. ```mermaid is a diagram (rendered to SVG after Markdown), ```ts run
// a build-time snippet (its value, computed in an earlier pass, is rendered here), any
// other language is highlighted at build time.
import { createHash } from "node:crypto";
import type { MarkdownIt } from "markdown-it";
import type { Token } from "markdown-it";
import { renderSnippetValue } from "./snippet-value.ts";
import { snippetKey } from "../snippets/identity.ts";
import { envOf, locate } from "./env.ts";
import { mergeIntoFirstTag, openTag } from "./fence-attributes.ts";
import { parseFenceInfo } from "./fence-info.ts";

export function isDiagramFence(token: Token): boolean {
  return token.type === "fence" && parseFenceInfo(token.info).lang === "mermaid";
}

export function isSnippetFence(token: Token): boolean {
  return token.type === "fence" && parseFenceInfo(token.info).run;
}

export function diagramId(source: string): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 16);
}

export function fencesPlugin(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens: Token[], idx: number, _options, env) => {
    const token = tokens[idx];
    const info = parseFenceInfo(token.info);
    const deck = envOf(env);
    const at = locate(env, token.map![0], 1);
    if (info.lang === "mermaid") {
      const id = diagramId(token.content);
      const { slot, marker } = deck.facts.slot();
      deck.facts.diagrams.push({ id, source: token.content, at, slot });
      // with no renderer, mermaid's runtime draws it in the browser (src/deck/mermaid-runtime.ts)
      return `${openTag("div", "diagram", token, { "data-diagram": id }, deck.runtimeDiagrams ? "diagram-runtime" : "")}${marker}</div>\n`;
    }
    if (info.run) {
      const outcome = deck.snippets.get(snippetKey(at.file, at.line));
      const code = info.show ? deck.highlighter.html(token.content, "ts") : "";
      if (!outcome) {
        deck.diagnostics.error(at, "internal: this snippet was not run");
        return code;
      }
      if (!outcome.ok) return `${code}<div class="deck-error">${md.utils.escapeHtml(outcome.error.message)}</div>\n`;
      return `${code}${openTag("div", "snippet-output", token)}${renderSnippetValue(outcome.value, md, env, at, token.content)}</div>\n`;
    }
    return mergeIntoFirstTag(deck.highlighter.html(token.content, info.lang), token);
  };
}
