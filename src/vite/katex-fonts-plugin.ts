// KaTeX's stylesheet lists every font in woff2, woff and ttf (≈1 MB). Every browser we
// target reads woff2, so keep only that. For a build, go further: drop the font families
// no formula of the deck uses, subset the rest to the characters the deck's formulas
// contain (the session's FontSubsetter, cached), and inline them — the offline file then
// carries a few dozen KB of fonts instead of ≈350 KB.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";
import type { FontSubsetter } from "../session/font-subsets.ts";

export function woff2Only(css: string): string {
  return css.replace(/src:\s*url\(([^)]+\.woff2)\)\s*format\(["']woff2["']\)[^;}]*/g, (_m, url: string) => `src:url(${url}) format("woff2")`);
}

/** What a build's fonts must cover, and who cuts them. */
export interface FontSubset {
  /** every character the deck's formulas draw */
  text: string;
  /** every class name inside the deck's formulas */
  classes: Set<string>;
  subsetter: FontSubsetter;
}

/** Characters and classes of the KaTeX output in `slides`. Digits and the signs of
 * numbers are always kept, since live examples rewrite numbers in the browser. */
export function fontSubsetOf(slides: readonly Element[], subsetter: FontSubsetter): FontSubset {
  const chars = new Set("0123456789.,-−+×()[]=");
  const classes = new Set<string>();
  for (const el of slides.flatMap((slide) => [...slide.querySelectorAll(".katex-html")])) {
    for (const ch of el.textContent ?? "") chars.add(ch);
    for (const inner of [el, ...el.querySelectorAll("[class]")]) inner.classList.forEach((c) => classes.add(c));
  }
  return { text: [...chars].sort().join(""), classes, subsetter };
}

/** The families KaTeX's rules would use for the classes present; Main is the default. */
export function usedFamilies(css: string, classes: Set<string>): Set<string> {
  const used = new Set(["KaTeX_Main"]);
  for (const [, selector, family] of css.matchAll(/([^{}@]+)\{[^}]*font-family:\s*"?(KaTeX_[\w-]+)/g)) {
    // an alternative like ".katex .delimsizing.size1" applies when all its classes occur
    const alternatives = selector.split(",").map((alt) => [...alt.matchAll(/\.([\w-]+)/g)].map((m) => m[1]).filter((c) => c !== "katex"));
    if (alternatives.some((names) => names.length > 0 && names.every((c) => classes.has(c)))) used.add(family);
  }
  return used;
}

/** KaTeX's @font-face blocks, each with the woff2 file it names when the deck uses its
 * family (undefined: a family no formula uses, which is left out). */
function fontFaces(css: string, cssDir: string, subset: FontSubset): { block: string; file: string | undefined }[] {
  const families = usedFamilies(css, subset.classes);
  return [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([block]) => {
    const family = /font-family:\s*"?([\w-]+)/.exec(block)?.[1] ?? "";
    const url = /url\(([^)]+\.woff2)\)/.exec(block)?.[1];
    return { block, file: families.has(family) && url ? path.join(cssDir, url) : undefined };
  });
}

/** Start subsetting now (a cold build otherwise waits for it inside Vite's CSS step);
 * the plugin's transform later picks up the same work from the subsetter. */
export async function prewarmKatexFonts(subset: FontSubset): Promise<void> {
  const cssFile = createRequire(import.meta.url).resolve("katex/dist/katex.css");
  const css = woff2Only(await readFile(cssFile, "utf8"));
  await Promise.all(fontFaces(css, path.dirname(cssFile), subset).map(({ file }) => file && subset.subsetter.subset(file, subset.text)));
}

export function createKatexFontsPlugin(subset?: FontSubset): Plugin {
  return {
    name: "backprop-deck:katex-fonts",
    enforce: "pre",
    async transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css($|\?)/.test(id)) return undefined;
      const css = woff2Only(code);
      if (!subset) return { code: css, map: null };
      const faces = fontFaces(css, path.dirname(id.replace(/\?.*$/, "")), subset);
      const replacements = await Promise.all(
        faces.map(async ({ block, file }) => {
          if (!file) return "";
          const data = await subset.subsetter.subset(file, subset.text);
          return block.replace(/url\([^)]+\)/, `url(data:font/woff2;base64,${data.toString("base64")})`);
        }),
      );
      let out = css;
      faces.forEach(({ block }, k) => (out = out.replace(block, replacements[k])));
      return { code: out, map: null };
    },
  };
}
