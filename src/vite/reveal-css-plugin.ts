// reveal.js's stylesheet, carried lighter: the spinner of its link-preview overlay (shown
// while a previewed page loads in its frame) is an animated GIF of 4.4 KB in base64 — a
// seventh of the stylesheet once compressed, and in every page and the offline file, for an
// overlay this deck's slides never open. It becomes the same 32-pixel grey circle drawn by
// CSS, turning. A reveal.js whose stylesheet reads otherwise is bundled as it is (the test
// on the installed stylesheet, test/vite/offline-parts.test.ts, then fails).
import type { Plugin } from "vite";

const REVEAL_CSS = /[\\/]reveal\.js[\\/]dist[\\/]reveal\.css($|\?)/;
const SPINNER_GIF = /(\.r-overlay-spinner\{[^}]*?)background-image:url\(data:image\/gif;base64,[^)]*\);?/;
const SPINNER_DRAWN =
  "box-sizing:border-box;border:4px solid #999;border-top-color:transparent;border-radius:50%;animation:r-overlay-spin .8s linear infinite;";
const SPIN = "@keyframes r-overlay-spin{to{transform:rotate(360deg)}}";

/** reveal.js's stylesheet with the spinner drawn by CSS, or undefined when it reads otherwise. */
export function withDrawnSpinner(css: string): string | undefined {
  if (!SPINNER_GIF.test(css)) return undefined;
  return `${css.replace(SPINNER_GIF, (_m, rule: string) => rule + SPINNER_DRAWN)}\n${SPIN}\n`;
}

export function createRevealCssPlugin(): Plugin {
  return {
    name: "backprop-deck:reveal-css",
    enforce: "pre",
    transform(code, id) {
      if (!REVEAL_CSS.test(id)) return undefined;
      const css = withDrawnSpinner(code);
      return css === undefined ? undefined : { code: css, map: null };
    },
  };
}
