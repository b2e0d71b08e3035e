// KaTeX's fonts put into a bundled site: its stylesheet carries a placeholder for each face's
// data (katex-fonts-plugin.ts), which is filled in with the deck's subsets here, once the
// bundle is in the site's folder — a bundle can then serve every deck of the same shape. The
// stylesheet is renamed by its new content, as the bundler names its files, so that a browser
// never keeps one deck's fonts for another's; the page links the new name.
import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FaceKey } from "./katex-faces.ts";
import { fillKatexFonts } from "./katex-fonts-plugin.ts";

/** The page's stylesheet in assets/, and the stem of its name before the content hash. */
const STYLESHEET_HREF = /(<link rel="stylesheet"[^>]*\shref=")\.\/assets\/(([^"/]+?)-[\w-]+\.css)"/;

/** A name for `content`: `stem`-, then eight characters of its hash, as the bundler's. */
function contentName(stem: string, content: string): string {
  return `${stem}-${createHash("sha256").update(content).digest("base64url").slice(0, 8)}.css`;
}

/** Fills in the fonts of the site in `siteDir` (its index.html and assets/) with `fonts`. */
export async function inlineSiteFonts(siteDir: string, fonts: ReadonlyMap<FaceKey, Buffer>): Promise<void> {
  const pageFile = path.join(siteDir, "index.html");
  const page = await readFile(pageFile, "utf8");
  const link = STYLESHEET_HREF.exec(page);
  if (!link) throw new Error("the bundled page links no stylesheet in assets/");
  const [, , name, stem] = link;
  const filled = fillKatexFonts(await readFile(path.join(siteDir, "assets", name), "utf8"), fonts);
  const renamed = contentName(stem, filled);
  await writeFile(path.join(siteDir, "assets", renamed), filled);
  if (renamed !== name) await rm(path.join(siteDir, "assets", name));
  await writeFile(pageFile, page.replace(STYLESHEET_HREF, (_m, before: string) => `${before}./assets/${renamed}"`));
}
