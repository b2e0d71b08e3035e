// The offline file's slides with their most frequent tags written as one or two bytes each
// (src/vite/offline-markup.ts chooses them; src/deck/offline-boot.ts puts them back). KaTeX's
// markup is tens of thousands of the same few hundred tags: LZMA finds each again, but pays
// for every match it codes; a code of a byte or two costs it a fraction of that (9 KB off
// this deck's packed stream of 247 KB). The codes are bytes that never occur in UTF-8 (0xC0, 0xC1 and 0xF5 to
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

/** The index of the entry whose code starts at `coded[i]`, or -1 for a byte of UTF-8. */
function entryIndexAt(coded: Uint8Array, i: number): number {
  const byte = coded[i];
  if (byte >= SINGLE_FIRST) return byte - SINGLE_FIRST;
  if (byte !== ESCAPE_FIRST && byte !== ESCAPE_FIRST + 1) return -1;
  if (i + 1 >= coded.length) throw new Error("markup codes: an escape byte at the end");
  return SINGLES + ((byte - ESCAPE_FIRST) << 8) + coded[i + 1];
}

/** How long `coded` is with its codes expanded. */
export function expandedLength(coded: Uint8Array, entries: readonly Uint8Array[]): number {
  let length = coded.length;
  for (let i = 0; i < coded.length; i++) {
    const index = entryIndexAt(coded, i);
    if (index < 0) continue;
    const entry = entries[index];
    if (!entry) throw new Error(`markup codes: no entry ${index}`);
    length += entry.length - (index < SINGLES ? 1 : 2);
    if (index >= SINGLES) i++;
  }
  return length;
}

/** `coded` with every code replaced by its entry: the UTF-8 it was made from. `length` is
 * its length (expandedLength; the offline file's table has it). The boot runs this over a
 * megabyte or two before its JIT has warmed up: runs of plain bytes and the entries are
 * copied by the engine (set), one call each, not byte by byte. */
export function expandMarkup(coded: Uint8Array, entries: readonly Uint8Array[], length = expandedLength(coded, entries)): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  let plain = 0; // where the current run of plain bytes starts
  for (let i = 0; i < coded.length; i++) {
    const byte = coded[i];
    if (byte < ESCAPE_FIRST || (byte > ESCAPE_FIRST + 1 && byte < SINGLE_FIRST)) continue; // the common case, first
    const index = entryIndexAt(coded, i);
    const entry = entries[index];
    if (!entry) throw new Error(`markup codes: no entry ${index}`);
    if (i > plain) {
      out.set(coded.subarray(plain, i), at);
      at += i - plain;
    }
    out.set(entry, at);
    at += entry.length;
    if (index >= SINGLES) i++;
    plain = i + 1;
  }
  if (coded.length > plain) out.set(coded.subarray(plain), at);
  if (at + coded.length - plain !== length) throw new Error("markup codes: the expanded length is not the one given");
  return out;
}
