// references: `\eqref{eq:name}` and `\ref{eq:name}` in prose and notes show an equation's
// number — "(7)" and "7" — as a link to the slide that holds it (src/compile/labels.ts);
// `[@key]` (or `[@a; @b]`) cites works of the deck's bibliography (src/compile/bibliography.ts):
// "(Hochreiter & Schmidhuber, 1997)", a link to the references slide that lists it. A label
// no formula has, or a key the bibliography lacks, is an error where it is written.
import type { MarkdownIt, StateInline, Token } from "markdown-it";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf, locate } from "./env.ts";

const REFERENCE = /^\\(eqref|ref)\{([^{}]*)\}/;
const CITATION = /^\[@([\w:.-]+)((?:\s*;\s*@[\w:.-]+)*)\]/;

interface CitationMeta {
  keys: string[];
  raw: string;
  location?: SourceLocation;
}

function citation(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith("[@", state.pos)) return false;
  const m = CITATION.exec(state.src.slice(state.pos, state.posMax));
  if (!m) return false;
  if (!silent) {
    const token = state.push("citation", "a", 0);
    const keys = [m[1], ...[...m[2].matchAll(/@([\w:.-]+)/g)].map((k) => k[1])];
    token.meta = { keys, raw: m[0] } satisfies CitationMeta;
  }
  state.pos += m[0].length;
  return true;
}

/** The citations of parsed tokens (body or notes), with where each is written. */
export function citationsIn(tokens: readonly Token[]): { keys: string[]; at?: SourceLocation }[] {
  return tokens.flatMap((t) => (t.children ?? []).filter((c) => c.type === "citation").map((c) => ({ keys: (c.meta as unknown as CitationMeta).keys, at: (c.meta as unknown as CitationMeta).location })));
}

interface ReferenceMeta {
  kind: "eqref" | "ref";
  name: string;
  raw: string;
  location?: SourceLocation;
}

function reference(state: StateInline, silent: boolean): boolean {
  if (state.src[state.pos] !== "\\") return false;
  const m = REFERENCE.exec(state.src.slice(state.pos, state.posMax));
  if (!m) return false;
  if (!silent) {
    const token = state.push("equation_ref", "a", 0);
    token.meta = { kind: m[1] as "eqref" | "ref", name: m[2].trim(), raw: m[0] } satisfies ReferenceMeta;
  }
  state.pos += m[0].length;
  return true;
}

export function referencesPlugin(md: MarkdownIt): void {
  citationsRenderer(md);
  md.inline.ruler.before("escape", "equation_ref", reference);
  md.inline.ruler.before("link", "citation", citation);
  md.core.ruler.after("inline", "equation_ref_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children || !block.map) continue;
      const from = locate(state.env, block.map[0], 1);
      const lines = envOf(state.env).sourceLines ?? [];
      for (const child of block.children) {
        if (child.type !== "equation_ref" && child.type !== "citation") continue;
        const meta = child.meta as unknown as ReferenceMeta | CitationMeta;
        for (let k = from.line - 1; k < Math.min(lines.length, from.line + 200) && !meta.location; k++) {
          const at = lines[k].indexOf(meta.raw);
          if (at >= 0) meta.location = { ...from, line: k + 1, col: at + 1 };
        }
      }
    }
  });
  md.renderer.rules.equation_ref = (tokens: Token[], idx: number, _o, env) => {
    const meta = tokens[idx].meta as unknown as ReferenceMeta;
    const label = envOf(env).labels.get(meta.name);
    if (!label) {
      envOf(env).diagnostics.error(meta.location ?? locate(env, 0, 1), `\\${meta.kind}{${meta.name}}: no formula has \\label{${meta.name}}`);
      return meta.kind === "eqref" ? "(??)" : "??";
    }
    const text = meta.kind === "eqref" ? `(${label.n})` : String(label.n);
    return `<a class="eqref" href="#/${md.utils.escapeHtml(label.slide)}">${text}</a>`;
  };
}

/** A citation: the works' author–year text, a link to the references slide of the first. */
export function citationsRenderer(md: MarkdownIt): void {
  md.renderer.rules.citation = (tokens: Token[], idx: number, _o, env) => {
    const meta = tokens[idx].meta as unknown as CitationMeta;
    const { citations, diagnostics } = envOf(env);
    const at = meta.location ?? locate(env, 0, 1);
    if (!citations) {
      diagnostics.error(at, `[@${meta.keys.join("; @")}]: the deck has no bibliography (slides/references.bib beside the chapters)`);
      return md.utils.escapeHtml(meta.raw);
    }
    const known = meta.keys.filter((k) => citations.bibliography.has(k));
    if (known.length === 0) return md.utils.escapeHtml(meta.raw); // each unknown key reported by the bibliography stage
    return `<a class="citation" href="#/${citations.slideOf.get(known[0]) ?? "references"}">${md.utils.escapeHtml(citations.bibliography.citation(known))}</a>`;
  };
}
