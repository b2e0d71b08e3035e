// A build's bundle carries a placeholder for each KaTeX face's font; the build fills them in
// with the deck's subsets: the faces it has fonts for get them, the others' rules go, the
// rest of the stylesheet stays, and the stylesheet is renamed by its new content (the page
// links the new name).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKatexFontsPlugin } from "../../src/vite/katex-fonts-plugin.ts";
import { inlineSiteFonts } from "../../src/vite/site-fonts.ts";

const katexCss = createRequire(import.meta.url).resolve("katex/dist/katex.css");

/** KaTeX's stylesheet as the build's plugin hands it to the bundler. */
function bundledCss(): string {
  // the hook as the plugin defines it (Vite's type also allows an object form)
  const transform = createKatexFontsPlugin("placeholders").transform as unknown as (this: unknown, code: string, id: string) => { code: string };
  return transform.call(undefined, readFileSync(katexCss, "utf8"), katexCss).code;
}

/** A site folder as the bundler leaves it: a page linking one stylesheet in assets/. */
function site(css: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "site-fonts-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "assets", "style-AbCd1234.css"), css);
  writeFileSync(path.join(dir, "index.html"), `<html><head><link rel="stylesheet" crossorigin href="./assets/style-AbCd1234.css"></head><body></body></html>`);
  return dir;
}

/** The site's stylesheet, as its page links it. */
function linkedCss(dir: string): { name: string; css: string } {
  const name = /href="\.\/assets\/([^"]+\.css)"/.exec(readFileSync(path.join(dir, "index.html"), "utf8"))![1];
  return { name, css: readFileSync(path.join(dir, "assets", name), "utf8") };
}

/** "family weight" → the font data of each @font-face rule in `css`. */
const familyData = (css: string): Map<string, string> =>
  new Map(
    [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([block]) => [
      `${/font-family:\s*"?(\w+)/.exec(block)?.[1]} ${/font-weight:\s*(\w+)/.exec(block)?.[1]}`,
      /url\(data:font\/woff2;base64,([^)]+)\)/.exec(block)?.[1] ?? "",
    ]),
  );

describe("inlineSiteFonts", () => {
  it("fills in the faces it has fonts for, leaves the others out and renames the stylesheet", async () => {
    const css = bundledCss();
    expect(css).not.toMatch(/\.woff2?\)|\.ttf\)/); // no font file left to fetch
    const dir = site(css);
    const fonts = new Map([
      ["KaTeX_Main|400|normal", Buffer.from("main regular")],
      ["KaTeX_AMS|400|normal", Buffer.from("ams")],
    ]);
    await inlineSiteFonts(dir, fonts);

    const { name, css: filled } = linkedCss(dir);
    expect(name).toMatch(/^style-[\w-]{8}\.css$/);
    expect(name).not.toBe("style-AbCd1234.css");
    expect(readdirSync(path.join(dir, "assets"))).toEqual([name]); // the old name is gone
    expect(Object.fromEntries(familyData(filled))).toEqual({
      "KaTeX_Main normal": Buffer.from("main regular").toString("base64"),
      "KaTeX_AMS normal": Buffer.from("ams").toString("base64"),
    });
    expect(filled).not.toContain("DeckKatexFace");
    expect(filled.match(/@font-face/g)).toHaveLength(2);
    // the rest of KaTeX's stylesheet is as it was
    expect(filled.replace(/@font-face\s*\{[^}]*\}/g, "")).toBe(css.replace(/@font-face\s*\{[^}]*\}/g, ""));
  });

  it("names the stylesheet by its fonts: the same fonts the same name, other fonts another", async () => {
    const css = bundledCss();
    const named = async (fonts: Map<string, Buffer>): Promise<string> => {
      const dir = site(css);
      await inlineSiteFonts(dir, fonts);
      return linkedCss(dir).name;
    };
    const one = new Map([["KaTeX_Main|400|normal", Buffer.from("a")]]);
    expect(await named(one)).toBe(await named(new Map(one)));
    expect(await named(new Map([["KaTeX_Main|400|normal", Buffer.from("b")]]))).not.toBe(await named(one));
  });

  it("says so when the page links no stylesheet", async () => {
    const dir = site("");
    writeFileSync(path.join(dir, "index.html"), "<html><head></head><body></body></html>");
    await expect(inlineSiteFonts(dir, new Map())).rejects.toThrow(/no stylesheet/);
    expect(existsSync(path.join(dir, "assets", "style-AbCd1234.css"))).toBe(true);
  });
});
