// The offline file's slides as a build makes them from the slides' HTML — what
// offline-slides.ts leaves out, and the markup coded (offline-markup.ts) — kept for the next
// build by that HTML and the code that makes them: a warm build of this deck made them again
// from its 2.7 MB of slides (≈ 0.2 s). One record is kept, the last: a build's slides differ
// after an edit anyway.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { contentRecord, sha256 } from "../io/content-record.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import type { OfflineSlides } from "./offline-file.ts";
import { codeMarkup } from "./offline-markup.ts";
import { offlineSlides } from "./offline-slides.ts";

/** What makes the offline slides besides the slides' HTML. */
const MAKING_SOURCES: readonly string[] = ["vite/kept-offline-slides.ts", "vite/offline-slides.ts", "vite/offline-markup.ts", "shared/markup-codes.ts"].map((file) => path.join("src", ...file.split("/")));
/** The record: the key in hex, the slides' UTF-16 length, their UTF-8 length and the
 * dictionary's length (4 bytes each), the dictionary, the coded slides. */
const KEPT_FILE = "offline-slides.bin";
const KEY_BYTES = 64;
const HEADER_BYTES = KEY_BYTES + 12;

/** The offline slides of `slidesHtml`, made now. */
export function makeOfflineSlides(slidesHtml: string): OfflineSlides {
  const slides = offlineSlides(slidesHtml);
  return { length: slides.length, bytes: Buffer.byteLength(slides, "utf8"), markup: codeMarkup(slides) };
}

/** The offline slides of `slidesHtml`: those kept in `folder` for the same HTML and code,
 * else made and kept there. */
export async function keptOfflineSlides(slidesHtml: string, folder: string): Promise<OfflineSlides> {
  const sources = Object.values(await contentRecord(MAKING_SOURCES, PACKAGE_ROOT));
  const key = Buffer.from(sha256(`${sources.join("\0")}\0${slidesHtml}`), "latin1");
  const file = path.join(folder, KEPT_FILE);
  try {
    const kept = await readFile(file);
    if (kept.length >= HEADER_BYTES && kept.subarray(0, KEY_BYTES).equals(key)) {
      const dictionaryEnd = HEADER_BYTES + kept.readUInt32BE(KEY_BYTES + 8);
      const markup = { dictionary: kept.subarray(HEADER_BYTES, dictionaryEnd), coded: kept.subarray(dictionaryEnd) };
      return { length: kept.readUInt32BE(KEY_BYTES), bytes: kept.readUInt32BE(KEY_BYTES + 4), markup };
    }
  } catch {
    // none kept yet, or unreadable: make them
  }
  const made = makeOfflineSlides(slidesHtml);
  const header = Buffer.alloc(12);
  header.writeUInt32BE(made.length, 0);
  header.writeUInt32BE(made.bytes, 4);
  header.writeUInt32BE(made.markup.dictionary.length, 8);
  await writeFileAtomic(file, Buffer.concat([key, header, made.markup.dictionary, made.markup.coded]));
  return made;
}
