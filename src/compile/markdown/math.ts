// math: `$…$` inline and `$$…$$` display math, rendered by KaTeX at build time (HTML +
// MathML). A formula KaTeX rejects is an error at its file:line:col. Step-by-step reveals
// inside a formula use KaTeX's \htmlData under a narrow trust policy (see MATH_MACROS).
import katex from "katex";
import { descendants, typesetTree } from "../html/katex-tree.ts";
import type { MarkdownIt } from "markdown-it";
import type { StateBlock } from "markdown-it";
import type { StateInline } from "markdown-it";
import type { Token } from "markdown-it";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf, locate, placeOf, type DeckEnv } from "./env.ts";
import { applyMathSteps } from "../html/math-steps.ts";
import { withReferences, withTags } from "../labels.ts";
import { escapeHtml } from "../../shared/html.ts";
import { MATH_MACROS, trust } from "../../shared/math-macros.ts";

/** What the math tokens carry besides their TeX (token.content). */
interface MathBlockMeta {
  /** 1-based column of the TeX after the opening $$ */
  column: number;
}
interface MathInlineMeta {
  display: boolean;
  /** offset of the TeX within the inline content */
  offset: number;
  /** set by the math_locations core rule */
  location?: SourceLocation;
}

/** `{{=0.5}}` marks an exact constant in prose (markdown/prose-numbers.ts); inside math it
 * is the constant itself. (`{{x}}` is TeX's own grouping and stays as it is.) */
const EXACT_CONSTANT = /\{\{=\s*(-?\d+(?:\.\d+)?)\s*\}\}/g;

/** The TeX of a formula as written in the Markdown: exact constants as themselves. */
export function texOf(source: string): string {
  return source.replace(EXACT_CONSTANT, "$1");
}

/** `source` typeset; kept in the compile cache (the dev server typesets only what changed),
 * unless it reported a problem, which every compile must report. */
export function renderMath(source: string, display: boolean, at: SourceLocation, env: unknown): string {
  const deck = envOf(env);
  const make = (): { html: string; keep: boolean } => {
    const problems = deck.diagnostics.reports;
    const html = typeset(source, display, at, deck);
    return { html, keep: deck.diagnostics.reports === problems };
  };
  return deck.cache ? deck.cache.markupFor(`math\0${display}\0${JSON.stringify(deck.macros)}\0${source}`, make) : make().html;
}

function typeset(source: string, display: boolean, at: SourceLocation, deck: DeckEnv): string {
  const tex = texOf(source);
  try {
    const formula = typesetTree(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      // A copy: \gdef in one formula must not leak into the next.
      macros: { ...MATH_MACROS, ...deck.macros },
      trust: (context: { command: string; attributes?: Record<string, string> }) => {
        if (trust(context)) return true;
        // KaTeX draws an untrusted command in red instead of failing: fail the build.
        deck.diagnostics.error(at, `TeX: ${context.command} is not allowed here (use \\step, \\stepat or \\hl for reveals)`);
        return false;
      },
      strict: (code: string, message: string) => {
        if (code === "htmlExtension") return "ignore"; // \htmlData is ours, under `trust`
        deck.diagnostics.warning(at, `TeX: ${message} (${code})`);
        return "ignore";
      },
    });
    applyMathSteps(descendants(formula));
    return formula.toMarkup();
  } catch (error) {
    if (error instanceof katex.ParseError) {
      const position = typeof error.position === "number" ? error.position : 0;
      const where = offsetLocation(at, tex, position);
      deck.diagnostics.error(where, `TeX: ${error.rawMessage}`);
      return `<span class="deck-error" title="${escapeHtml(error.rawMessage)}">${escapeHtml(tex)}</span>`;
    }
    throw error;
  }
}

/** The location `offset` characters into `text`, which starts at `at`. */
export function offsetLocation(at: SourceLocation, text: string, offset: number): SourceLocation {
  const before = text.slice(0, offset);
  const newline = before.lastIndexOf("\n");
  if (newline < 0) return { ...at, col: at.col + offset };
  return { ...at, line: at.line + before.split("\n").length - 1, col: offset - newline };
}


/** Display math, typeset and recorded (model.ts): a formula on the slide itself sits in a
 * slot of its own, since the formula checker may give its symbols their values. */
/** The TeX as typeset: labels as tags (a display formula's number), references as links. */
function shownTex(source: string, display: boolean, at: SourceLocation, env: unknown): string {
  const { labels, diagnostics } = envOf(env);
  const tagged = display ? withTags(source, labels) : source.replace(/\\label\s*\{[^{}]*\}/g, ""); // (reported by the labels stage)
  return withReferences(tagged, labels, (name, offset) => diagnostics.error(offsetLocation(at, source, offset), `\\eqref{${name}}: no formula has \\label{${name}}`));
}

function displayFormula(source: string, at: SourceLocation, env: unknown, tag: "div" | "span"): string {
  const html = renderMath(shownTex(source, true, at, env), true, at, env);
  const place = placeOf(env);
  const fact = { tex: texOf(source), at, open: { ...at, col: Math.max(1, at.col - 2) }, place };
  const facts = envOf(env).facts;
  if (place !== "slide") {
    facts.formulas.push(fact);
    return `<${tag} class="math-display">${html}</${tag}>`;
  }
  const { slot, marker } = facts.slot(html);
  if (!/\\blank\b/.test(source)) {
    facts.formulas.push({ ...fact, slot });
    return `<${tag} class="math-display">${marker}</${tag}>`;
  }
  // a formula to complete: what the student completes it with follows it (the exercises stage)
  const blank = facts.slot();
  facts.formulas.push({ ...fact, slot, blankSlot: blank.slot });
  return `<${tag} class="math-display">${marker}</${tag}>${blank.marker}`;
}

