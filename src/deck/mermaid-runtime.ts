// Diagrams the build could not pre-render (no Chromium at build time, or the dev server):
// mermaid renders them here. mermaid.render draws in its own visible scratch element, so a
// diagram on a slide that is hidden at load time is still measured and sized right.
import mermaid from "mermaid";
import { describeDiagram, labelDiagram } from "../shared/diagram-description.ts";
import { applyDiagramSteps, parseDiagramSteps } from "../shared/diagram-steps.ts";

/** The page's runtime diagrams: each drawing is kept by its source for the page's life, so
 * that a slide the dev server sends again (its prose or a formula edited) shows a diagram
 * whose source did not change at once, without mermaid laying it out again (≈ 50–130 ms). */
export class RuntimeDiagrams {
  private readonly drawn = new Map<string, string>();
  private drawings = 0;

  constructor(config: Record<string, unknown>) {
    mermaid.initialize(config);
  }

  /** Draws every diagram of `root` still waiting for one. */
  async render(root: ParentNode): Promise<void> {
    for (const el of root.querySelectorAll<HTMLElement>(".diagram-runtime")) {
      const source = el.querySelector(".mermaid-source")?.textContent ?? "";
      try {
        el.innerHTML = this.drawn.get(source) ?? (await this.draw(el, source));
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

  private async draw(el: HTMLElement, source: string): Promise<string> {
    const { svg } = await mermaid.render(`runtime-diagram-${el.dataset.diagram ?? "x"}-${this.drawings++}`, source);
    this.drawn.set(source, svg);
    return svg;
  }
}
