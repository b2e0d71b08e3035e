// Equation numbers, as a math lecture has them: `\label{eq:name}` on a display formula (or
// on one row of an aligned block) numbers it, in deck order, shown at its right as (n);
// `\eqref{eq:name}` and `\ref{eq:name}` anywhere — formulas, prose, notes — show the number
// as a link to the slide that holds it. Labels are read off the Markdown tokens before
// anything is rendered, so a reference may come before its equation.
import type { Token } from "markdown-it";
import type { Diagnostics, SourceLocation } from "./diagnostics.ts";

export interface EquationLabel {
  n: number;
  /** the id of the slide that holds it (`#/id` links reach it) */
  slide: string;
  at: SourceLocation;
}

export type Labels = ReadonlyMap<string, EquationLabel>;

const LABEL = /\\label\s*\{([^{}]*)\}/g;
const NAME = /^[\w:.-]+$/;

/** A display or inline formula as the parse left it, with where its TeX starts. */
export interface MathToken {
  tex: string;
  display: boolean;
  at: SourceLocation;
}

/** The id a slide declares in its tokens (`<!-- .slide: id -->`, else its first heading's
 * `{#id}`), as the HTML pass will lift it. */
export function declaredSlideId(tokens: readonly Token[]): string | undefined {
  for (const t of tokens) {
    if (t.type !== "html_block" && t.type !== "inline") continue;
    const html = t.type === "html_block" ? t.content : (t.children ?? []).filter((c) => c.type === "html_inline").map((c) => c.content).join("");
    const m = /<!--\s*\.slide:[^>]*?\bid\s*=\s*["']?([^"'\s>]+)/.exec(html);
    if (m) return m[1];
  }
  const heading = tokens.find((t) => t.type === "heading_open" && t.attrGet("id") !== null);
  return heading ? String(heading.attrGet("id")) : undefined;
}

/** Where `offset` of `tex` is, `tex` starting at `at`. */
function locate(at: SourceLocation, tex: string, offset: number): SourceLocation {
  const before = tex.slice(0, offset);
  const newline = before.lastIndexOf("\n");
  return newline < 0 ? { ...at, col: at.col + offset } : { ...at, line: at.line + before.split("\n").length - 1, col: offset - newline };
}

/** Numbers every label of the slides' formulas in deck order; `slideId(k)` names slide k
 * (and may make up an id for a slide that has none). */
export function numberLabels(slides: readonly MathToken[][], slideId: (k: number) => string, diagnostics: Diagnostics): Map<string, EquationLabel> {
  const labels = new Map<string, EquationLabel>();
  slides.forEach((formulas, k) => {
    for (const formula of formulas) {
      for (const m of formula.tex.matchAll(LABEL)) {
        const at = locate(formula.at, formula.tex, m.index!);
        const name = m[1].trim();
        if (!formula.display) diagnostics.error(at, `\\label{${name}}: only a display formula ($$…$$) is numbered`);
        else if (!NAME.test(name)) diagnostics.error(at, `\\label{${name}}: a label is letters, digits and : . - _ (e.g. eq:delta-c)`);
        else if (labels.has(name)) diagnostics.error(at, `\\label{${name}} is already used at ${labels.get(name)!.at.file}:${labels.get(name)!.at.line}`);
        else labels.set(name, { n: labels.size + 1, slide: slideId(k), at });
      }
    }
  });
  return labels;
}

/** Display TeX with its labels as tags: one label anywhere numbers the formula; in an aligned
 * block, a label numbers its row (the block becomes `align`, unlabelled rows `\notag`). */
export function withTags(tex: string, labels: Labels): string {
  if (!/\\label\s*\{/.test(tex)) return tex;
  const tag = (name: string): string => `\\tag{${labels.get(name.trim())?.n ?? "??"}}`;
  const block = /^(\s*)\\begin\{aligned\}([\s\S]*)\\end\{aligned\}(\s*)$/.exec(tex);
  if (block && LABEL.test(block[2])) {
    LABEL.lastIndex = 0;
    const rows = splitRows(block[2]).map((row) => (/\\label\s*\{/.test(row) ? row.replace(LABEL, (_m, name: string) => tag(name)) : `${row} \\notag`));
    return `${block[1]}\\begin{align}${rows.join("\\\\")}\\end{align}${block[3]}`;
  }
  LABEL.lastIndex = 0;
  let tags = "";
  const body = tex.replace(LABEL, (_m, name: string) => {
    tags ||= tag(name); // a formula has one number; a second label is reported where it stands
    return "";
  });
  return `${body} ${tags}`;
}

/** The rows of an aligned block: its text cut at `\\` outside braces and nested blocks. */
function splitRows(body: string): string[] {
  const rows: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < body.length; k++) {
    if (body.startsWith("\\begin{", k)) depth++;
    else if (body.startsWith("\\end{", k)) depth--;
    if (body[k] === "\\" && body[k + 1] === "\\" && depth === 0) {
      rows.push(body.slice(start, k));
      start = k + 2;
      k++;
    } else if (body[k] === "\\") k++;
    else if (body[k] === "{") depth++;
    else if (body[k] === "}") depth--;
  }
  rows.push(body.slice(start));
  return rows;
}

/** TeX with `\eqref{x}` as "(n)" and `\ref{x}` as "n", each a link to its slide; `unknown`
 * hears each label that is not defined. */
export function withReferences(tex: string, labels: Labels, unknown: (name: string, offset: number) => void): string {
  return tex.replace(/\\(eqref|ref)\s*\{([^{}]*)\}/g, (m, kind: string, raw: string, offset: number) => {
    const label = labels.get(raw.trim());
    if (!label) {
      unknown(raw.trim(), offset);
      return kind === "eqref" ? "(??)" : "??";
    }
    return `\\href{#/${label.slide}}{${kind === "eqref" ? `(${label.n})` : String(label.n)}}`;
  });
}
