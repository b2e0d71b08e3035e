// What the compiler remembers between compiles (the dev server keeps one cache for hours):
// each slide's processed DOM by its rendered HTML, each diagram's post-processed SVG by its
// source and SVG. Anything a compile did not use is forgotten at its end.
import { parseHTML } from "linkedom";
import { applyDiagramSteps, parseDiagramSteps } from "../shared/diagram-steps.ts";
import { applyCommentAttributes } from "./html/comment-attributes.ts";
import { applyMathSteps } from "./html/math-steps.ts";

export interface ProcessedSlide {
  /** never changed once cached: stages that add to a slide work on a copy */
  section: Element;
  html: string;
}

export interface ProcessedDiagram {
  html: string;
  /** `%% step` targets that match no node or edge */
  missing: ReturnType<typeof applyDiagramSteps>;
}

export class CompileCache {
  private readonly slides = new Map<string, ProcessedSlide>();
  private readonly diagrams = new Map<string, ProcessedDiagram>();
  private readonly markup = new Map<string, string>();
  private readonly used = new Set<string>();

  /** Forget what the last compile did not use. */
  sweep(): void {
    for (const key of this.slides.keys()) if (!this.used.has(key)) this.slides.delete(key);
    for (const key of this.diagrams.keys()) if (!this.used.has(key)) this.diagrams.delete(key);
    for (const key of this.markup.keys()) if (!this.used.has(key)) this.markup.delete(key);
    this.used.clear();
  }

  /** Markup that is slow to make and depends on `key` alone (a live example's values, typeset
   * twice each); `make` says whether it may be kept (not when it reported a problem, which
   * the next compile must report again). */
  markupFor(key: string, make: () => { html: string; keep: boolean }): string {
    this.used.add(key);
    const hit = this.markup.get(key);
    if (hit !== undefined) return hit;
    const { html, keep } = make();
    if (keep) this.markup.set(key, html);
    return html;
  }

  /** reveal.js attribute comments, formula steps as fragments, the heading id that names
   * the slide: one slide's HTML parsed on its own. */
  processSlide(html: string): ProcessedSlide {
    this.used.add(html);
    const hit = this.slides.get(html);
    if (hit) return hit;
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const section = document.querySelector("section")!;
    applyCommentAttributes(section, document);
    applyMathSteps(section);
    liftHeadingId(section);
    const done = { section, html: section.outerHTML };
    this.slides.set(html, done);
    return done;
  }

  /** A rendered diagram sized for the slide, with its `%% step` highlights marked. */
  processDiagram(svg: string, source: string): ProcessedDiagram {
    const key = `${source}\0${svg}`; // the steps come from the source, the rest from the SVG
    this.used.add(key);
    const hit = this.diagrams.get(key);
    if (hit) return hit;
    const { document } = parseHTML(`<!doctype html><html><body><div>${scaleDiagram(svg)}</div></body></html>`);
    const root = document.querySelector("svg");
    const missing = root ? applyDiagramSteps(root, parseDiagramSteps(source)) : [];
    const done = { html: document.querySelector("div")!.innerHTML, missing };
    this.diagrams.set(key, done);
    return done;
  }
}

/** `# Title {#id}` on a slide's first heading names the slide, so `#/id` links reach it. */
function liftHeadingId(section: Element): void {
  if (section.id) return;
  const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
  if (heading?.id) {
    section.id = heading.id;
    heading.removeAttribute("id");
  }
}

/** mermaid sizes a diagram for a 16px page; slides are 1280 px wide with 32px text, so a
 * diagram may grow to DIAGRAM_SCALE times its natural width (CSS still caps it to the slide). */
const DIAGRAM_SCALE = 2.2;

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
