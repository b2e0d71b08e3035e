// Stage "diagrams": each ```mermaid fence becomes an SVG drawn at build time (by the
// session's renderer, Chromium), placed into its slide's DOM; with no renderer, or when a
// diagram fails, the browser draws it from its source. Mermaid's errors and `%% step` names
// that match nothing are reported inside the fence.
import { escapeHtml } from "../../shared/html.ts";
import type { DiagramRequest } from "../markdown/env.ts";
import { editLeaf, type DeckState } from "../state.ts";

interface PlacedDiagram {
  html: string;
  /** drawn by mermaid in the browser */
  runtime: boolean;
}

export async function diagramsStage(state: DeckState): Promise<void> {
  const placed = await drawDiagrams(state);
  state.leaves.forEach((leaf, k) => {
    if (!leaf.querySelector(".diagram[data-diagram]")) return;
    for (const holder of editLeaf(state, k).querySelectorAll(".diagram[data-diagram]")) {
      const diagram = placed.get(holder.getAttribute("data-diagram")!);
      if (!diagram) continue;
      if (diagram.runtime) {
        holder.classList.add("diagram-runtime");
        state.runtimeDiagrams++;
      }
      holder.innerHTML = diagram.html;
    }
  });
}

async function drawDiagrams(state: DeckState): Promise<Map<string, PlacedDiagram>> {
  const { diagrams, diagnostics } = state;
  const renderer = diagrams.length > 0 ? state.services.diagrams(state.options.theme) : undefined;
  const svgs = renderer ? await renderer.render(diagrams) : undefined;
  const placed = new Map<string, PlacedDiagram>();
  for (const request of diagrams) {
    if (placed.has(request.id)) continue;
    const result = svgs?.get(request.id);
    if (result && "svg" in result) {
      const { html, missing } = state.cache.processDiagram(result.svg, request.source);
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
function reportMermaidError(state: DeckState, request: DiagramRequest, error: string): void {
  const diagramLines = request.source.replace(/\s+$/, "").split("\n").length;
  const lineInDiagram = Math.min(Number(/on line (\d+)/.exec(error)?.[1] ?? 0), diagramLines);
  const message = error.replace(/\s*\n\s*/g, " ").slice(0, 300);
  state.diagnostics.error({ ...request.at, line: request.at.line + lineInDiagram }, `mermaid: ${message}`);
}
