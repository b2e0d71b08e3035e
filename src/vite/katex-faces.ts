// Which of KaTeX's font faces draws each character of the deck's formulas — worked out from
// KaTeX's own stylesheet, the way the browser's cascade does it: for a text node, each of
// font-family, font-weight and font-style comes from the nearest element (up to .katex)
// that a KaTeX rule sets it on (the most specific, then the last, rule there). Each face is
// then cut to its own characters, and a face that draws nothing is left out. The suite
// checks the result against Chromium's own choice of fonts.

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
export function katexFontRules(css: string): FontRule[] {
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
      if (!selector.startsWith(".katex") || /::|:(?!not)/.test(selector)) continue;
      const specificity = (selector.match(/[.#[]/g) ?? []).length * 10 + (selector.match(/(^|[\s>+~])[a-z]/gi) ?? []).length;
      rules.push({ selector, specificity, order: order++, family, weight: weight && weightOf(weight), style });
    }
  }
  return rules;
}

/** The classes an element needs for `selector`'s last compound to match it. */
const lastClasses = (selector: string): string[] => [...(selector.split(/[\s>+~]+/).pop() ?? "").matchAll(/\.([\w-]+)/g)].map((m) => m[1]);

type FontProps = { family?: string; weight?: string; style?: string };

/** Works out faces for the elements of one deck, remembering each element's own rules. */
export class KatexFaces {
  private readonly rules: (FontRule & { needs: string[] })[];
  private readonly own = new Map<Element, FontProps>();

  constructor(css: string) {
    // weakest first: on one element, a later match overrides an earlier one
    this.rules = katexFontRules(css)
      .map((r) => ({ ...r, needs: lastClasses(r.selector) }))
      .sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  }

  /** What KaTeX's rules set on `el` itself. */
  private ownProps(el: Element): FontProps {
    let props = this.own.get(el);
    if (!props) {
      props = {};
      for (const r of this.rules) {
        if (!r.needs.every((c) => el.classList.contains(c)) || !el.matches(r.selector)) continue;
        if (r.family) props.family = r.family;
        if (r.weight) props.weight = r.weight;
        if (r.style) props.style = r.style;
      }
      this.own.set(el, props);
    }
    return props;
  }

  /** The face that draws the text directly inside `el`, an element in a .katex: each
   * property from the nearest element that sets it. */
  faceOf(el: Element): FaceKey {
    const found: FontProps = {};
    for (let e: Element | null = el; e; e = e.parentElement) {
      const props = this.ownProps(e);
      found.family ??= props.family;
      found.weight ??= props.weight;
      found.style ??= props.style;
      if (e.classList.contains("katex")) break;
    }
    return `${found.family ?? "KaTeX_Main"}|${found.weight ?? "400"}|${found.style ?? "normal"}`;
  }

  /** Every character the formulas in `roots` draw, by face. */
  charactersByFace(roots: readonly Element[]): Map<FaceKey, Set<string>> {
    const byFace = new Map<FaceKey, Set<string>>();
    for (const html of roots.flatMap((root) => [...root.querySelectorAll(".katex-html")])) {
      for (const el of [html, ...html.querySelectorAll("*")]) {
        const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? "").join("");
        if (!text) continue;
        const face = this.faceOf(el);
        let chars = byFace.get(face);
        if (!chars) byFace.set(face, (chars = new Set()));
        for (const ch of text) chars.add(ch); // spaces too: KaTeX's \text{…} draws no-break spaces
      }
    }
    return byFace;
  }
}
