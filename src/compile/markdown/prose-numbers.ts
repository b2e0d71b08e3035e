// prose-numbers: numbers in prose and speaker notes are computed, never typed. `{{deltas.c.1.0}}`
// shows a value of the slide's example (its record, or the grad output of its case) at 4
// significant digits, `{{gates.f.2 | 2}}` at 2; `{{=0.5}}` marks an exact constant written
// by hand. A decimal typed into text, or TeX outside $…$ (c^{t−1}, δa^{t+1}), is an error
// where it stands. The numbers are filled in by the compile stage "prose-numbers".
import type { MarkdownIt, StateInline, Token } from "markdown-it";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf, locate } from "./env.ts";

interface ValueMeta {
  /** "exact": a constant as written; "ref": a path into the example */
  kind: "exact" | "ref";
  text: string;
  digits: number;
  /** the `{{…}}` as written, to find it in the source */
  raw: string;
  location?: SourceLocation;
}

const REF = /^\s*([A-Za-z_][\w.]*?)\s*(?:\|\s*(\d+)\s*)?$/;
const EXACT = /^=\s*(-?\d+(?:\.\d+)?)\s*$/;

function valueRef(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  if (!src.startsWith("{{", state.pos)) return false;
  const end = src.indexOf("}}", state.pos + 2);
  if (end < 0 || end > state.posMax) return false;
  const body = src.slice(state.pos + 2, end);
  const exact = EXACT.exec(body);
  const ref = REF.exec(body);
  if (!exact && !ref) return false;
  if (!silent) {
    const token = state.push("value_ref", "span", 0);
    token.meta = (exact
      ? { kind: "exact", text: exact[1], digits: 0, raw: src.slice(state.pos, end + 2) }
      : { kind: "ref", text: ref![1], digits: Number(ref![2] ?? 4), raw: src.slice(state.pos, end + 2) }) satisfies ValueMeta;
  }
  state.pos = end + 2;
  return true;
}

/** A decimal written into text: "0.8", "−1.25" (not 10, not v1.2.3, not 5.4e-2's parts). */
const DECIMAL = /(?<![\w.,])[-−]?\d+\.\d+(?!\w|\.\d)/;
/** TeX that was meant for $…$: scripts in braces or on single letters, and \commands. */
const RAW_TEX = /[\w)}]\^\{|[\w)}]_\{|\\[a-zA-Z]{2,}|\b[A-Za-z]\^[\w(]|\b[A-Za-z]_[A-Za-z0-9]\b/;
/** A name with a subscript of a few letters (b_ih, W_hh, R_*): very likely a symbol typed as
 * text, but a plain-text name in notes is not wrong, so a warning. */
const SUBSCRIPTED_NAME = /\b[A-Za-z]_(?:[A-Za-z0-9]{2,3}\b|\*)/;

/** The location of `needle` in the source, from the block's first line on. */
function find(env: unknown, block: Token, needle: string): SourceLocation {
  const deck = envOf(env);
  const from = locate(env, block.map?.[0] ?? 0, 1);
  const lines = deck.sourceLines ?? [];
  for (let k = from.line - 1; k < Math.min(lines.length, from.line - 1 + 200); k++) {
    const at = lines[k].indexOf(needle);
    if (at >= 0) return { ...from, line: k + 1, col: at + 1 };
  }
  return from;
}

export function proseNumbersPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "value_ref", valueRef);
  // Inline tokens do not know their line: give each value and text token its block.
  md.core.ruler.after("inline", "value_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      for (const child of block.children) {
        if (child.type === "value_ref") (child.meta as unknown as ValueMeta).location = find(state.env, block, (child.meta as unknown as ValueMeta).raw);
        if (child.type === "text") child.meta = { block };
      }
    }
  });
  const text = md.renderer.rules.text!;
  md.renderer.rules.text = (tokens: Token[], idx: number, options, env, self) => {
    const t = tokens[idx];
    const block = (t.meta as { block?: Token } | null)?.block;
    // only what the author wrote: a snippet's value (env.computed) has computed numbers
    if (block && envOf(env).diagnostics && !envOf(env).computed) {
      const decimal = DECIMAL.exec(t.content);
      if (decimal) envOf(env).diagnostics.error(find(env, block, decimal[0]), `a number typed by hand (${decimal[0]}): compute it with {{path}} from the example, or mark an exact constant {{=${decimal[0].replace("−", "-")}}}`);
      const tex = RAW_TEX.exec(t.content);
      if (tex) envOf(env).diagnostics.error(find(env, block, tex[0]), `TeX outside math (${tex[0]}…): write it between $…$ so it is typeset`);
      const name = tex ? null : SUBSCRIPTED_NAME.exec(t.content);
      if (name) envOf(env).diagnostics.warning(find(env, block, name[0]), `a symbol as plain text (${name[0]}): write it between $…$ so it is typeset`);
    }
    return text(tokens, idx, options, env, self);
  };
  md.renderer.rules.value_ref = (tokens: Token[], idx: number, _o, env) => {
    const meta = tokens[idx].meta as unknown as ValueMeta;
    if (meta.kind === "exact") return md.utils.escapeHtml(meta.text);
    const facts = envOf(env).facts;
    const { slot, marker } = facts.slot();
    facts.proseNumbers.push({ slot, path: meta.text, digits: meta.digits, at: meta.location ?? locate(env, 0, 1) });
    return `<span class="deck-value">${marker}</span>`;
  };
}
