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
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", ariaLabel);
  return html(`<figure class="plot">${root.outerHTML}</figure>`);
}
