// The offline file's slides with their most frequent tags coded in a byte or two
// (src/shared/markup-codes.ts says why and how the boot reads them back): which tags, and
// the slides coded with them. The choice depends on the slides only, so the same slides
// give the same bytes.
import { markupCode, expandMarkup, MARKUP_ENTRY_SEPARATOR, MAX_MARKUP_ENTRIES, markupEntries } from "../shared/markup-codes.ts";

/** A whole opening or closing tag, as KaTeX, markdown-it and the diagrams write them. */
const TAG = /<[a-z][a-z0-9-]*(?: [a-z][a-z0-9:-]*="[^"\0]{0,120}")*\s?\/?>|<\/[a-z][a-z0-9-]*>/g;
/** A tag seen fewer times than this is left as it is: its entry would cost more than it saves. */
const MIN_COUNT = 4;

export interface CodedMarkup {
  /** the entries, separated by MARKUP_ENTRY_SEPARATOR */
  dictionary: Buffer;
  /** the slides' UTF-8 with each entry's occurrences as its code */
  coded: Buffer;
}

/** Every tag of `markup` (TAG), with where each starts: one pass of the pattern, whose
 * matches both the dictionary and the coding read. */
function tagsOf(markup: string): { tags: string[]; starts: number[] } {
  const tags: string[] = [];
  const starts: number[] = [];
  const tag = new RegExp(TAG.source, "g");
  for (let found = tag.exec(markup); found; found = tag.exec(markup)) {
    tags.push(found[0]);
    starts.push(found.index);
  }
  return { tags, starts };
}

/** Of `tags`, those worth an entry, the most worth first: what each saves (its occurrences
 * times its length less a two-byte code, less its entry's own length). */
function dictionaryOf(tags: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const worth = (tag: string, count: number): number => count * (Buffer.byteLength(tag) - 2) - Buffer.byteLength(tag) - 1;
  return [...counts]
    .filter(([tag, count]) => count >= MIN_COUNT && worth(tag, count) > 0)
    .sort(([a, m], [b, n]) => worth(b, n) - worth(a, m) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_MARKUP_ENTRIES)
    .map(([tag]) => tag);
}

/** The tags of `markup` worth an entry, the most worth first. */
export function markupDictionary(markup: string): string[] {
  return dictionaryOf(tagsOf(markup).tags);
}

/** `markup` coded with its own dictionary; checked to read back byte for byte. The coded
 * bytes are written into one buffer, the text between codes encoded in place: a buffer for
 * each piece and their concatenation took a third of the time (a build's main thread waits
 * for this once the compile is done). */
export function codeMarkup(markup: string): CodedMarkup {
  const { tags, starts } = tagsOf(markup);
  const entries = dictionaryOf(tags);
  const codeOf = new Map(entries.map((tag, k) => [tag, markupCode(k)]));
  const source = Buffer.from(markup, "utf8");
  const out = Buffer.allocUnsafe(source.length); // a code is shorter than its tag
  let at = 0;
  let length = 0;
  for (let k = 0; k < tags.length; k++) {
    const code = codeOf.get(tags[k]);
    if (!code) continue;
    length += out.write(markup.slice(at, starts[k]), length, "utf8");
    for (const byte of code) out[length++] = byte;
    at = starts[k] + tags[k].length;
  }
  length += out.write(markup.slice(at), length, "utf8");
  const coded = out.subarray(0, length);
  const dictionary = Buffer.from(entries.join(String.fromCharCode(MARKUP_ENTRY_SEPARATOR)), "utf8");
  const back = expandMarkup(coded, markupEntries(dictionary));
  if (!source.equals(back)) throw new Error("offline file: the slides' coded markup does not read back as it was");
  return { dictionary, coded };
}
