// The readiness signal PDF export and browser tests wait for: set once every slide is fully
// rendered (reveal ready, diagrams drawn, fonts loaded). Never a fixed sleep.
export function signalReady(doc: Document): void {
  doc.documentElement.dataset.deckReady = "true";
  doc.dispatchEvent(new CustomEvent("deck-ready"));
}
