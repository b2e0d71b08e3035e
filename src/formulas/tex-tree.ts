// Formulas as KaTeX parses them (katex-parser.ts): the very tree KaTeX renders from, so
// what is checked is exactly what is shown. Helpers to read it: transparent wrappers (\hl,
// \step, \stepat, \textstyle) spliced away, a canonical TeX spelling of a subtree, and
// where a subtree is in the source.
import type { TexNode } from "./katex-parser.ts";

export { parseTex, type TexNode } from "./katex-parser.ts";

export function isNode(value: unknown): value is TexNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** A node's children in a list field (body of an ordgroup, of \hl, …). */
export function listOf(value: unknown): TexNode[] {
  if (Array.isArray(value)) return value.filter(isNode);
  if (isNode(value)) return value.type === "ordgroup" ? listOf(value.body) : [value];
  return [];
}

/** Wrappers that change how a formula is revealed or styled, not what it says: \hl, \step
 * and \stepat (KaTeX's "html" node), \textstyle and friends ("styling"), \color. */
const TRANSPARENT: ReadonlySet<string> = new Set(["html", "styling", "color", "sizing"]);

/** The nodes of a list with transparent wrappers replaced by their contents. */
export function splice(nodes: readonly TexNode[]): TexNode[] {
  return nodes.flatMap((n) => {
    if (TRANSPARENT.has(n.type)) return splice(listOf(n.body));
    if (n.type === "ordgroup" && listOf(n.body).length === 0) return []; // `{}` as in `&{}=`
    return [n];
  });
}

/** A cell of an aligned block: its styling and group wrappers removed. */
export function cellContents(cell: unknown): TexNode[] {
  const nodes = splice(listOf(isNode(cell) && cell.type === "styling" ? cell.body : cell));
  return nodes.length === 1 && nodes[0].type === "ordgroup" ? cellContents(nodes[0]) : nodes;
}

/** The [start, end) of a node in the source TeX, from its leaves that come from the source
 * (not from a macro's body); undefined when none does. */
export function sourceRange(node: TexNode | readonly TexNode[], source: string): [number, number] | undefined {
  let start = Infinity;
  let end = -Infinity;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    if (value.loc && value.loc.lexer.input === source) {
      start = Math.min(start, value.loc.start);
      end = Math.max(end, value.loc.end);
    }
    for (const [key, child] of Object.entries(value)) if (key !== "loc") visit(child);
  };
  visit(node);
  return Number.isFinite(start) ? [start, end] : undefined;
}

/** Index-like script contents: letters, digits, + and −, and the wildcard ∗. */
export function isIndexLike(nodes: readonly TexNode[]): boolean {
  return nodes.length > 0 && nodes.every((n) => ((n.type === "mathord" || n.type === "textord") && /^([A-Za-z0-9]|\\ast)$/.test(String(n.text))) || (n.type === "atom" && /^([+\-*]|\\ast)$/.test(String(n.text))));
}

/** The script's text as written, e.g. "t-1" (for index-like scripts). */
export function scriptText(nodes: readonly TexNode[]): string {
  return nodes.map((n) => (String(n.text) === "\\ast" ? "*" : String(n.text))).join("");
}

/** A canonical TeX spelling of nodes: no spaces, arguments and scripts always braced,
 * wrappers spliced. With `slots`, index-like scripts become "⟨⟩" and their text is pushed
 * onto `slots` in order (a symbol's key, with its indices apart). */
export function canon(nodes: TexNode | readonly TexNode[], slots?: string[]): string {
  const list = splice(Array.isArray(nodes) ? nodes : [nodes as TexNode]);
  // a space after a control word that a letter follows: \partial f, not \partialf
  return list.map((n) => canonNode(n, slots)).reduce((out, piece) => (/\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(piece) ? `${out} ${piece}` : out + piece), "");
}

function script(value: unknown, mark: "^" | "_", slots?: string[]): string {
  if (!isNode(value)) return "";
  const nodes = splice(listOf(value));
  if (slots && isIndexLike(nodes)) {
    slots.push(scriptText(nodes));
    return `${mark}{⟨⟩}`;
  }
  return `${mark}{${canon(nodes, slots)}}`;
}

function canonNode(n: TexNode, slots?: string[]): string {
  switch (n.type) {
    case "mathord":
    case "textord":
    case "atom":
      return String(n.text);
    case "spacing":
    case "kern":
      return "";
    case "font":
      return `\\${String(n.font)}{${canon(listOf(n.body), slots)}}`;
    case "accent":
      return `${String(n.label)}{${canon(listOf(n.base), slots)}}`;
    case "ordgroup":
      return canon(listOf(n.body), slots);
    case "supsub":
      return `${isNode(n.base) ? canon(n.base, slots) : ""}${script(n.sub, "_", slots)}${script(n.sup, "^", slots)}`;
    case "genfrac":
      return `\\frac{${canon(listOf(n.numer), slots)}}{${canon(listOf(n.denom), slots)}}`;
    case "op":
      return n.name ? String(n.name) : `\\operatorname{${canon(listOf(n.body))}}`;
    case "operatorname":
      return `\\operatorname{${canon(listOf(n.body))}}`;
    case "delimsizing":
      return String(n.delim);
    case "leftright":
      return `\\left${String(n.left)}${canon(listOf(n.body), slots)}\\right${String(n.right)}`;
    default:
      return `\\${n.type}`;
  }
}

