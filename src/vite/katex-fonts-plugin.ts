// KaTeX's stylesheet lists every font in woff2, woff and ttf (≈1 MB). Every browser we
// target reads woff2, so keep only that. For a build, go further: cut each face to the
// characters the deck's formulas draw in it (katex-faces.ts; a FontSubsetter, cached), drop
// the faces that draw none, and inline the rest — the offline file then carries about 40 KB
// of fonts instead of ≈350 KB. The bundle itself carries a placeholder for each face's
// data (createKatexFontsPlugin), filled in once it is written (fillKatexFonts): the bundle
// is then the same for every deck of the same shape, and is made once for all of them.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";
import { writeFileAtomic } from "../io/atomic-write.ts";
import type { FontSubsetter } from "../session/font-subsets.ts";
import { FONT_PLACEHOLDER_PREFIX, fillFontData } from "../shared/font-data.ts";
import { KatexFaces, type FaceKey } from "./katex-faces.ts";

export function woff2Only(css: string): string {
  return css.replace(/src:\s*url\(([^)]+\.woff2)\)\s*format\(["']woff2["']\)[^;}]*/g, (_m, url: string) => `src:url(${url}) format("woff2")`);
}

/** What a build's fonts must cover, and who cuts them. */
export interface FontSubset {
  /** the characters each KaTeX face draws in the deck's formulas ("KaTeX_Main|700|normal") */
  byFace: ReadonlyMap<FaceKey, string>;
  subsetter: FontSubsetter;
}

/** Digits and the signs of numbers: live examples rewrite numbers in the browser, in Main
 * and in the faces their numbers are set in. */
const LIVE_NUMBER_CHARACTERS = "0123456789.,-−+×()[]=";
const MAIN_REGULAR: FaceKey = "KaTeX_Main|400|normal";

const katexCssFile = (): string => createRequire(import.meta.url).resolve("katex/dist/katex.css");

/** The characters of each face the KaTeX output in `slides` (their HTML) draws: what a
 * build's FontSubset keeps (the faces of live examples' numbers get digits and signs). */
export function fontCharacters(slides: readonly string[]): Map<FaceKey, string> {
  const { byFace, liveFaces } = new KatexFaces(readFileSync(katexCssFile(), "utf8")).charactersByFace(slides);
  byFace.set(MAIN_REGULAR, byFace.get(MAIN_REGULAR) ?? new Set<string>());
  // the faces of live examples' numbers may draw other digits in the browser
  for (const face of [MAIN_REGULAR, ...liveFaces]) for (const ch of LIVE_NUMBER_CHARACTERS) byFace.get(face)!.add(ch);
  return new Map([...byFace].map(([face, chars]) => [face, [...chars].sort().join("")]));
}

/** fontCharacters, kept in `file` by what it was worked out from (`toolsKey`: the code and
 * the packages; the slides): a warm build of this deck finds them there instead of reading
 * its 2.7 MB of markup again (≈170 ms). One record, the last: a build's slides differ after
 * an edit anyway. */
export async function fontCharactersKept(slides: readonly string[], file: string, toolsKey: string): Promise<Map<FaceKey, string>> {
  const hash = createHash("sha256").update(toolsKey);
  for (const slide of slides) hash.update("\0").update(slide);
  const key = hash.digest("hex");
  try {
    const kept = JSON.parse(await readFile(file, "utf8")) as { key: string; byFace: [FaceKey, string][] };
    if (kept.key === key) return new Map(kept.byFace);
  } catch {
    // none yet, or unreadable: work them out
  }
  const byFace = fontCharacters(slides);
  await writeFileAtomic(file, JSON.stringify({ key, byFace: [...byFace] }));
  return byFace;
}

/** The face an @font-face block declares. */
function faceKeyOf(block: string): FaceKey {
  const family = /font-family:\s*"?([\w-]+)/.exec(block)?.[1] ?? "";
  const weight = /font-weight:\s*(\w+)/.exec(block)?.[1] ?? "400";
  const style = /font-style:\s*(\w+)/.exec(block)?.[1] ?? "normal";
  return `${family}|${weight === "bold" ? "700" : weight === "normal" ? "400" : weight}|${style}`;
}

/** The declared face the browser would draw `wanted` with: itself, or one of its family
 * in the same style, or any of its family (it then synthesises bold or italic). */
function declaredFace(wanted: FaceKey, declared: readonly FaceKey[]): FaceKey | undefined {
  if (declared.includes(wanted)) return wanted;
  const [family, , style] = wanted.split("|");
  const sameFamily = declared.filter((d) => d.startsWith(`${family}|`));
  return sameFamily.find((d) => d.endsWith(`|${style}`)) ?? sameFamily[0];
}

/** KaTeX's @font-face blocks, each with its woff2 file and the characters to keep of it
 * (no file: a face no formula draws, which is left out). */
function fontFaces(css: string, cssDir: string, subset: FontSubset): { face: FaceKey; file: string | undefined; text: string }[] {
  const blocks = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([block]) => ({ block, face: faceKeyOf(block) }));
  const text = new Map<FaceKey, string>();
  for (const [face, chars] of subset.byFace) {
    const target = declaredFace(face, blocks.map((b) => b.face));
    if (target) text.set(target, [...new Set((text.get(target) ?? "") + chars)].sort().join(""));
  }
  return blocks.map(({ block, face }) => {
    const url = /url\(([^)]+\.woff2)\)/.exec(block)?.[1];
    const chars = text.get(face) ?? "";
    return { face, file: chars && url ? path.join(cssDir, url) : undefined, text: chars };
  });
}