/** `$$` at the start of a line opens display math that ends at the next `$$`. One that is
 * never closed within its slide is an error at the opening `$$`, never raw TeX on a slide. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (!state.src.startsWith("$$", start)) return false;
  const contentStart = start + 2;
  const closeAt = closingDollars(state.src, contentStart, state.eMarks[endLine - 1] ?? state.src.length);
  if (silent) return true;
  const column = start - state.bMarks[startLine] + 2 + 1;
  if (closeAt < 0) {
    const token = state.push("math_unclosed", "math", 0);
    token.block = true;
    token.map = [startLine, endLine];
    token.meta = { column: column - 2 } satisfies MathBlockMeta;
    state.line = endLine;
    return true;
  }
  let lastLine = startLine;
  while (lastLine < endLine && state.eMarks[lastLine] < closeAt) lastLine++;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = state.src.slice(contentStart, closeAt);
  token.map = [startLine, lastLine + 1];
  token.meta = { column } satisfies MathBlockMeta;
  state.line = lastLine + 1; // text after the closing $$ on its line is not Markdown
  return true;
}

/** The offset of the `$$` that closes display math opened before `from`, or -1 when there
 * is none before `end` (an escaped \$$ does not close). */
function closingDollars(src: string, from: number, end: number): number {
  for (let at = src.indexOf("$$", from); at >= 0 && at <= end; at = src.indexOf("$$", at + 2)) {
    if (src[at - 1] !== "\\") return at;
  }
  return -1;
}

/** `$…$` inline (no space after the opening or before the closing `$`, no digit right
 * after the closing one, so "$5 and $6" is not math), and `$$…$$` inside a paragraph. */
function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src[pos] !== "$") return false;
  const display = src[pos + 1] === "$";
  const open = display ? 2 : 1;
  let k = pos + open;
  if (!display && (src[k] === " " || src[k] === "\t" || src[k] === "\n")) return false;
  for (; k < state.posMax; k++) {
    if (src[k] === "\\") {
      k++;
      continue;
    }
    if (src[k] !== "$") continue;
    if (display) {
      if (src[k + 1] === "$") break;
      continue;
    }
    if (src[k - 1] === " " || src[k - 1] === "\t" || src[k - 1] === "\n") continue;
    if (/[0-9]/.test(src[k + 1] ?? "")) continue;
    break;
  }
  if (display && k >= state.posMax) {
    // `$$` that never closes in its paragraph: an error, not text
    if (!silent) {
      const token = state.push("math_unclosed", "math", 0);
      token.content = "$$"; // what the location rule finds in the source line
      token.meta = { display, offset: pos } satisfies MathInlineMeta;
    }
    state.pos = state.posMax;
    return true;
  }
  if (k >= state.posMax || k === pos + open) return false;
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.content = src.slice(pos + open, k);
    token.meta = { display, offset: pos + open } satisfies MathInlineMeta;
  }
  state.pos = k + open;
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.renderer.rules.math_block = (tokens: Token[], idx: number, _o, env) => {
    const t = tokens[idx];
    const at = locate(env, t.map![0], (t.meta as unknown as MathBlockMeta).column);
    return `${displayFormula(t.content, at, env, "div")}\n`;
  };
  md.renderer.rules.math_inline = (tokens: Token[], idx: number, _o, env) => {
    const t = tokens[idx];
    const meta = t.meta as unknown as MathInlineMeta;
    const at = meta.location ?? locate(env, 0, 1);
    // `$$…$$` inside a paragraph is display math too: the formula checker reads it the same way
    return meta.display ? displayFormula(t.content, at, env, "span") : renderMath(shownTex(t.content, false, at, env), false, at, env);
  };
  md.renderer.rules.math_unclosed = (tokens: Token[], idx: number, _o, env) => {
    const t = tokens[idx];
    const at = t.block ? locate(env, t.map![0], (t.meta as unknown as MathBlockMeta).column) : ((t.meta as unknown as MathInlineMeta).location ?? locate(env, 0, 1));
    envOf(env).diagnostics.error(at, "TeX: display math opened with $$ is never closed (no closing $$ before the end of the slide)");
    return `<div class="deck-error">unclosed $$</div>\n`;
  };
  // Inline rules cannot see their block's line; give each inline formula its location
  // once the block structure is known.
  md.core.ruler.after("inline", "math_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children || !block.map) continue;
      for (const child of block.children) {
        if (child.type !== "math_inline" && child.type !== "math_unclosed") continue;
        const meta = child.meta as unknown as MathInlineMeta;
        meta.location = locateInline(state.env, block, meta.offset, child.content);
      }
    }
  });
}

/** The file location of an inline formula: the line from the block's map and the newlines
 * before it; the column by finding the formula in that source line. */
function locateInline(env: unknown, block: Token, offset: number, tex: string): SourceLocation {
  const before = block.content.slice(0, offset);
  const lineInBlock = before.split("\n").length - 1;
  const fallbackCol = offset - (before.lastIndexOf("\n") + 1) + 1;
  const at = locate(env, block.map![0] + lineInBlock, fallbackCol);
  const sourceLine = envOf(env).sourceLines?.[at.line - 1];
  const found = sourceLine?.indexOf(tex.split("\n")[0]) ?? -1;
  return found >= 0 ? { ...at, col: found + 1 } : at;
}
