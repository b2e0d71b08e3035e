// `import { plot } from "@deck/plot"` in a snippet: Observable Plot, rendered at build time
// to an SVG string (linkedom supplies the document), shown as the snippet's value.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { html, type SnippetValue } from "./snippet.ts";

export { Plot };

export interface DeckPlotOptions extends Omit<Plot.PlotOptions, "style"> {
  /** CSS for the plot's root element, as a string */
  style?: string;
  /** base font size in px for axes and labels (Plot's default is 10) */
  fontSize?: number;
  /** what the plot shows, for a screen reader (the whole figure is one image to it) */
  ariaLabel: string;
}

/** Plot writes positions with all their digits (`y1="327.86890386225303"`): a tenth of a
 * pixel is more than a slide shows, and the digits are most of a plot's bytes. */
const GEOMETRY = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "d", "transform", "points"] as const;
const roundTenths = (value: string): string => value.replace(/-?\d*\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10));

/** Plot.plot(options) as an SVG in the slide. Text uses the slide's colour. */
export function plot({ style, fontSize, ariaLabel, ...options }: DeckPlotOptions): SnippetValue {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const root = Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as Element;
  // linkedom's style objects do not serialise: set the attributes themselves.
  if (fontSize) root.setAttribute("font-size", String(fontSize));
  if (style) root.setAttribute("style", style);
  // One image with one label: Plot labels its marks' <g> elements ("line"), which ARIA does
  // not allow on an element without a role, and which say nothing to a listener anyway.
  for (const el of root.querySelectorAll("[aria-label], [aria-description]")) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const name of GEOMETRY) if (el.hasAttribute(name)) el.setAttribute(name, roundTenths(el.getAttribute(name)!));
  }
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", ariaLabel);
  return html(`<figure class="plot">${root.outerHTML}</figure>`);
}
