// Recomputes a live example in the browser: the example's own view function (bundled from
// its snippet) runs on the presenter's changed case with src/grad, and the numbers it gives
// are written into the formulas the build typeset (live-numbers-dom.ts), so no TeX engine
// ships with the deck; a value whose formula would change more than its numbers is refused
// by the build.
import { liveModules } from "virtual:deck-live";
import { isLiveExample, withInputs, type LiveExample } from "../author/snippet.ts";
import { liveValueProblem, updateLiveValue } from "./live-numbers-dom.ts";

/** Live example `key`, its code loaded. */
export async function loadLiveExample(key: string): Promise<LiveExample> {
  const load = liveModules[key];
  if (!load) throw new Error(`no live example ${key} in this deck`);
  const exported = (await load()).default;
  const example = [exported].flat().find(isLiveExample);
  if (!example?.view) throw new Error(`${key} is not a live example`);
  return example;
}

/** `example` for its case with `changes` (dotted path → number), shown in `values`, the
 * build's box of its values. */
export function showLiveExample(values: Element, example: LiveExample, changes: Record<string, number>): void {
  const next = example.view!(withInputs(example.json, changes));
  // all or nothing: a value the browser cannot show leaves every number as it was
  const problem = next.length === example.values.length ? next.map((v, k) => liveValueProblem(v, example.values[k], k)).find(Boolean) : "the example shows a different number of values";
  if (problem) throw new Error(`${problem}; rebuild with these inputs to see it`);
  next.forEach((value, k) => {
    const box = values.querySelector(`[data-live-value="${k}"]`);
    if (box) updateLiveValue(box, value, example.values[k], String(k));
  });
}
