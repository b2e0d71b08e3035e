// Stage "bundle-inputs": tells whoever bundles the browser runtime what that bundle depends
// on (see BundleInputs), so that a build bundles while formulas are checked and diagrams
// drawn instead of after.
import { hasExercises, slideHtml } from "../model.ts";
import type { DeckState } from "../state.ts";

export function bundleInputsStage(state: DeckState): void {
  state.services.onBundleInputs?.({
    liveSnippets: state.liveSnippets,
    slides: state.slides.map((s) => slideHtml(s.html)),
    runtimeDiagrams: state.slides.some((s) => s.facts.diagrams.length > 0) && state.services.diagrams(state.options.theme) === undefined,
    exercises: hasExercises(state.slides),
  });
}
