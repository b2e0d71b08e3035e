// Symbols that carry their numbers: a checked formula is typeset again with each bound
// symbol wrapped in \htmlData{sym=N}{…}, and those spans get the symbol's value in the
// linked example (data-value, JSON), a label, and keyboard focus. The HTML side of KaTeX
// is hidden from screen readers (they read the MathML); the symbols are lifted out of
// that hiding so that they can be focused, each with its value as its accessible name.
import { MATH_MACROS, trust } from "../../shared/math-macros.ts";
import { descendants, elementChildren, ownCopy, typesetTree, type KatexNode } from "./katex-tree.ts";
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
  let formula: KatexNode;
  try {
    formula = typeset(shown(wrappedTex), macros);
  } catch (error) {
    return { failed: (error as Error).message };
  }
  // the tree's elements, walked once: nothing below replaces one of them but exposeSymbols
  const elements = descendants(formula);
  const annotation = elements.find((node) => node.type === "annotation")?.children?.[0];
  if (annotation) annotation.text = tex; // the TeX as written, not our wrapping
  applyMathSteps(elements);
  for (const span of elements) {
    const attributes = span.attributes;
    const index = attributes?.["data-sym"];
    if (attributes === undefined || index === undefined) continue;
    delete attributes["data-sym"];
    const symbol = wrapped[Number(index)];
    if (!symbol) continue;
    if (!span.classes?.includes("symbol-value")) (span.classes ??= []).push("symbol-value");
    attributes["data-value"] = JSON.stringify(symbol.value);
    attributes["data-value-label"] = symbol.label;
    attributes["aria-label"] = symbol.label;
    attributes.role = "img";
    attributes.tabindex = "0";
  }
  exposeSymbols(elements);
  return { html: formula.toMarkup() };
}

/** KaTeX with the deck's macros, trusting our \htmlData keys and the symbols' own. */
function typeset(tex: string, macros: Record<string, string>): KatexNode {
  return typesetTree(tex, {
    displayMode: true,
    output: "htmlAndMathml",
    throwOnError: true,
    macros: { ...MATH_MACROS, ...macros },
    trust: (context: { command: string; attributes?: Record<string, string> }) =>
      trust(context) || (context.command === "\\htmlData" && Object.keys(context.attributes ?? {}).every((k) => k === "data-sym")),
    strict: "ignore",
  });
}

const isSymbol = (node: KatexNode): boolean => node.classes?.includes("symbol-value") === true;

/** KaTeX marks its HTML aria-hidden (screen readers read the MathML). Focusable symbols
 * must not sit inside hidden content: hide every subtree that holds no symbol instead. */
function exposeSymbols(elements: readonly KatexNode[]): void {
  const holds = new Map<KatexNode, boolean>();
  const holdsSymbol = (element: KatexNode): boolean => {
    let found = holds.get(element);
    if (found === undefined) holds.set(element, (found = elementChildren(element).some(({ child }) => isSymbol(child) || holdsSymbol(child))));
    return found;
  };
  const hide = (element: KatexNode): void => {
    for (const { child, holder, at } of elementChildren(element)) {
      if (isSymbol(child)) continue;
      if (holdsSymbol(child)) hide(child);
      else ownCopy(child, holder, at).attributes["aria-hidden"] = "true";
    }
  };
  for (const html of elements.filter((node) => node.classes?.includes("katex-html"))) {
    delete html.attributes?.["aria-hidden"];
    hide(html);
  }
}
