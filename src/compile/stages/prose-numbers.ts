// Stage "prose-numbers": each `{{path}}` in prose or notes (src/compile/markdown/prose-numbers.ts) shows a
// number of the slide's example — the slide's own record, or the example it links to, or an
// exercise's case — by its path in the record's values ("terms.1", "deltas.c.2.0"), or else
// in the grad output of the record's case ("case.x.1.0": in the case file itself). A path
// that leads to no number is an error where it is written. On an exercise slide each
// number says its path, so that the browser can show it for new numbers.
import katex from "katex";
import { num, type ExampleRecord } from "../../author/snippet.ts";
import { valueAtPath } from "../../shared/value-path.ts";
import { exampleRecordOf, linkedExample, slidesById } from "../model.ts";
import type { DeckState } from "../state.ts";

export async function proseNumbersStage(state: DeckState): Promise<void> {
  const byId = slidesById(state.slides);
  for (const slide of state.slides) {
    if (slide.facts.proseNumbers.length === 0) continue;
    const exercise = slide.attributes.exercise;
    const record = exercise ? (exercise.case ? { case: exercise.case, values: {} } : undefined) : (exampleRecordOf(slide) ?? linkedExample(slide, byId)?.record);
    for (const { slot, path, digits, at } of slide.facts.proseNumbers) {
      const value = record ? await valueOf(state, record, path) : undefined;
      if (typeof value !== "number") {
        state.diagnostics.error(at, record ? `{{${path}}}: no number at "${path}" in this slide's example${record.case ? ` (${record.case})` : ""}` : `{{${path}}}: this slide has no example to take it from (an example slide, or a link to one)`);
        continue;
      }
      const tex = num(value, digits);
      const typeset = state.cache.markupFor(`prose-number\0${tex}`, () => ({ html: katex.renderToString(tex, { output: "htmlAndMathml", throwOnError: false }), keep: true }));
      slide.html.slots[slot] = exercise ? `<span data-exercise-value="${path}" data-exercise-digits="${digits}">${typeset}</span>` : typeset;
    }
  }
}

/** The number at `path`: in the record's values (keys may hold dots, "deltas.c.2"), else in
 * the grad output of its case. */
async function valueOf(state: DeckState, record: ExampleRecord, path: string): Promise<unknown> {
  const fromRecord = valueAtPath(record.values, path);
  if (fromRecord !== undefined || !record.case) return fromRecord;
  const evaluation = await state.cases.get(record.case);
  if (typeof evaluation === "string") return undefined;
  return path.startsWith("case.") ? valueAtPath(evaluation.json, path.slice("case.".length)) : valueAtPath(evaluation.output, path);
}
