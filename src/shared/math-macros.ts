// The TeX every formula can use beyond KaTeX's own, and what KaTeX may trust. Shared by the
// build (markdown/math.ts) and the formula checker.
import { LIVE_NUMBER_KEY } from "./live-numbers.ts";

/** Macros every formula can use, on top of the deck's own:
 *  \step{X}        X appears at the next reveal step
 *  \stepat{n}{X}   X appears at step n (reveal's data-fragment-index)
 *  \hl{n}{X}       X is always visible, and highlighted while step n is the current one
 *                  (use it to follow one route of the chain rule through a formula)
 *  \blank{X}       on an exercise slide: X is the answer a student fills in; shown as an
 *                  empty box of one size, whatever X is (the checker reads X in its place).
 *                  Not a phantom of X: KaTeX draws \vphantom as X itself made invisible at
 *                  zero width, which still runs past the formula and widens it by X. */
export const MATH_MACROS: Readonly<Record<string, string>> = {
  "\\step": "\\htmlData{step=next}{#1}",
  "\\stepat": "\\htmlData{step=#1}{#2}",
  "\\hl": "\\htmlData{step=#1, fragment-style=hl}{#2}",
  "\\blank": "\\@secondoftwo{#1}{\\boxed{\\rule[-0.3em]{0pt}{1.2em}\\quad ?\\quad}}",
  // the checker reads a formula as written: its \label (a number, see src/compile/labels.ts)
  // and a reference to another equation (a link, where the deck shows it) say nothing
  "\\label": "\\htmlData{label=#1}{}",
  "\\eqref": "\\htmlData{eqref=#1}{}",
  "\\ref": "\\htmlData{ref=#1}{}",
};

/** On top of MATH_MACROS where a formula is typeset outside reveal.js's steps — an answer
 * shown on an exercise, the answer key on paper: every step is there and nothing is lit up
 * (their \htmlData would be untrusted there, and typeset as an error). */
export const STILL_MACROS: Readonly<Record<string, string>> = {
  "\\step": "{#1}",
  // KaTeX counts a macro's arguments from #1 up: a body of #2 alone would take none
  "\\stepat": "\\@secondoftwo{#1}{#2}",
  "\\hl": "\\@secondoftwo{#1}{#2}",
};

/** Only \htmlData with our own keys (steps, and a live example's numbers) and equation references' links inside the deck are trusted: no other links, no styles, no ids from TeX.
 * (KaTeX hands the attributes over already prefixed with data-.) */
export function trust(context: { command: string; attributes?: Record<string, string>; url?: string }): boolean {
  // \eqref and \ref become links to the slide of their equation: only such links, inside the deck
  if (context.command === "\\href") return /^#\/[\w:.-]+$/.test(context.url ?? "");
  if (context.command !== "\\htmlData") return false;
  return Object.keys(context.attributes ?? {}).every((k) => k === "data-step" || k === "data-fragment-style" || k === `data-${LIVE_NUMBER_KEY}`);
}
