// The checker's one door to KaTeX: its parser, `katex.__parse`, which gives the very tree
// KaTeX renders from, so what is checked is exactly what is shown. `__parse` is part of
// KaTeX's API but not of its typings, and the node fields the checker reads (TexNode) are
// KaTeX's own: the version is pinned in package.json, and test/formulas/katex-parser.test.ts
// fails when another one is installed, so an upgrade is a decision, not an accident.
import katex from "katex";
import { MATH_MACROS } from "../shared/math-macros.ts";

/** The KaTeX release whose parse tree the checker is written against. */
export const KATEX_VERSION = "0.19.1";

/** A KaTeX parse node, as far as the checker reads it (KaTeX does not export the type). */
export interface TexNode {
  type: string;
  loc?: { start: number; end: number; lexer: { input: string } } | null;
  [field: string]: unknown;
}

/** KaTeX's parser, which its typings leave out. */
const parseTree = (katex as unknown as { __parse(tex: string, options: object): TexNode[] }).__parse;

/** Display TeX parsed with the deck's macros (and our own: \step, \stepat, \hl). Throws
 * KaTeX's ParseError. */
export function parseTex(tex: string, macros: Readonly<Record<string, string>>): TexNode[] {
  return parseTree(tex, { displayMode: true, macros: { ...MATH_MACROS, ...macros }, trust: true, strict: "ignore", throwOnError: true });
}

/** The version actually installed (for the test that holds the pin). */
export const installedKatexVersion = (): string => katex.version;
