// A diagram in words, for a screen reader: mermaid's SVG read back — its nodes by their
// labels, its arrows (solid forward, dashed backward, with their labels) and what each
// reveal step highlights — and given to the SVG as its accessible name. Pure DOM code: the
// build runs it on pre-rendered diagrams, the browser on those it draws itself.
import type { DiagramStep } from "./diagram-steps.ts";

const text = (el: Element | null | undefined): string => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

/** The diagram's nodes (id → label), read off mermaid's flowchart SVG. */
function nodesOf(svg: Element): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const g of svg.querySelectorAll("g.node[id]")) {
    const id = /-flowchart-(.+)-\d+$/.exec(g.getAttribute("id") ?? "")?.[1];
    if (id) nodes.set(id, text(g) || id);
  }
  return nodes;
}

/** An edge id's ends ("L_a_b_0"): node ids may hold underscores, so the split is where both
 * sides are nodes. */
function endsOf(edgeId: string, nodes: ReadonlyMap<string, string>): [string, string] | undefined {
  const inner = /L_(.+)_\d+$/.exec(edgeId)?.[1];
  if (!inner) return undefined;
  for (let k = inner.indexOf("_"); k > 0; k = inner.indexOf("_", k + 1)) {
    const [a, b] = [inner.slice(0, k), inner.slice(k + 1)];
    if (nodes.has(a) && nodes.has(b)) return [a, b];
  }
  return undefined;
}

export function describeDiagram(svg: Element, steps: readonly DiagramStep[]): string {
  const nodes = nodesOf(svg);
  if (nodes.size === 0) return "Diagram.";
  const arrows: string[] = [];
  for (const path of svg.querySelectorAll("path[id*='-L_'], path[id^='L_']")) {
    const id = path.getAttribute("id") ?? "";
    const ends = endsOf(id, nodes);
    if (!ends) continue;
    const label = text(svg.querySelector(`.edgeLabel .label[data-id="${id.replace(/^.*?(L_)/, "$1")}"]`));
    const dashed = /edge-pattern-(dotted|dashed)/.test(path.getAttribute("class") ?? "");
    arrows.push(`${nodes.get(ends[0])} → ${nodes.get(ends[1])}${dashed ? " (dashed, backward)" : ""}${label ? `, labelled ${label}` : ""}`);
  }
  const name = (target: string): string => {
    const edge = /^(.+?)\s*-->\s*(.+)$/.exec(target);
    return edge ? `${nodes.get(edge[1]) ?? edge[1]} → ${nodes.get(edge[2]) ?? edge[2]}` : (nodes.get(target) ?? target);
  };
  const stepped = steps.map((s) => `Step ${s.index} highlights ${s.targets.map(name).join(", ")}.`);
  return [`Diagram with ${nodes.size} node${nodes.size === 1 ? "" : "s"}: ${[...nodes.values()].join(", ")}.`, arrows.length ? `Arrows: ${arrows.join("; ")}.` : "", ...stepped].filter(Boolean).join(" ");
}

/** The SVG made one image for assistive technology, named by its description. */
export function labelDiagram(svg: Element, description: string): void {
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", description);
  svg.setAttribute("aria-roledescription", "diagram");
}
