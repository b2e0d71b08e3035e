// Diagrams the build could not pre-render (no Chromium at build time, or the dev server):
// mermaid renders them here. mermaid.render draws in its own visible scratch element, so a
// diagram on a slide that is hidden at load time is still measured and sized right.
import mermaid from "mermaid";
import { describeDiagram, labelDiagram } from "../shared/diagram-description.ts";
import { applyDiagramSteps, parseDiagramSteps } from "../shared/diagram-steps.ts";

export async function renderRuntimeDiagrams(root: ParentNode, config: Record<string, unknown>): Promise<void> {
  mermaid.initialize(config); // cheap, and the same config every time
  const pending = [...root.querySelectorAll<HTMLElement>(".diagram-runtime")];
  let n = 0;
  for (const el of pending) {
    const source = el.querySelector(".mermaid-source")?.textContent ?? "";
    const id = `runtime-diagram-${el.dataset.diagram ?? "x"}-${n++}`;
    try {
      const { svg } = await mermaid.render(id, source);
      el.innerHTML = svg;
      const drawn = el.querySelector("svg");
      if (drawn) {
        const steps = parseDiagramSteps(source);
        applyDiagramSteps(drawn, steps);
        labelDiagram(drawn, describeDiagram(drawn, steps));
      }
      el.classList.remove("diagram-runtime");
    } catch (error) {
      el.classList.add("deck-error");
      el.textContent = `mermaid: ${String((error as Error)?.message ?? error)}`;
    }
  }
}
