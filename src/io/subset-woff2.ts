// KaTeX's woff2 fonts cut to some characters with subset-font (HarfBuzz, and a woff2 encoder,
// both WebAssembly), in the build's WebAssembly tools' worker (src/io/wasm-tools-worker.ts,
// started for it by src/vite/font-cutter.ts), which gives their memory back when it ends.

/** `font` (woff2) cut to the characters of `text`, as woff2 without TrueType hinting. */
export async function subsetWoff2(font: Uint8Array, text: string): Promise<Buffer> {
  const { default: subsetFont } = await import("subset-font");
  return subsetFont(Buffer.from(font), text, { targetFormat: "woff2", noHinting: true });
}