/** The placeholder a build's bundle carries for `face`'s font data (src/shared/font-data.ts). */
export function facePlaceholder(face: FaceKey): string {
  return `${FONT_PLACEHOLDER_PREFIX}${face.replace(/[^A-Za-z0-9]/g, "")}`;
}

/** The woff2 file of each KaTeX face, cut to the characters the deck draws in it, by face:
 * a face no formula draws has none. */
export async function subsetKatexFonts(subset: FontSubset): Promise<Map<FaceKey, Buffer>> {
  const cssFile = katexCssFile();
  const css = woff2Only(await readFile(cssFile, "utf8"));
  const faces = fontFaces(css, path.dirname(cssFile), subset);
  const drawn = faces.filter((face): face is typeof face & { file: string } => face.file !== undefined);
  return new Map(await Promise.all(drawn.map(async ({ face, file, text }) => [face, await subset.subsetter.subset(file, text)] as const)));
}

/** `fonts` (woff2) in base64 by their faces' placeholders: what fillFontData fills in. */
export function fontData(fonts: ReadonlyMap<FaceKey, Buffer>): Record<string, string> {
  return Object.fromEntries([...fonts].map(([face, font]) => [facePlaceholder(face), font.toString("base64")]));
}

/** A bundled stylesheet with its KaTeX faces' placeholders filled in with `fonts`, and the
 * @font-face rules of the faces without one left out. */
export function fillKatexFonts(css: string, fonts: ReadonlyMap<FaceKey, Buffer>): string {
  return fillFontData(css, fontData(fonts));
}

/** KaTeX's stylesheet, woff2 only: as it is (the dev server serves its font files), or with
 * `placeholders` for the fonts' data (a build: fillKatexFonts fills them in). */
export function createKatexFontsPlugin(mode: "files" | "placeholders"): Plugin {
  return {
    name: "backprop-deck:katex-fonts",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css($|\?)/.test(id)) return undefined;
      const css = woff2Only(code);
      if (mode === "files") return { code: css, map: null };
      const withPlaceholders = css.replace(/@font-face\s*\{[^}]*\}/g, (block) => block.replace(/url\([^)]+\)/, `url(data:font/woff2;base64,${facePlaceholder(faceKeyOf(block))})`));
      return { code: withPlaceholders, map: null };
    },
  };
}
