// The offline file's boot fills KaTeX's fonts into the stylesheet as the build fills them into
// the site's (src/shared/font-data.ts): a face with a font gets its data, a face without one
// loses its @font-face rule, and any other rule is left as it is.
import { describe, expect, it } from "vitest";
import { FONT_PLACEHOLDER_PREFIX, fillFontData } from "../../src/shared/font-data.ts";

const face = (family: string): string => `@font-face{font-family:${family};src:url(data:font/woff2;base64,${FONT_PLACEHOLDER_PREFIX}${family}400normal) format("woff2")}`;

describe("fillFontData", () => {
  it("fills a face that has a font, drops one that has none, leaves other rules alone", () => {
    const own = '@font-face{font-family:Deck;src:url(deck.woff2) format("woff2")}';
    const css = `${face("KaTeXMain")}.katex{font:1.2em KaTeX_Main}${face("KaTeXFraktur")}${own}`;
    const filled = fillFontData(css, { [`${FONT_PLACEHOLDER_PREFIX}KaTeXMain400normal`]: "d09GMgABAAAA" });
    expect(filled).toBe(`@font-face{font-family:KaTeXMain;src:url(data:font/woff2;base64,d09GMgABAAAA) format("woff2")}.katex{font:1.2em KaTeX_Main}${own}`);
  });
});
