// Stage "diagrams": each ```mermaid fence becomes an SVG drawn at build time (by the
// session's renderer, Chromium), placed into its slot; with no renderer, or when a diagram
// fails, the browser draws it from its source. Mermaid's errors and `%% step` names that
// match nothing are reported inside the fence.
import { escapeHtml } from "../../shared/html.ts";
import { processDiagram } from "../html/diagram-svg.ts";
import type { DiagramFact } from "../model.ts";
import type { DeckState } from "../state.ts";

interface PlacedDiagram {
  html: string;
  /** drawn by mermaid in the browser */
  runtime: boolean;
}

export async function diagramsStage(state: DeckState): Promise<void> {
  const placed = await drawDiagrams(state);
  for (const slide of state.slides) {
    for (const diagram of slide.facts.diagrams) {
      const drawn = placed.get(diagram.id);
      if (!drawn) continue;
      if (drawn.runtime) state.runtimeDiagrams++;
      slide.html.slots[diagram.slot] = drawn.html;
    }
  }
}

async function drawDiagrams(state: DeckState): Promise<Map<string, PlacedDiagram>> {
  const { diagnostics } = state;
  const diagrams = state.slides.flatMap((s) => s.facts.diagrams);
  const renderer = diagrams.length > 0 ? state.services.diagrams(state.options.theme) : undefined;
  const svgs = renderer ? await renderer.render(diagrams) : undefined;
  const placed = new Map<string, PlacedDiagram>();
  for (const request of diagrams) {
    if (placed.has(request.id)) continue;
    const result = svgs?.get(request.id);
    if (result && "svg" in result) {
      const key = `${request.source}\0${result.svg}`; // the steps come from the source, the rest from the SVG
      const { html, missing } = state.cache.diagrams.remember(key, () => ({ value: processDiagram(result.svg, request.source), keep: true }));
      for (const { step, target } of missing) {
        diagnostics.error({ ...request.at, line: request.at.line + 1 + step.line }, `mermaid: step ${step.index}: no node or edge "${target}" in this diagram`);
      }
      placed.set(request.id, { html, runtime: false });
    } else {
      if (result && "error" in result) reportMermaidError(state, request, result.error);
      placed.set(request.id, { html: `<pre class="mermaid-source">${escapeHtml(request.source)}</pre>`, runtime: true });
    }
  }
  return placed;
}

/** mermaid says "Parse error on line N: …" counting from the diagram's first line (and past
 * its last line for an unexpected end): map that into the fence. */
function reportMermaidError(state: DeckState, request: DiagramFact, error: string): void {
  const diagramLines = request.source.replace(/\s+$/, "").split("\n").length;
  const lineInDiagram = Math.min(Number(/on line (\d+)/.exec(error)?.[1] ?? 0), diagramLines);
  const message = error.replace(/\s*\n\s*/g, " ").slice(0, 300);
  state.diagnostics.error({ ...request.at, line: request.at.line + lineInDiagram }, `mermaid: ${message}`);
}