/** Commands whose arguments may be written without braces (\mathbf b), by how many. */
const ARITY: Readonly<Record<string, number>> = {
  mathbf: 1, mathrm: 1, mathit: 1, mathsf: 1, mathtt: 1, mathcal: 1, mathbb: 1, boldsymbol: 1, bm: 1,
  bar: 1, hat: 1, tilde: 1, vec: 1, dot: 1, ddot: 1, overline: 1, underline: 1, widehat: 1, widetilde: 1,
  operatorname: 1, text: 1, sqrt: 1, frac: 2, tfrac: 2, dfrac: 2, binom: 2,
};

/** How many arguments a control word takes: KaTeX's common ones, or a deck macro's
 * highest #n. */
function arityOf(name: string, macros: Readonly<Record<string, string>>): number {
  const body = macros[`\\${name}`];
  if (body !== undefined) return Math.max(0, ...[...body.matchAll(/#(\d)/g)].map((m) => Number(m[1])));
  return ARITY[name] ?? 0;
}

/** The [start, end) of whole TeX items around [a, b): a control word with its arguments
 * (braced or not) and scripts, or a character with its scripts, within the innermost brace
 * group holding the range — so that wrapping the range keeps the TeX well formed. */
export function itemRange(tex: string, [a, b]: [number, number], macros: Readonly<Record<string, string>> = {}): [number, number] {
  // the innermost {…} around all of [a, b): groups open at a, less those that close before b
  const stack: number[] = [];
  let depthAtA = 0;
  for (let k = 0; k < b; k++) {
    if (k === a) depthAtA = stack.length;
    if (tex[k] === "\\") k++;
    else if (tex[k] === "{") stack.push(k);
    else if (tex[k] === "}") {
      stack.pop();
      if (k >= a) depthAtA = Math.min(depthAtA, stack.length);
    }
  }
  const open = depthAtA > 0 ? stack.slice(0, depthAtA).pop()! : -1;
  const skipGroup = (at: number): number => {
    let depth = 0;
    for (let j = at; j < tex.length; j++) {
      if (tex[j] === "\\") j++;
      else if (tex[j] === "{") depth++;
      else if (tex[j] === "}" && --depth === 0) return j + 1;
    }
    return tex.length;
  };
  /** One token from `at`: a braced group, a control word or symbol, or a character. */
  const token = (at: number): number => {
    if (tex[at] === "{") return skipGroup(at);
    if (tex[at] === "\\") {
      let k = at + 1;
      if (/[A-Za-z]/.test(tex[k] ?? "")) while (/[A-Za-z]/.test(tex[k] ?? "")) k++;
      else k++;
      return k;
    }
    return at + 1;
  };
  const items: [number, number][] = [];
  let k = open + 1;
  while (k < tex.length && tex[k] !== "}") {
    if (/\s/.test(tex[k])) {
      k++;
      continue;
    }
    const start = k;
    k = token(k);
    const word = /^\\([A-Za-z]+)$/.exec(tex.slice(start, k))?.[1];
    if (word) {
      for (let n = arityOf(word, macros); n > 0; n--) {
        while (tex[k] === " ") k++;
        k = token(k);
      }
      while (tex[k] === "{") k = skipGroup(k);
    }
    // scripts and primes belong to the item
    for (;;) {
      if (tex[k] === "'") k++;
      else if (tex[k] === "^" || tex[k] === "_") {
        k++;
        while (tex[k] === " ") k++;
        k = token(k);
      } else break;
    }
    items.push([start, k]);
  }
  const first = items.find(([s, e]) => s <= a && a < e) ?? [a, b];
  const last = [...items].reverse().find(([s, e]) => s < b && b <= e) ?? [a, b];
  return [Math.min(first[0], a), Math.max(last[1], b)];
}

/** The delimiter a node opens or closes, if it is one: `(` as an atom, \bigl( as a sized
 * delimiter. */
export function delimiter(n: TexNode): { side: "open" | "close"; text: string } | undefined {
  if (n.type === "supsub" && isNode(n.base)) return delimiter(n.base); // a closing ) with a power
  if (n.type === "atom" && (n.family === "open" || n.family === "close")) return { side: n.family, text: String(n.text) };
  if (n.type === "delimsizing" && (n.mclass === "mopen" || n.mclass === "mclose")) return { side: n.mclass === "mopen" ? "open" : "close", text: String(n.delim) };
  return undefined;
}
