// Recomputes a live example in the browser: the example's own view function (bundled from
// its snippet) runs on the presenter's changed case with src/grad, and its values are
// typeset here with KaTeX — loaded only when a presenter first changes an input.
import katex from "katex";
import { liveModules } from "virtual:deck-live";
import { isLiveExample, num, withInputs, type DeckValue } from "../shared/deck-values.ts";
import { escapeHtml, tableHtml } from "../shared/html.ts";
import { MATH_MACROS, trust } from "../shared/math-macros.ts";
import { LIVE_DIFF_KEY, markChangedNumbers } from "./live-diff.ts";

const trustHere = (context: { command: string; attributes?: Record<string, string> }): boolean =>
  trust(context) || (context.command === "\\htmlData" && Object.keys(context.attributes ?? {}).every((k) => k === LIVE_DIFF_KEY));

/** `value` as HTML, its numbers that differ from `before`'s (the build's value) marked. */
function renderValue(value: DeckValue, before: DeckValue | undefined, macros: Record<string, string>): string {
  const tex = (source: string, display: boolean, was: string | undefined): string =>
    katex.renderToString(was === undefined ? source : markChangedNumbers(was, source), {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: false,
      macros: { ...MATH_MACROS, ...macros },
      trust: trustHere,
      strict: "ignore", // \htmlData is ours, under trustHere
    });
  switch (value.__deck) {
    case "tex":
      return tex(value.tex, value.display, before?.__deck === "tex" ? before.tex : undefined);
    case "html":
      return value.html;
    case "table": {
      const old = before?.__deck === "table" ? before.rows : undefined;
      return tableHtml(value, (c, row, col) => {
        if (typeof c !== "number") return escapeHtml(String(c));
        const was = old?.[row]?.[col];
        return tex(num(c), false, typeof was === "number" ? num(was) : undefined);
      });
    }
    case "md":
      return `<p>${escapeHtml(value.markdown)}</p>`; // no Markdown in the browser; live views use tex/html/table
    case "live":
      return value.values.map((v, k) => renderValue(v, before?.__deck === "live" ? before.values[k] : undefined, macros)).join("\n");
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
  // rendered as the build rendered them (no wrapper: the slide must not move), numbers
  // that differ from the build's marked
  return values.map((v, k) => renderValue(v, example.values[k], macros)).join("\n");
}
