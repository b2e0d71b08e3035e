// The readiness signal PDF export and browser tests wait for: set once every slide is fully
// rendered (reveal ready, diagrams drawn, fonts loaded). Never a fixed sleep.
import { READY_DATASET_KEY, READY_EVENT } from "../shared/constants.ts";

export function signalReady(doc: Document): void {
  doc.documentElement.dataset[READY_DATASET_KEY] = "true";
  doc.dispatchEvent(new CustomEvent(READY_EVENT));
}
