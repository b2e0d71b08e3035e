// subset-font ships no types; this is the part of its API we use.
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: "woff2" | "woff" | "truetype" | "sfnt"; noHinting?: boolean },
  ): Promise<Buffer>;
}
