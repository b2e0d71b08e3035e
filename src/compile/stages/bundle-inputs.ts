// Stage "bundle-inputs": tells whoever bundles the browser runtime what that bundle depends
// on (see BundleInputs), so that a build bundles while formulas are checked and diagrams
// drawn instead of after.
import { currentLeafHtml, type DeckState } from "../state.ts";

export function bundleInputsStage(state: DeckState): void {
  state.services.onBundleInputs?.({
    liveSnippets: state.liveSnippets,
    slides: state.leafHtml.map((_html, k) => currentLeafHtml(state, k)),
    runtimeDiagrams: state.diagrams.length > 0 && state.services.diagrams(state.options.theme) === undefined,
  });
}
