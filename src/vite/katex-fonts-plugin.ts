// KaTeX's stylesheet lists every font in woff2, woff and ttf (≈1 MB). Every browser we
// target reads woff2, so keep only that (≈300 KB): the offline file inlines a third as much.
import type { Plugin } from "vite";

export function woff2Only(css: string): string {
  return css.replace(/src:\s*url\(([^)]+\.woff2)\)\s*format\(["']woff2["']\)[^;}]*/g, (_m, url: string) => `src:url(${url}) format("woff2")`);
}

export function createKatexFontsPlugin(): Plugin {
  return {
    name: "backprop-deck:katex-woff2",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css($|\?)/.test(id)) return undefined;
      return { code: woff2Only(code), map: null };
    },
  };
}
