// Strokes as SVG: perfect-freehand turns a stroke's points into the outline of a pen line
// (smoothed, thinner where the pen pressed less), drawn as one filled path in slide
// coordinates. Also the eraser's question: does a circle touch a stroke?
import { getStroke } from "perfect-freehand";
import { HIGHLIGHTER, type Stroke } from "../../shared/drawing-format.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** The stroke's points as perfect-freehand takes them. */
function inputPoints(points: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < points.length; k += 3) out.push([points[k], points[k + 1], points[k + 2]]);
  return out;
}

/** A closed outline as path data (quadratic curves through the midpoints, as
 * perfect-freehand's documentation draws it), numbers to 0.01 px. */
function outlineToPath(outline: number[][]): string {
  if (outline.length < 2) return "";
  const n = (v: number): string => String(Math.round(v * 100) / 100);
  const [first] = outline;
  const parts = [`M${n(first[0])} ${n(first[1])}Q`];
  for (let k = 0; k < outline.length; k++) {
    const [x0, y0] = outline[k];
    const [x1, y1] = outline[(k + 1) % outline.length];
    parts.push(`${n(x0)} ${n(y0)} ${n((x0 + x1) / 2)} ${n((y0 + y1) / 2)}`);
  }
  return `${parts.join(" ")}Z`;
}

/** Path data for a stroke; `done`: false while it is still being drawn. */
export function strokePath(stroke: Pick<Stroke, "tool" | "size" | "points">, done = true): string {
  const points = inputPoints(stroke.points);
  // a mouse or a finger gives no pressure (the layer keeps 0.5): perfect-freehand then
  // thins the line with speed, as a pen would
  const simulatePressure = points.every((p) => p[2] === 0.5);
  const highlighter = stroke.tool === HIGHLIGHTER;
  return outlineToPath(
    getStroke(points, {
      size: stroke.size,
      thinning: highlighter ? 0 : 0.55,
      smoothing: 0.5,
      streamline: 0.4,
      simulatePressure: highlighter ? false : simulatePressure,
      start: { cap: true },
      end: { cap: true },
      last: done,
    }),
  );
}

/** An SVG path element for a stroke (its colour and tool as classes, see drawing.css);
 * `d`: its path data when known already. */
export function strokeElement(doc: Document, stroke: Stroke, done = true, d = strokePath(stroke, done)): SVGPathElement {
  const path = doc.createElementNS(SVG_NS, "path");
  path.setAttribute("d", d);
  path.setAttribute("class", `drawing-stroke drawing-c${stroke.color}${stroke.tool === HIGHLIGHTER ? " drawing-highlighter" : ""}`);
  path.setAttribute("data-stroke-id", String(stroke.id));
  return path;
}

/** Whether a circle (slide coordinates) touches the stroke's line. */
export function touches(stroke: Stroke, x: number, y: number, radius: number): boolean {
  const reach = radius + stroke.size / 2;
  const p = stroke.points;
  if (p.length === 3) return Math.hypot(p[0] - x, p[1] - y) <= reach;
  for (let k = 0; k + 3 < p.length; k += 3) {
    if (distanceToSegment(x, y, p[k], p[k + 1], p[k + 3], p[k + 4]) <= reach) return true;
  }
  return false;
}

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
  return Math.hypot(ax + t * dx - x, ay + t * dy - y);
}

export function svgElement(doc: Document, className: string, width: number, height: number): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", className);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("aria-hidden", "true");
  return svg;
}
