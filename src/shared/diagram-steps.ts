// Reveal steps inside mermaid diagrams, in step with an equation. A diagram source line
//   %% step N: a, b, a-->b
// (a mermaid comment, so mermaid ignores it) highlights nodes a and b and the edge a → b
// while reveal step N is current, like \hl{N}{…} in a formula. Pure DOM code, used by the
// build on pre-rendered SVG and by the browser on diagrams it draws itself.

export interface DiagramStep {
  index: number;
  targets: string[];
  /** 0-based line within the diagram source */
  line: number;
}

const STEP = /^\s*%%\s*step\s+(\d+)\s*:\s*(.+)$/;

export function parseDiagramSteps(source: string): DiagramStep[] {
  return source.split("\n").flatMap((text, line) => {
    const m = STEP.exec(text);
    if (!m) return [];
    return [{ index: Number(m[1]), targets: m[2].split(",").map((t) => t.trim()).filter(Boolean), line }];
  });
}

function matches(el: Element, target: string): boolean {
  const id = el.getAttribute("id") ?? "";
  const edge = /^(.+?)\s*-->\s*(.+)$/.exec(target);
  if (edge) return new RegExp(`-L_${escape(edge[1])}_${escape(edge[2])}_\\d+$`).test(id);
  return el.classList.contains("node") && new RegExp(`-flowchart-${escape(target)}-\\d+$`).test(id);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A `%% step` target that matches no node or edge. */
export interface DiagramStepMiss {
  step: DiagramStep;
  target: string;
}

/** Marks the steps' targets as reveal fragments; returns the targets found nowhere. */
export function applyDiagramSteps(svg: Element, steps: readonly DiagramStep[]): DiagramStepMiss[] {
  const missing: DiagramStepMiss[] = [];
  const candidates = [...svg.querySelectorAll("g.node[id], path[id]")];
  for (const step of steps) {
    for (const target of step.targets) {
      const hits = candidates.filter((el) => matches(el, target));
      if (hits.length === 0) missing.push({ step, target });
      for (const el of hits) {
        el.classList.add("fragment", "hl", `route-${step.index}`); // the route's colour (reveal renumbers indices)
        el.setAttribute("data-fragment-index", String(step.index));
      }
    }
  }
  return missing;
}
