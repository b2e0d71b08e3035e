// Which of KaTeX's font faces draws each character of the deck's formulas — worked out from
// KaTeX's own stylesheet, the way the browser's cascade does it: for a text node, each of
// font-family, font-weight and font-style comes from the nearest element (up to .katex)
// that a KaTeX rule sets it on (the most specific, then the last, rule there). Each face is
// then cut to its own characters, and a face that draws nothing is left out. It reads the
// slides' HTML as text (KaTeX's markup is regular, and a DOM walk of a whole deck took a
// third of a second); the suite checks the result against Chromium's own choice of fonts.

/** "KaTeX_Main|700|normal": a font family with its weight and style. */
export type FaceKey = string;

interface FontRule {
  selector: string;
  specificity: number;
  order: number;
  family?: string;
  weight?: string;
  style?: string;
}

const weightOf = (value: string): string => (value === "bold" ? "700" : value === "normal" ? "400" : value);

/** KaTeX's rules that set a font's family, weight or style (not its @font-face blocks). */
function katexFontRules(css: string): FontRule[] {
  const rules: FontRule[] = [];
  let order = 0;
  for (const [, selectors, body] of css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}@]+)\{([^}]*)\}/g)) {
    const prop = (name: string): string | undefined => new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`).exec(body)?.[1].trim();
    const shorthand = /(?:^|;)\s*font\s*:\s*([^;]+)/.exec(body)?.[1];
    // `.katex { font: normal 1.21em KaTeX_Main, … }`: style and weight normal, the family first named
    const fromShorthand = shorthand ? { family: /\b(KaTeX_\w+)/.exec(shorthand)?.[1], weight: "400", style: "normal" } : {};
    const family = prop("font-family")?.split(",")[0].replace(/["']/g, "").trim() ?? fromShorthand.family;
    const weight = prop("font-weight") ?? fromShorthand.weight;
    const style = prop("font-style") ?? fromShorthand.style;
    if (!family && !weight && !style) continue;
    for (const selector of selectors.split(",").map((s) => s.trim().replace(/\s+/g, " "))) {
      // KaTeX's own rules start at a formula's element (charactersByFace reads only formulas)
      if (!/^\.katex(?![\w-])/.test(selector) || /::|:(?!not)/.test(selector)) continue;
      const specificity = (selector.match(/[.#[]/g) ?? []).length * 10 + (selector.match(/(^|[\s>+~])[a-z]/gi) ?? []).length;
      rules.push({ selector, specificity, order: order++, family, weight: weight && weightOf(weight), style });
    }
  }
  return rules;
}

/** One compound of a selector ("span.a.b") and how it joins the one before it. */
interface Compound {
  tag?: string;
  classes: string[];
  /** to the compound on its left: " " any ancestor, ">" the parent */
  join: " " | ">";
}

/** An element on the way down: its name, its classes, what it passes down. */
interface Open {
  tag: string;
  classes: Set<string>;
  props: FontProps;
  /** inside a live example's number (the browser may write other digits there) */
  live: boolean;
}

/** An element as the cascade sees it — its name, classes and liveness under its ancestors'
 * — with what it passes down worked out once: a deck's formulas repeat a few thousand such
 * chains over hundreds of thousands of elements. */
interface Place extends Open {
  /** the elements met inside it, by their own name, liveness and class attribute */
  readonly below: Map<string, Place>;
}

type FontProps = { family?: string; weight?: string; style?: string };

/** The characters found so far, by face, and the faces that draw a live example's numbers. */
type FacesFound = { byFace: Map<FaceKey, Set<string>>; liveFaces: Set<FaceKey> };

function compounds(selector: string): Compound[] {
  const parts = selector.replace(/\s*>\s*/g, " > ").split(" ");
  const out: Compound[] = [];
  let join: Compound["join"] = " ";
  for (const part of parts) {
    if (part === ">") {
      join = ">";
      continue;
    }
    out.push({ tag: /^[a-z][\w-]*/i.exec(part)?.[0].toLowerCase(), classes: [...part.matchAll(/\.([\w-]+)/g)].map((m) => m[1]), join });
    join = " ";
  }
  return out;
}

const fits = (c: Compound, e: Open): boolean => (!c.tag || c.tag === e.tag) && c.classes.every((x) => e.classes.has(x));

/** Whether `path` (the element last, its ancestors before it) matches the compounds. */
function matches(cs: readonly Compound[], path: readonly Open[]): boolean {
  let at = path.length - 1;
  if (!fits(cs[cs.length - 1], path[at])) return false;
  for (let k = cs.length - 2; k >= 0; k--) {
    const child = cs[k + 1];
    if (child.join === ">") {
      if (!fits(cs[k], path[--at] ?? { tag: "", classes: new Set(), props: {}, live: false })) return false;
    } else {
      do at--;
      while (at >= 0 && !fits(cs[k], path[at]));
      if (at < 0) return false;
    }
  }
  return true;
}

const NO_PROPS: Readonly<FontProps> = {};
/** How KaTeX marks a formula's element (an escaped one in a code block reads &quot;). */
const FORMULA = 'class="katex"';
/** A tag (closing?, name, attributes, self-closing?) or text. */
const TOKEN = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>|([^<]+)/;
const VOID: ReadonlySet<string> = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decode = (text: string): string =>
  text.replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

/** Works out faces for the formulas of one deck from its HTML. */
export class KatexFaces {
  /** weakest first: on one element, a later match overrides an earlier one */
  private readonly rules: (FontRule & { compounds: Compound[] })[];
  /** the rules whose last compound names a class, by that class; the rest by element name */
  private readonly byClass = new Map<string, Set<FontRule>>();
  private readonly byTag = new Map<string, Set<FontRule>>();

  constructor(css: string) {
    this.rules = katexFontRules(css)
      .map((r) => ({ ...r, compounds: compounds(r.selector) }))
      .sort((a, b) => a.specificity - b.specificity || a.order - b.order);
    for (const r of this.rules) {
      const last = r.compounds[r.compounds.length - 1];
      const [index, key] = last.classes.length > 0 ? [this.byClass, last.classes[0]] : [this.byTag, last.tag ?? "*"];
      index.set(key, (index.get(key) ?? new Set()).add(r));
    }
  }

  /** What the element last in `path` passes down: its own rules over what it inherits. */
  private propsAt(path: readonly Open[], inherited: FontProps): FontProps {
    const element = path[path.length - 1];
    // most of KaTeX's elements have no font rule of their own: pass down what they got
    if (!this.byTag.has(element.tag) && !this.byTag.has("*") && ![...element.classes].some((c) => this.byClass.has(c))) return inherited;
    const own: FontProps = {};
    const candidates = new Set([...(this.byTag.get(element.tag) ?? []), ...(this.byTag.get("*") ?? [])]);
    for (const c of element.classes) for (const r of this.byClass.get(c) ?? []) candidates.add(r);
    for (const r of this.rules) {
      if (!candidates.has(r) || !matches(r.compounds, path)) continue;
      if (r.family) own.family = r.family;
      if (r.weight) own.weight = r.weight;
      if (r.style) own.style = r.style;
    }
    return { family: own.family ?? inherited.family, weight: own.weight ?? inherited.weight, style: own.style ?? inherited.style };
  }

  /** Every character the formulas in `slides` (HTML) draw, by face; and the faces that draw
   * a live example's numbers. Only formulas are read: KaTeX's font rules all start at
   * `.katex` (katexFontRules keeps no other), so what is around a formula changes nothing. */
  charactersByFace(slides: readonly string[]): FacesFound {
    const found: FacesFound = { byFace: new Map(), liveFaces: new Set() };
    const formulas = new Map<string, Place>(); // a formula's own element, the first of its chains
    for (const html of slides) {
      for (let at = html.indexOf(FORMULA); at >= 0; at = html.indexOf(FORMULA, at)) {
        at = this.readFormula(html, html.lastIndexOf("<", at), formulas, found);
      }
    }
    return found;
  }

  /** The element `tag` with `classAttribute` opened below `path` (its ancestors, the
   * nearest last), from `opened` (those already met below the same ancestors) or made. */
  private placeOf(path: readonly Place[], opened: Map<string, Place>, tag: string, classAttribute: string | undefined, liveHere: boolean): Place {
    const live = (path[path.length - 1]?.live ?? false) || liveHere;
    const key = `${tag} ${live ? 1 : 0} ${classAttribute ?? ""}`;
    const known = opened.get(key);
    if (known) return known;
    const classes = new Set(classAttribute ? classAttribute.split(" ").filter(Boolean) : []);
    const place: Place = { tag, classes, props: NO_PROPS, live, below: new Map() };
    place.props = this.propsAt([...path, place], path[path.length - 1]?.props ?? NO_PROPS);
    opened.set(key, place);
    return place;
  }

  /** Reads the formula whose element starts at `start` in `html` into `found`; where it
   * ends. `formulas`: the places of the formulas' own elements met so far. */
  private readFormula(html: string, start: number, formulas: Map<string, Place>, found: FacesFound): number {
    const path: Place[] = [];
    /** how deep the .katex-html being read is (-1: none) */
    let inFormula = -1;
    const tokens = new RegExp(TOKEN.source, "gy");
    tokens.lastIndex = start;
    for (let m = tokens.exec(html); m; m = tokens.exec(html)) {
      const [, closing, name, attributes, selfClosing, text] = m;
      if (text !== undefined) {
        if (inFormula >= 0) this.addText(path[path.length - 1], text, found);
        continue;
      }
      const tag = name.toLowerCase();
      if (closing) {
        // close up to the element of this name (HTML a formula writes is well formed)
        while (path.length > 0 && path.pop()!.tag !== tag);
        if (path.length <= inFormula) inFormula = -1;
        if (path.length === 0) return tokens.lastIndex; // the formula's own element closed
        continue;
      }
      const classAttribute = /\bclass="([^"]*)"/.exec(attributes)?.[1];
      if (classAttribute === "katex-mathml") {
        // MathML, for screen readers: drawn in no font; it holds no <span>, so the first
        // </span> closes it
        const end = html.indexOf("</span>", tokens.lastIndex);
        if (end < 0) return html.length;
        tokens.lastIndex = end + "</span>".length;
        continue;
      }
      const place = this.placeOf(path, path[path.length - 1]?.below ?? formulas, tag, classAttribute, attributes.includes("data-live-n="));
      path.push(place);
      if (place.classes.has("katex-html") && inFormula < 0) inFormula = path.length - 1;
      if (selfClosing || VOID.has(tag)) path.pop();
      if (path.length === 0) return tokens.lastIndex;
    }
    return html.length;
  }

  /** `text`'s characters, drawn in the face `element` passes down. */
  private addText(element: Open | undefined, text: string, found: FacesFound): void {
    if (!element) return;
    const { family = "KaTeX_Main", weight = "400", style = "normal" } = element.props;
    const key = `${family}|${weight}|${style}`;
    if (element.live) found.liveFaces.add(key);
    const face = found.byFace.get(key) ?? new Set<string>();
    found.byFace.set(key, face);
    for (const ch of decode(text)) face.add(ch); // spaces too: KaTeX's \text{…} draws no-break spaces
  }
}
