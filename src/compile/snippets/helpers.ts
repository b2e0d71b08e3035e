// Helpers a ```ts run snippet imports (`import { tex, md, table } from "@deck/snippet"`) to
// say how its value is shown. Each returns a tagged plain object, so the value can travel
// from the snippet worker to the compiler by structured clone.

export type DeckValue =
  | { __deck: "tex"; tex: string; display: boolean }
  | { __deck: "md"; markdown: string }
  | { __deck: "html"; html: string }
  | { __deck: "table"; header: string[]; rows: (string | number)[][]; caption?: string };

/** The template's raw text (backslashes kept, so TeX's \frac stays \frac) with values. */
function joinTemplate(strings: TemplateStringsArray, values: unknown[]): string {
  return strings.raw.reduce((out, s, k) => out + s + (k < values.length ? String(values[k]) : ""), "");
}

/** Display TeX: tex`\delta = ${x}`. The text is taken raw (as String.raw); interpolated
 * values are inserted as they are (format numbers with `num`). */
export function tex(strings: TemplateStringsArray, ...values: unknown[]): DeckValue {
  return { __deck: "tex", tex: joinTemplate(strings, values), display: true };
}

/** Inline TeX. */
export function itex(strings: TemplateStringsArray, ...values: unknown[]): DeckValue {
  return { __deck: "tex", tex: joinTemplate(strings, values), display: false };
}

/** Markdown, rendered with the deck's own Markdown (math included). */
export function md(strings: TemplateStringsArray, ...values: unknown[]): DeckValue {
  return { __deck: "md", markdown: joinTemplate(strings, values) };
}

/** Raw HTML (e.g. an SVG plot). */
export function html(strings: TemplateStringsArray | string, ...values: unknown[]): DeckValue {
  return { __deck: "html", html: typeof strings === "string" ? strings : joinTemplate(strings, values) };
}

/** A real <table>. Cells that are numbers are formatted with `num`. */
export function table(header: string[], rows: (string | number)[][], caption?: string): DeckValue {
  return { __deck: "table", header, rows, ...(caption === undefined ? {} : { caption }) };
}

/** A number for TeX: `digits` significant digits, and ×10^k instead of e-notation.
 * Trailing zeros are dropped only when the number is exact (0.5, not 0.5000), so a
 * rounded 0.41997 reads 0.4200: the digits shown are the digits meant. */
export function num(x: number, digits = 4): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(digits)))));
  if (e >= -3 && e < digits) {
    const fixed = x.toPrecision(digits);
    return Number(fixed) === x ? String(x) : fixed.includes("e") ? String(Number(fixed)) : fixed;
  }
  const [mantissa] = x.toExponential(digits - 1).split("e");
  const exact = Number(x.toExponential(digits - 1)) === x;
  return `${exact ? String(Number(mantissa)) : mantissa}\\times10^{${e}}`;
}

/** A column vector (or a matrix, given rows) as a TeX bmatrix. */
export function texMatrix(value: readonly number[] | readonly (readonly number[])[], digits = 4): string {
  const rows = (value as readonly unknown[]).every(Array.isArray)
    ? (value as readonly (readonly number[])[])
    : (value as readonly number[]).map((x) => [x]);
  return `\\begin{bmatrix}${rows.map((r) => r.map((x) => num(x, digits)).join(" & ")).join(" \\\\ ")}\\end{bmatrix}`;
}

/** The machine-readable record an example slide embeds (DESIGN.md): the numbers it shows,
 * keyed by their path in the grad CLI's output for `casePath` (e.g. "deltas.c.2"), or,
 * for an example that is not about a case, the values and how they were checked. */
export function deckExample(record: { case?: string; values: Record<string, unknown>; check?: string }): DeckValue {
  const json = JSON.stringify(record).replace(/</g, "\\u003c");
  return { __deck: "html", html: `<script type="application/json" class="deck-example">${json}</script>` };
}
