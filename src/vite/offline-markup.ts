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

/** The tags of `markup` worth an entry, the most worth first: what each saves (its
 * occurrences times its length less a two-byte code, less its entry's own length). */
export function markupDictionary(markup: string): string[] {
  const counts = new Map<string, number>();
  for (const [tag] of markup.matchAll(TAG)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const worth = (tag: string, count: number): number => count * (Buffer.byteLength(tag) - 2) - Buffer.byteLength(tag) - 1;
  return [...counts]
    .filter(([tag, count]) => count >= MIN_COUNT && worth(tag, count) > 0)
    .sort(([a, m], [b, n]) => worth(b, n) - worth(a, m) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_MARKUP_ENTRIES)
    .map(([tag]) => tag);
}

/** `markup` coded with its own dictionary; checked to read back byte for byte. */
export function codeMarkup(markup: string): CodedMarkup {
  const entries = markupDictionary(markup);
  const codeOf = new Map(entries.map((tag, k) => [tag, Buffer.from(markupCode(k))]));
  const parts: Buffer[] = [];
  let at = 0;
  for (const found of markup.matchAll(TAG)) {
    const code = codeOf.get(found[0]);
    if (!code) continue;
    parts.push(Buffer.from(markup.slice(at, found.index), "utf8"), code);
    at = found.index + found[0].length;
  }
  parts.push(Buffer.from(markup.slice(at), "utf8"));
  const coded = Buffer.concat(parts);
  const dictionary = Buffer.from(entries.join(String.fromCharCode(MARKUP_ENTRY_SEPARATOR)), "utf8");
  const back = expandMarkup(coded, markupEntries(dictionary));
  if (!Buffer.from(markup, "utf8").equals(back)) throw new Error("offline file: the slides' coded markup does not read back as it was");
  return { dictionary, coded };
}
