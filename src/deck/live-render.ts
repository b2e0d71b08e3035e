// Recomputes a live example in the browser: the example's own view function (bundled from
// its snippet) runs on the presenter's changed case with src/grad, and its values are
// typeset here with KaTeX — loaded only when a presenter first changes an input.
import katex from "katex";
import { liveModules } from "virtual:deck-live";
import { isLiveExample, num, withInputs, type DeckValue } from "../shared/deck-values.ts";
import { escapeHtml, tableHtml } from "../shared/html.ts";
import { MATH_MACROS, trust } from "../shared/math-macros.ts";

function renderValue(value: DeckValue, macros: Record<string, string>): string {
  const tex = (source: string, display: boolean): string =>
    katex.renderToString(source, { displayMode: display, output: "htmlAndMathml", throwOnError: false, macros: { ...MATH_MACROS, ...macros }, trust });
  switch (value.__deck) {
    case "tex":
      return tex(value.tex, value.display);
    case "html":
      return value.html;
    case "table":
      return tableHtml(value, (c) => (typeof c === "number" ? tex(num(c), false) : escapeHtml(String(c))));
    case "md":
      return `<p>${escapeHtml(value.markdown)}</p>`; // no Markdown in the browser; live views use tex/html/table
    case "live":
      return value.values.map((v) => renderValue(v, macros)).join("\n");
  }
}

/** The HTML of live example `key` for its case with `changes` (dotted path → number). */
export async function renderLiveExample(key: string, changes: Record<string, number>, macros: Record<string, string>): Promise<string> {
  const load = liveModules[key];
  if (!load) throw new Error(`no live example ${key} in this deck`);
  const exported = (await load()).default;
  const example = [exported].flat().find(isLiveExample);
  if (!example?.view) throw new Error(`${key} is not a live example`);
  const values = example.view(withInputs(example.json, changes));
  // Each value is rendered the way the build rendered it: display math in its own block.
  return values.map((v) => (v.__deck === "tex" && v.display ? `<div class="snippet-output">${renderValue(v, macros)}</div>` : renderValue(v, macros))).join("\n");
}
