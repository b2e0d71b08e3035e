// The offline file's slides with their most frequent tags written as one or two bytes each
// (src/vite/offline-markup.ts chooses them; src/deck/offline-boot.ts puts them back). KaTeX's
// markup is tens of thousands of the same few hundred tags: zstd finds each again, but pays
// for every match it codes; a code of a byte or two costs it a fraction of that (a tenth off
// the packed slides). The codes are bytes that never occur in UTF-8 (0xC0, 0xC1 and 0xF5 to
// 0xFF), so the code and stylesheet around the slides pass through unchanged.
//
// Entry k is coded as SINGLE_CODES[k] for the first few, then as an escape byte (0xC0 or
// 0xC1) followed by one byte.

/** Bytes that code one entry each on their own. */
const SINGLE_FIRST = 0xf5;
const SINGLES = 0x100 - SINGLE_FIRST;
/** Escape bytes, each followed by one byte: 256 entries per escape. */
const ESCAPE_FIRST = 0xc0;
const ESCAPES = 2;

/** How many entries a dictionary can have. */
export const MAX_MARKUP_ENTRIES = SINGLES + ESCAPES * 256;

/** The separator between the dictionary's entries (no entry holds it). */
export const MARKUP_ENTRY_SEPARATOR = 0;

/** The bytes that stand for entry `index`. */
export function markupCode(index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_MARKUP_ENTRIES) throw new RangeError(`no markup code for entry ${index}`);
  if (index < SINGLES) return [SINGLE_FIRST + index];
  const rest = index - SINGLES;
  return [ESCAPE_FIRST + (rest >> 8), rest & 0xff];
}

/** The dictionary's entries from its bytes (entries separated by MARKUP_ENTRY_SEPARATOR). */
export function markupEntries(dictionary: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= dictionary.length; i++) {
    if (i === dictionary.length || dictionary[i] === MARKUP_ENTRY_SEPARATOR) {
      if (i > start) entries.push(dictionary.subarray(start, i));
      start = i + 1;
    }
  }
  return entries;
}

/** `coded` with every code replaced by its entry: the UTF-8 it was made from. (Two plain
 * loops, no allocation per byte: the boot runs this over a megabyte or two.) */
export function expandMarkup(coded: Uint8Array, entries: readonly Uint8Array[]): Uint8Array {
  /** the entry the code at `i` stands for, or -1 for a byte of UTF-8 */
  const entryIndex = (i: number): number => {
    const byte = coded[i];
    if (byte >= SINGLE_FIRST) return byte - SINGLE_FIRST;
    if (byte !== ESCAPE_FIRST && byte !== ESCAPE_FIRST + 1) return -1;
    if (i + 1 >= coded.length) throw new Error("markup codes: an escape byte at the end");
    return SINGLES + ((byte - ESCAPE_FIRST) << 8) + coded[i + 1];
  };
  let length = 0;
  for (let i = 0; i < coded.length; i++) {
    const index = entryIndex(i);
    if (index < 0) length++;
    else {
      const entry = entries[index];
      if (!entry) throw new Error(`markup codes: no entry ${index}`);
      length += entry.length;
      if (index >= SINGLES) i++;
    }
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < coded.length; i++) {
    const index = entryIndex(i);
    if (index < 0) out[at++] = coded[i];
    else {
      const entry = entries[index];
      for (let k = 0; k < entry.length; k++) out[at++] = entry[k]; // short: faster than set()
      if (index >= SINGLES) i++;
    }
  }
  return out;
}
