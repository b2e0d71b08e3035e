// `import { plot } from "@deck/plot"` in a snippet: Observable Plot, rendered at build time
// to an SVG string (linkedom supplies the document), shown as the snippet's value.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { html, type DeckValue } from "./helpers.ts";

export { Plot };

/** Plot.plot(options) as an SVG in the slide. Text uses the slide's colour. */
export function plot(options: Plot.PlotOptions): DeckValue {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const figure = Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as { outerHTML: string };
  return html(`<figure class="plot">${figure.outerHTML}</figure>`);
}
