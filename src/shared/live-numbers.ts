// The numbers of a live example's TeX: the build wraps each one (\htmlData{live-n=ID}) so
// that the browser can rewrite it when the presenter moves an input — the formula around
// the numbers stays as the build typeset it, so the browser needs no TeX engine. Numbers
// inside \text{…} are left as they are: they are words, not values. Pure string work,
// shared by the compiler and the browser.

/** KaTeX's \htmlData key of a wrapped number (KaTeX prefixes data-). */
export const LIVE_NUMBER_KEY = "live-n";

/** A number as `num` writes it: -0.1234, 12, 3.1\times10^{-11}. */
const NUMBER = /-?\d+(?:\.\d+)?(?:\\times10\^\{-?\d+\})?/g;

/** A TeX length's unit right after a number: 1em, 2pt, 3mu are sizes, not values. */
const UNIT_AFTER = /^\s*(?:em|ex|pt|pc|px|mu|cm|mm|in|bp|dd|cc|sp)\b/;

/** Control words a number may follow as a value of its own (operators and spaces). */
const OPERATOR_WORDS = "times|cdot|odot|otimes|oplus|pm|mp|le|ge|leq|geq|ne|neq|approx|quad|qquad|to|mapsto|circ|div";

/** What may stand before a number's minus for it to be a sign (else it is subtraction). */
const SIGN_AFTER = new RegExp(`(?:^|[{(\\[,&=<>+\\-*/|:;]|\\\\\\\\|\\\\(?:${OPERATOR_WORDS}|left[([|]?|[,;:!])|\\\\begin\\{[a-z*]+\\})\\s*$`);

/** A number right after these is an argument (\frac12, x^2), not a value: left alone. */
const ARGUMENT_AFTER = /(?:\\[a-zA-Z]+|[\^_])\s*$/;
const OPERATOR_BEFORE = new RegExp(`\\\\(?:${OPERATOR_WORDS})\\s*$`);

/** Where the \text-like groups of `tex` are: [start, end) of each, braces included. */
function textRanges(tex: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of tex.matchAll(/\\(?:text\w*|mbox|operatorname)\s*\{/g)) {
    let depth = 0;
    let k = m.index! + m[0].length - 1;
    for (; k < tex.length; k++) {
      if (tex[k] === "\\") k++;
      else if (tex[k] === "{") depth++;
      else if (tex[k] === "}" && --depth === 0) break;
    }
    ranges.push([m.index!, k + 1]);
  }
  return ranges;
}

/** The numbers of `tex` a live example may change, in order, with where they are. Left as
 * they are: digits in \text{…}, sizes (1em), a control word's or a script's own argument
 * (\frac12, x^2: wrapping would change what they take), and a minus that subtracts. */
export function liveNumbers(tex: string): { at: number; text: string }[] {
  const words = textRanges(tex);
  const numbers: { at: number; text: string }[] = [];
  for (const m of tex.matchAll(NUMBER)) {
    let at = m.index!;
    let text = m[0];
    if (text.startsWith("-") && !SIGN_AFTER.test(tex.slice(0, at))) {
      at++;
      text = text.slice(1);
    }
    const before = tex.slice(0, at);
    const argument = ARGUMENT_AFTER.test(before) && !OPERATOR_BEFORE.test(before);
    if (words.some(([a, b]) => at >= a && at < b) || UNIT_AFTER.test(tex.slice(at + text.length)) || argument) continue;
    numbers.push({ at, text });
  }
  return numbers;
}

/** `tex` with each live number replaced by what `replace` gives for it (its index j). */
function replaceNumbers(tex: string, replace: (text: string, j: number) => string): string {
  let out = "";
  let last = 0;
  liveNumbers(tex).forEach(({ at, text }, j) => {
    out += tex.slice(last, at) + replace(text, j);
    last = at + text.length;
  });
  return out + tex.slice(last);
}

/** What stays when the live numbers change: the formula with each of them as #. */
export function liveShape(tex: string): string {
  return replaceNumbers(tex, () => "#");
}

/** The id of number j of the live value `prefix` ("2.7": value 2, number 7). */
export const liveNumberId = (prefix: string, j: number): string => `${prefix}.${j}`;

/** `tex` with each live number wrapped, for the build to typeset. */
export function wrapLiveNumbers(tex: string, prefix: string): string {
  return replaceNumbers(tex, (text, j) => `\\htmlData{${LIVE_NUMBER_KEY}=${liveNumberId(prefix, j)}}{${text}}`);
}

/** `tex` with each live number replaced by a marker its MathML keeps as one node of its
 * own, "[live ID]" over a square (KaTeX joins neighbouring \text nodes, not an \overset):
 * typeset next to the real formula, it shows which MathML node holds which number. */
export function markLiveNumbers(tex: string, prefix: string): string {
  return replaceNumbers(tex, (_text, j) => `\\overset{\\text{[live ${liveNumberId(prefix, j)}]}}{\\square}`);
}

/** A number's parts: its sign, its digits, and its power of ten if it has one. */
export interface NumberParts {
  negative: boolean;
  digits: string;
  exponent?: { negative: boolean; digits: string };
}

export function numberParts(text: string): NumberParts {
  const m = /^(-?)(\d+(?:\.\d+)?)(?:\\times10\^\{(-?)(\d+)\})?$/.exec(text);
  if (!m) throw new Error(`not a number as num writes it: ${text}`);
  return { negative: m[1] === "-", digits: m[2], exponent: m[4] === undefined ? undefined : { negative: m[3] === "-", digits: m[4] } };
}
