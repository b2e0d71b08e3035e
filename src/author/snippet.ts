// How a ```ts run snippet says what to show (`import { tex, md, table } from "@deck/snippet"`).
// Each helper returns a tagged plain object, so a value can travel from the snippet worker
// to the compiler by structured clone. Shared by the compiler, the snippets and the browser
// (live examples), so it is pure: no Node, no DOM.

export type SnippetValue =
  | { __deck: "tex"; tex: string; display: boolean }
  | LiveExample
  | { __deck: "md"; markdown: string }
  | { __deck: "html"; html: string }
  | { __deck: "example"; record: ExampleRecord }
  | { __deck: "table"; header: string[]; rows: (string | number)[][]; caption?: string };

/** The template's raw text (backslashes kept, so TeX's \frac stays \frac) with values. */
function joinTemplate(strings: TemplateStringsArray, values: unknown[]): string {
  return strings.raw.reduce((out, s, k) => out + s + (k < values.length ? String(values[k]) : ""), "");
}

/** Display TeX: tex`\delta = ${x}`. The text is taken raw (as String.raw); interpolated
 * values are inserted as they are (format numbers with `num`). */
export function tex(strings: TemplateStringsArray, ...values: unknown[]): SnippetValue {
  return { __deck: "tex", tex: joinTemplate(strings, values), display: true };
}

/** Inline TeX. */
export function itex(strings: TemplateStringsArray, ...values: unknown[]): SnippetValue {
  return { __deck: "tex", tex: joinTemplate(strings, values), display: false };
}

/** Markdown, rendered with the deck's own Markdown (math included). */
export function md(strings: TemplateStringsArray, ...values: unknown[]): SnippetValue {
  return { __deck: "md", markdown: joinTemplate(strings, values) };
}

/** Raw HTML (e.g. an SVG plot). */
export function html(strings: TemplateStringsArray | string, ...values: unknown[]): SnippetValue {
  return { __deck: "html", html: typeof strings === "string" ? strings : joinTemplate(strings, values) };
}

/** A real <table>. Cells that are numbers are formatted with `num`. */
export function table(header: string[], rows: (string | number)[][], caption?: string): SnippetValue {
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

/** What an example slide records (the deck-example contract, docs/DESIGN.md). */
export interface ExampleRecord {
  /** the case file, project-relative (slides/examples/NAME.json); absent for an example
   * that is not about a case */
  case?: string;
  /** the time step the example shows */
  t?: number;
  /** other indices it fixes, e.g. { k: 0 } */
  at?: Record<string, number>;
  /** an example that is not about a case but runs over time steps: how many */
  steps?: number;
  /** the numbers it shows, by their path in the grad output of its case ("deltas.c.2") */
  values: Record<string, unknown>;
  /** numbers its formulas use but the slide does not show (its inputs) */
  given?: Record<string, unknown>;
  /** how the numbers were checked, for an example that is not about a case */
  check?: string;
}

/** The machine-readable record an example slide embeds (docs/DESIGN.md): the numbers it shows,
 * keyed by their path in the grad CLI's output for `case` (e.g. "deltas.c.2"), the time
 * step `t` it shows (its equation slide's symbols show their values at that step), or, for
 * an example that is not about a case, the values and how they were checked. */
export function deckExample(record: ExampleRecord): SnippetValue {
  return { __deck: "example", record };
}

/** The HTML an example record is embedded in: JSON that no `</script>` inside can end early. */
export function exampleScript(record: ExampleRecord): string {
  const json = JSON.stringify(record).replace(/</g, "\\u003c");
  return `<script type="application/json" class="deck-example">${json}</script>`;
}

/** One input of a live example: a number inside the case JSON the presenter may change. */
export interface LiveInput {
  /** shown next to the control, e.g. "forget-gate bias, unit 0" */
  label: string;
  /** dotted path into the case JSON, e.g. "params.bias_ih.2" */
  path: string;
  min: number;
  max: number;
  step: number;
}

export interface LiveExample {
  __deck: "live";
  /** the case as in its file (the static numbers) */
  json: unknown;
  inputs: LiveInput[];
  /** what the example shows for a case: run at build time for the static slide, and in
   * the browser, with the presenter's changes, by the same src/grad code */
  view?: (json: unknown) => SnippetValue[];
  /** view(json), computed at build time */
  values: SnippetValue[];
  /** the view with each input at its least, middle and greatest value, and with all of them
   * at their least and at their greatest: the build checks that only numbers change (the
   * browser rewrites numbers, not formulas) */
  probes: LiveProbe[];
}

export interface LiveProbe {
  /** the input moved ("" when all are) */
  path: string;
  /** its value, or "least" / "greatest" when all inputs moved */
  at: number | "least" | "greatest";
  values: SnippetValue[];
}

/** An example the presenter can change live: the numbers `view` shows are recomputed in the
 * browser when an input changes — numbers only: the formulas around them stay as built. */
export function live(spec: { json: unknown; inputs: LiveInput[]; view: (json: unknown) => SnippetValue[] }): SnippetValue {
  const at = (changes: Record<string, number>): SnippetValue[] => spec.view(withInputs(spec.json, changes));
  const alone = spec.inputs.flatMap((input) => [input.min, (input.min + input.max) / 2, input.max].map((x) => ({ path: input.path, at: x, values: at({ [input.path]: x }) })));
  const all = (["least", "greatest"] as const).map((end) => ({ path: "", at: end, values: at(Object.fromEntries(spec.inputs.map((i) => [i.path, end === "least" ? i.min : i.max]))) }));
  const probes: LiveProbe[] = [...alone, ...(spec.inputs.length > 1 ? all : [])];
  return { __deck: "live", json: spec.json, inputs: spec.inputs, view: spec.view, values: spec.view(spec.json), probes };
}

export function isLiveExample(value: unknown): value is LiveExample {
  return (value as { __deck?: unknown } | null)?.__deck === "live";
}

/** A copy of `json` with the number at each dotted path replaced. */
export function withInputs(json: unknown, changes: Record<string, number>): unknown {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const parts = path.split(".");
    let target: Record<string, unknown> = copy;
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  }
  return copy;
}

/** The number at a dotted path of `json`. */
export function inputValue(json: unknown, path: string): number {
  let value: unknown = json;
  for (const part of path.split(".")) value = (value as Record<string, unknown>)[part];
  return value as number;
}
