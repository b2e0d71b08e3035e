// KaTeX's own tree of a typeset formula — the tree renderToString serializes — for the
// build's changes to its markup (reveal steps, symbols that carry their values): changed in
// the tree and written out once, by KaTeX, instead of parsed into a DOM (linkedom), changed
// there and written out again. The dev server typesets an edited formula twice (as written,
// then with its symbols' values): one edit of GRU's aligned block compiled in 85–100 ms that
// way, 55–65 ms this way. KaTeX exports the tree's builder (`__renderToDomTree`, "for
// advanced use cases" in its source) without a type: the shape it has is declared here, and
// the version is pinned in package.json.
import katex, { type KatexOptions } from "katex";

/** A node of the tree: an element (a span, link, SVG or MathML element, or a symbol that
 * KaTeX writes as a span), text, or a fragment, which only holds its children. */
export interface KatexNode {
  classes?: string[];
  attributes?: Record<string, string>;
  style?: Record<string, string>;
  children?: KatexNode[];
  /** a MathML element's name */
  type?: string;
  /** a symbol's or a MathML text node's text */
  text?: string;
  /** a symbol's italic correction (KaTeX writes it as a right margin) */
  italic?: number;
  toMarkup(): string;
}

interface KatexTreeApi {
  __renderToDomTree(tex: string, options: KatexOptions): KatexNode;
  __domTree: { Span: new (classes: string[], children: KatexNode[], options?: undefined, style?: Record<string, string>) => KatexNode };
}
// the default export carries the tree API beside the typed one
const tree = katex as unknown as KatexTreeApi;

/** `tex` typeset, as KaTeX's tree (throws KaTeX's ParseError as renderToString does). */
export function typesetTree(tex: string, options: KatexOptions): KatexNode {
  return tree.__renderToDomTree(tex, options);
}

/** Whether `node` is a fragment: children but no element of its own (no attributes). */
const isFragment = (node: KatexNode): boolean => node.attributes === undefined && node.children !== undefined && node.text === undefined;

/** Whether a symbol is written as a span (with classes, a style or an italic margin) rather
 * than as bare text. */
const isSymbolSpan = (node: KatexNode): boolean =>
  node.text !== undefined && node.attributes === undefined && ((node.classes?.length ?? 0) > 0 || (node.italic ?? 0) > 0 || Object.values(node.style ?? {}).some((v) => v !== undefined));

/** Whether `node` is written as an element: what a DOM would list among its parent's children. */
const isElement = (node: KatexNode): boolean => node.attributes !== undefined || isSymbolSpan(node);

/** The element children of `node`, fragments looked through; each with the array and the
 * index it sits at (to be replaced there). */
export function elementChildren(node: KatexNode): { child: KatexNode; holder: KatexNode[]; at: number }[] {
  const found: { child: KatexNode; holder: KatexNode[]; at: number }[] = [];
  const visit = (holder: KatexNode[]): void =>
    holder.forEach((child, at) => {
      if (isFragment(child)) visit(child.children!);
      else if (isElement(child)) found.push({ child, holder, at });
    });
  visit(node.children ?? []);
  return found;
}

/** Every element in the subtree under `node` (not `node` itself), in document order. (Into
 * one array: a generator's yield* passes each node up through every level of a deep tree.) */
export function descendants(node: KatexNode, into: KatexNode[] = []): KatexNode[] {
  for (const { child } of elementChildren(node)) {
    into.push(child);
    descendants(child, into);
  }
  return into;
}

/** A copy of `node` that takes attributes, put in its place in `holder`: KaTeX uses some
 * nodes in several places of its tree (a stack's struts), which must not all change. A
 * symbol written as a span has no attributes: its copy is a span that KaTeX writes as the
 * same markup. */
export function ownCopy(node: KatexNode, holder: KatexNode[], at: number): KatexNode & { attributes: Record<string, string> } {
  const sameKind = (): KatexNode => Object.create(Object.getPrototypeOf(node) as object) as KatexNode;
  let copy: KatexNode;
  if (node.attributes) copy = Object.assign(sameKind(), node, { attributes: { ...node.attributes } });
  else {
    // the symbol's text alone (KaTeX writes a symbol with no class, style or margin as text)
    const text = Object.assign(sameKind(), node, { classes: [], style: {}, italic: 0 });
    const margin: Record<string, string> = (node.italic ?? 0) > 0 ? { marginRight: `${+node.italic!.toFixed(4)}em` } : {};
    copy = new tree.__domTree.Span([...(node.classes ?? [])], [text], undefined, { ...margin, ...node.style });
  }
  holder[at] = copy;
  return copy as KatexNode & { attributes: Record<string, string> };
}
