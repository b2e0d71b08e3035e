// Stage "values": each `{{path}}` in prose or notes (src/compile/markdown/values.ts) shows a
// number of the slide's example — the slide's own record, or the example it links to — by
// its path in the record's values ("terms.1", "deltas.c.2.0"), or else in the grad output of
// the record's case. A path that leads to no number is an error where it is written.
import katex from "katex";
import { num } from "../../author/snippet.ts";
import type { SourceLocation } from "../diagnostics.ts";
import { exampleRecord, linkedExample, sourceOf, type ExampleRecord } from "../html/example-links.ts";
import { editLeaf, type DeckState } from "../state.ts";

export async function valuesStage(state: DeckState): Promise<void> {
  const byId = new Map(state.leaves.filter((s) => s.id).map((s) => [s.id, s] as const));
  for (const [k, leaf] of state.leaves.entries()) {
    if (!leaf.querySelector(".deck-value")) continue;
    const record = exampleRecord(leaf) ?? linkedExample(leaf, byId)?.record;
    for (const span of editLeaf(state, k).querySelectorAll(".deck-value")) {
      const [line, col] = (span.getAttribute("data-at") ?? "").split(":").map(Number);
      const at: SourceLocation = { file: sourceOf(leaf).file, line: line || sourceOf(leaf).line, col: col || 1 };
      const path = span.getAttribute("data-ref") ?? "";
      const value = record ? await valueOf(state, record, path) : undefined;
      if (typeof value !== "number") {
        state.diagnostics.error(at, record ? `{{${path}}}: no number at "${path}" in this slide's example${record.case ? ` (${record.case})` : ""}` : `{{${path}}}: this slide has no example to take it from (an example slide, or a link to one)`);
        continue;
      }
      span.innerHTML = katex.renderToString(num(value, Number(span.getAttribute("data-digits") ?? 4)), { output: "htmlAndMathml", throwOnError: false });
      span.removeAttribute("data-at");
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
