// A diagram's SVG as mermaid drew it, made ready for its slide: numbers rounded, sized for
// the 1280-px frame, its `%% step` targets marked as reveal fragments, and named in words.
import { parseHTML } from "linkedom";
import { describeDiagram, labelDiagram } from "../../shared/diagram-description.ts";
import { applyDiagramSteps, parseDiagramSteps } from "../../shared/diagram-steps.ts";
import type { ProcessedDiagram } from "../cache.ts";

/** mermaid sizes a diagram for a 16px page; slides are 1280 px wide with 32px text, so a
 * diagram may grow to DIAGRAM_SCALE times its natural width (CSS still caps it to the slide). */
const DIAGRAM_SCALE = 2.2;

export function processDiagram(svg: string, source: string): ProcessedDiagram {
  const { document } = parseHTML(`<!doctype html><html><body><div>${scaleDiagram(svg)}</div></body></html>`);
  const root = document.querySelector("svg");
  const steps = parseDiagramSteps(source);
  const missing = root ? applyDiagramSteps(root, steps) : [];
  // a screen reader reads the diagram's nodes, arrows and steps in words
  if (root) labelDiagram(root, describeDiagram(root, steps));
  return { html: document.querySelector("div")!.innerHTML, missing };
}

function scaleDiagram(svg: string): string {
  return roundSvgNumbers(svg).replace(/(<svg[^>]*?style="[^"]*?)max-width:\s*([\d.]+)px;?/, (_m, head: string, width: string) => `${head}max-width: ${Math.round(Number(width) * DIAGRAM_SCALE)}px;`);
}

/** mermaid writes coordinates with up to 15 decimals; two are plenty at any zoom, and the
 * offline file is a third smaller for it. Only geometry attributes are touched. */
function roundSvgNumbers(svg: string): string {
  return svg.replace(/\b(d|points|transform|viewBox|x|y|x1|x2|y1|y2|width|height|cx|cy|r|rx|ry)="([^"]*)"/g, (_m, name: string, value: string) =>
    `${name}="${value.replace(/(-?\d+\.\d{3,})/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`,
  );
}
