// The build's changes to a typeset formula's markup as they were made before they were made
// in KaTeX's tree (src/compile/html/katex-tree.ts): the markup parsed into a DOM (linkedom),
// changed there and serialized again. An independent way to the same DOM, for tests.
import katex from "katex";
import { parseHTML } from "linkedom";
import type { ShownSymbol } from "../../src/formulas/check.ts";
import { wrapSymbols } from "../../src/compile/html/symbol-values.ts";
import { MATH_MACROS, trust } from "../../src/shared/math-macros.ts";

/** The children of a <div> holding `html`, as a DOM. */
export function holderOf(html: string): Element {
  return parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`).document.querySelector("div")!;
}

/** The DOM `html` makes, written out with each element's attributes in name order (a DOM
 * keeps attributes in no order that matters, and linkedom moves one that a change touches):
 * two markups of the same DOM come out the same. */
export function canonical(html: string): string {
  const write = (node: Node): string => {
    if (node.nodeType !== 1) return "";
    const element = node as Element;
    const attributes = [...element.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
    return `<${element.localName} ${attributes.join(" ")}>${children(element)}</${element.localName}>`;
  };
  // text in one piece: a parser may hand over text around an entity in several nodes
  const children = (parent: Node): string =>
    [...parent.childNodes]
      .map((node) => (node.nodeType === 3 ? { text: node.textContent ?? "" } : node))
      .reduce<(Node | { text: string })[]>((all, node) => {
        const last = all.at(-1);
        if ("text" in node && last && "text" in last) last.text += node.text;
        else all.push(node);
        return all;
      }, [])
      .map((node) => ("text" in node ? JSON.stringify(node.text) : write(node)))
      .join("");
  return children(holderOf(html));
}

function stepsAsFragments(holder: Element): void {
  for (const span of holder.querySelectorAll("[data-step]")) {
    const step = span.getAttribute("data-step")!;
    span.classList.add("fragment");
    if (span.getAttribute("data-fragment-style") === "hl") span.classList.add("hl", `route-${step}`);
    if (/^\d+$/.test(step)) span.setAttribute("data-fragment-index", step);
    span.removeAttribute("data-step");
    span.removeAttribute("data-fragment-style");
  }
}

/** A formula typeset with its steps made reveal.js fragments. */
export function typesetWithSteps(tex: string, macros: Record<string, string> = {}): string {
  const holder = holderOf(katex.renderToString(tex, { displayMode: true, output: "htmlAndMathml", throwOnError: true, macros: { ...MATH_MACROS, ...macros }, trust, strict: "ignore" }));
  stepsAsFragments(holder);
  return holder.innerHTML;
}

/** A checked formula typeset with its symbols carrying their values. */
export function annotatedInDom(tex: string, symbols: readonly ShownSymbol[], macros: Record<string, string>): string {
  const { tex: wrappedTex, wrapped } = wrapSymbols(tex, symbols, { ...MATH_MACROS, ...macros });
  const holder = holderOf(
    katex.renderToString(wrappedTex, {
      displayMode: true,
      output: "htmlAndMathml",
      throwOnError: true,
      macros: { ...MATH_MACROS, ...macros },
      trust: (context: { command: string; attributes?: Record<string, string> }) => trust(context) || (context.command === "\\htmlData" && Object.keys(context.attributes ?? {}).every((k) => k === "data-sym")),
      strict: "ignore",
    }),
  );
  const annotation = holder.querySelector("annotation");
  if (annotation) annotation.textContent = tex;
  stepsAsFragments(holder);
  for (const span of holder.querySelectorAll("[data-sym]")) {
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
  for (const html of holder.querySelectorAll(".katex-html")) {
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
  return holder.innerHTML;
}
