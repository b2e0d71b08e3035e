// Symbols that carry their numbers: a checked formula is typeset again with each bound
// symbol wrapped in \htmlData{sym=N}{…}, and those spans get the symbol's value in the
// linked example (data-value, JSON), a label, and keyboard focus. The HTML side of KaTeX
// is hidden from screen readers (they read the MathML); the symbols are lifted out of
// that hiding so that they can be focused, each with its value as its accessible name.
import katex from "katex";
import { parseHTML } from "linkedom";
import { MATH_MACROS, trust } from "../../shared/math-macros.ts";
import { applyMathSteps } from "./math-steps.ts";
import type { ShownSymbol } from "../../formulas/check.ts";
import { itemRange } from "../../formulas/tex-tree.ts";

/** `tex` with each symbol's items wrapped in \htmlData{sym=N}{…}; the symbols kept (N is
 * the index into the result) — overlapping ones are left out. */
export function wrapSymbols(tex: string, symbols: readonly ShownSymbol[], macros: Readonly<Record<string, string>> = {}): { tex: string; wrapped: ShownSymbol[] } {
  const ranges = symbols.map((s) => ({ symbol: s, range: itemRange(tex, s.range, macros) })).sort((x, y) => x.range[0] - y.range[0]);
  const kept: typeof ranges = [];
  for (const r of ranges) if (!kept.length || kept[kept.length - 1].range[1] <= r.range[0]) kept.push(r);
  let out = tex;
  for (let n = kept.length - 1; n >= 0; n--) {
    const [a, b] = kept[n].range;
    out = `${out.slice(0, a)}\\htmlData{sym=${n}}{${out.slice(a, b)}}${out.slice(b)}`;
  }
  return { tex: out, wrapped: kept.map((r) => r.symbol) };
}

/** A display formula typeset again with its symbols carrying their values, or why it could
 * not be (the formula then stays as it was); `shown` makes the TeX as it is shown (its
 * labels as numbers). */
export function annotateFormula(tex: string, symbols: readonly ShownSymbol[], macros: Record<string, string>, shown: (tex: string) => string = (t) => t): { html: string } | { failed: string } {
  const { tex: wrappedTex, wrapped } = wrapSymbols(tex, symbols, { ...MATH_MACROS, ...macros });
  let html: string;
  try {
    html = typeset(shown(wrappedTex), macros);
  } catch (error) {
    return { failed: (error as Error).message };
  }
  const { document } = parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`);
  const display = document.querySelector("div")!;
  const annotation = display.querySelector("annotation");
  if (annotation) annotation.textContent = tex; // the TeX as written, not our wrapping
  applyMathSteps(display);
  for (const span of display.querySelectorAll("[data-sym]")) {
    const symbol = wrapped[Number(span.getAttribute("data-sym"))];
    span.removeAttribute("data-sym");
    if (!symbol) continue;
    span.classList.add("symbol-value");
    span.setAttribute("data-value", JSON.stringify(symbol.value));
    span.setAttribute("data-value-label", symbol.label);
    span.setAttribute("aria-label", symbol.label);
    span.setAttribute("role", "img");
    span.setAttribute("tabindex", "0");
  }
  exposeSymbols(display);
  return { html: display.innerHTML };
}

/** KaTeX with the deck's macros, trusting our \htmlData keys and the symbols' own. */
function typeset(tex: string, macros: Record<string, string>): string {
  return katex.renderToString(tex, {
    displayMode: true,
    output: "htmlAndMathml",
    throwOnError: true,
    macros: { ...MATH_MACROS, ...macros },
    trust: (context: { command: string; attributes?: Record<string, string> }) =>
      trust(context) || (context.command === "\\htmlData" && Object.keys(context.attributes ?? {}).every((k) => k === "data-sym")),
    strict: "ignore",
  });
}

/** KaTeX marks its HTML aria-hidden (screen readers read the MathML). Focusable symbols
 * must not sit inside hidden content: hide every subtree that holds no symbol instead. */
function exposeSymbols(display: Element): void {
  for (const html of display.querySelectorAll(".katex-html")) {
    html.removeAttribute("aria-hidden");
    const hide = (el: Element): void => {
      for (const child of [...el.children]) {
        if (child.classList.contains("symbol-value")) continue;
        if (child.querySelector(".symbol-value")) hide(child);
        else child.setAttribute("aria-hidden", "true");
      }
    };
    hide(html);
  }
}
