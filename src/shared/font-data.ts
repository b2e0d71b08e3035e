// KaTeX's @font-face rules with a placeholder for each face's data (the bundled stylesheet
// carries them: src/vite/katex-fonts-plugin.ts), filled in with the deck's fonts — by the
// build for the site, and in the offline file by its boot script, which finds the fonts
// beside the packed stylesheet: they are woff2, which packing cannot make smaller, and the
// stylesheet and slides are packed while they are still being cut.

/** What a face's placeholder starts with (then letters and digits only, so that it is valid
 * base64 in a data: URL that the bundler and its minifier leave as it is). */
export const FONT_PLACEHOLDER_PREFIX = "DeckKatexFace";
const PLACEHOLDER = new RegExp(`${FONT_PLACEHOLDER_PREFIX}\\w+`);

/** `css` with each KaTeX face's placeholder replaced by its font in base64 (`data`, by
 * placeholder), and the @font-face rules of the faces that have none left out. */
export function fillFontData(css: string, data: Readonly<Record<string, string>>): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (block) => {
    const placeholder = PLACEHOLDER.exec(block)?.[0];
    if (!placeholder) return block; // not one of KaTeX's faces
    const font = Object.hasOwn(data, placeholder) ? data[placeholder] : undefined;
    return font === undefined ? "" : block.replace(placeholder, () => font);
  });
}
