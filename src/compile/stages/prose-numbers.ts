// Stage "prose-numbers": each `{{path}}` in prose or notes (src/compile/markdown/prose-numbers.ts) shows a
// number of the slide's example — the slide's own record, or the example it links to — by
// its path in the record's values ("terms.1", "deltas.c.2.0"), or else in the grad output of
// the record's case. A path that leads to no number is an error where it is written.
import katex from "katex";
import { num, type ExampleRecord } from "../../author/snippet.ts";
import { exampleRecordOf, linkedExample, slidesById } from "../model.ts";
import type { DeckState } from "../state.ts";

export async function proseNumbersStage(state: DeckState): Promise<void> {
  const byId = slidesById(state.slides);
  for (const slide of state.slides) {
    if (slide.facts.proseNumbers.length === 0) continue;
    const record = exampleRecordOf(slide) ?? linkedExample(slide, byId)?.record;
    for (const { slot, path, digits, at } of slide.facts.proseNumbers) {
      const value = record ? await valueOf(state, record, path) : undefined;
      if (typeof value !== "number") {
        state.diagnostics.error(at, record ? `{{${path}}}: no number at "${path}" in this slide's example${record.case ? ` (${record.case})` : ""}` : `{{${path}}}: this slide has no example to take it from (an example slide, or a link to one)`);
        continue;
      }
      slide.html.slots[slot] = katex.renderToString(num(value, digits), { output: "htmlAndMathml", throwOnError: false });
    }
  }
}

/** The number at `path`: in the record's values (keys may hold dots, "deltas.c.2"), else in
 * the grad output of its case. */
async function valueOf(state: DeckState, record: ExampleRecord, path: string): Promise<unknown> {
  const fromRecord = walk(record.values, path);
  if (fromRecord !== undefined || !record.case) return fromRecord;
  const evaluation = await state.cases.get(record.case);
  return typeof evaluation === "string" ? undefined : walk(evaluation.output, path);
}

/** Follows a dotted path; a key may itself contain dots, so the longest key that matches
 * wins at each level. */
function walk(value: unknown, path: string): unknown {
  if (path === "") return value;
  if (value === null || typeof value !== "object") return undefined;
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (key in (value as Record<string, unknown>)) {
      const found = walk((value as Record<string, unknown>)[key], parts.slice(n).join("."));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
