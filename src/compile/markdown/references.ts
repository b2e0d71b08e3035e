// references: `\eqref{eq:name}` and `\ref{eq:name}` in prose and notes show an equation's
// number — "(7)" and "7" — as a link to the slide that holds it (src/compile/labels.ts).
// A label no formula has is an error where it is written.
import type { MarkdownIt, StateInline, Token } from "markdown-it";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf, locate } from "./env.ts";

const REFERENCE = /^\\(eqref|ref)\{([^{}]*)\}/;

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
  md.inline.ruler.before("escape", "equation_ref", reference);
  md.core.ruler.after("inline", "equation_ref_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children || !block.map) continue;
      const from = locate(state.env, block.map[0], 1);
      const lines = envOf(state.env).sourceLines ?? [];
      for (const child of block.children) {
        if (child.type !== "equation_ref") continue;
        const meta = child.meta as unknown as ReferenceMeta;
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
