// Stage "labels": every `\label{…}` of the slides' display formulas numbered in deck order
// (src/compile/labels.ts), before anything is rendered, so that `\eqref` may come first. A
// slide that holds a label but declares no id gets one (eq-NAME), for links to reach it.
import type { Token } from "markdown-it";
import { declaredSlideId, numberLabels, type MathToken } from "../labels.ts";
import { locate } from "../markdown/env.ts";
import type { DeckState, ParsedSlide } from "../state.ts";

/** The formulas of a slide's own Markdown (not its notes), with where each one's TeX starts. */
function formulasOf(slide: ParsedSlide): MathToken[] {
  const env = { file: slide.source.file, firstLine: slide.source.line };
  const found: MathToken[] = [];
  const visit = (tokens: readonly Token[], block?: Token): void => {
    for (const t of tokens) {
      if (t.type === "math_block") found.push({ tex: t.content, display: true, at: locate(env, t.map![0], (t.meta as unknown as { column: number }).column) });
      else if (t.type === "math_inline") {
        const meta = t.meta as unknown as { display: boolean; location?: { file: string; line: number; col: number } };
        found.push({ tex: t.content, display: meta.display, at: meta.location ?? locate(env, block?.map?.[0] ?? 0, 1) });
      }
      if (t.children) visit(t.children, t);
    }
  };
  visit(slide.tokens);
  return found;
}

export function labelsStage(state: DeckState): void {
  const slideId = (k: number): string => {
    const declared = declaredSlideId(state.parsed[k].tokens);
    if (declared) return declared;
    const made = state.madeIds.get(k) ?? `eq-slide-${state.parsed[k].source.file.replace(/^.*\//, "").replace(/\.md$/, "")}-${state.parsed[k].source.line}`;
    state.madeIds.set(k, made);
    return made;
  };
  state.labels = numberLabels(state.parsed.map(formulasOf), slideId, state.diagnostics);
}
