// KaTeX's stylesheet lists every font in woff2, woff and ttf (≈1 MB). Every browser we
// target reads woff2, so keep only that. For a build, go further: drop the font families
// no formula of the deck uses, subset the rest to the characters the deck's formulas
// contain, and inline them — the offline file then carries a few dozen KB of fonts
// instead of ≈350 KB. Subsets are cached on disk by content.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parseHTML } from "linkedom";
import subsetFont from "subset-font";
import type { Plugin } from "vite";

export function woff2Only(css: string): string {
  return css.replace(/src:\s*url\(([^)]+\.woff2)\)\s*format\(["']woff2["']\)[^;}]*/g, (_m, url: string) => `src:url(${url}) format("woff2")`);
}

export interface FontSubset {
  /** every character the deck's formulas draw */
  text: string;
  /** every class name inside the deck's formulas */
  classes: Set<string>;
  cacheDir: string;
}

/** Characters and classes of the KaTeX output in `slidesHtml`. Digits and the signs of
 * numbers are always kept, since live examples rewrite numbers in the browser. */
export function fontSubsetOf(slidesHtml: string, cacheDir: string): FontSubset {
  const { document } = parseHTML(`<html><body>${slidesHtml}</body></html>`);
  const chars = new Set("0123456789.,-−+×()[]=");
  const classes = new Set<string>();
  for (const el of document.querySelectorAll(".katex-html")) {
    for (const ch of el.textContent ?? "") chars.add(ch);
    for (const inner of [el, ...el.querySelectorAll("[class]")]) inner.classList.forEach((c) => classes.add(c));
  }
  return { text: [...chars].sort().join(""), classes, cacheDir };
}

/** The families KaTeX's rules would use for the classes present; Main is the default. */
function usedFamilies(css: string, classes: Set<string>): Set<string> {
  const used = new Set(["KaTeX_Main"]);
  for (const [, selector, family] of css.matchAll(/([^{}@]+)\{[^}]*font-family:\s*"?(KaTeX_[\w-]+)/g)) {
    // an alternative like ".katex .delimsizing.size1" applies when all its classes occur
    const alternatives = selector.split(",").map((alt) => [...alt.matchAll(/\.([\w-]+)/g)].map((m) => m[1]).filter((c) => c !== "katex"));
    if (alternatives.some((names) => names.length > 0 && names.every((c) => classes.has(c)))) used.add(family);
  }
  return used;
}

/** One subsetting per font and text per process, however many builds ask at once. */
const pending = new Map<string, Promise<Buffer>>();

function subsetWoff2(file: string, text: string, cacheDir: string): Promise<Buffer> {
  const key = `${file}\0${text}\0${cacheDir}`;
  let result = pending.get(key);
  if (!result) {
    result = subsetWoff2Cached(file, text, cacheDir);
    pending.set(key, result);
  }
  return result;
}

async function subsetWoff2Cached(file: string, text: string, cacheDir: string): Promise<Buffer> {
  const source = await readFile(file);
  const key = createHash("sha256").update(source).update("\0").update(text).digest("hex").slice(0, 24);
  const cached = path.join(cacheDir, `${key}.woff2`);
  if (existsSync(cached)) return readFile(cached);
  const subset = await subsetFont(source, text, { targetFormat: "woff2" });
  await mkdir(cacheDir, { recursive: true });
  const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, subset);
  await rename(tmp, cached);
  return subset;
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
 * the plugin's transform later picks up the same work. */
export async function prewarmKatexFonts(subset: FontSubset): Promise<void> {
  const cssFile = createRequire(import.meta.url).resolve("katex/dist/katex.css");
  const css = woff2Only(await readFile(cssFile, "utf8"));
  await Promise.all(fontFaces(css, path.dirname(cssFile), subset).map(({ file }) => file && subsetWoff2(file, subset.text, subset.cacheDir)));
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
          const data = await subsetWoff2(file, subset.text, subset.cacheDir);
          return block.replace(/url\([^)]+\)/, `url(data:font/woff2;base64,${data.toString("base64")})`);
        }),
      );
      let out = css;
      faces.forEach(({ block }, k) => (out = out.replace(block, replacements[k])));
      return { code: out, map: null };
    },
  };
}
