// Who a snippet is, in every layer that needs to name it: the `file:line` key (results,
// live examples in the page), the module id the snippet worker runs it under, the module id
// the deck bundles a live example's code under, and the virtual module listing those.
// One place, so the layers cannot drift apart.
import { createHash } from "node:crypto";
import path from "node:path";
import { isLiveExample } from "../../author/snippet.ts";
import type { SnippetSource } from "./types.ts";

/** `slides/02-rnn.md:40`: the chapter and the line of the opening fence. */
export function snippetKey(file: string, line: number): string {
  return `${file}:${line}`;
}

function codeHash(code: string): string {
  return createHash("sha256").update(code).digest("hex").slice(0, 8);
}

/** Beside its chapter, so the snippet's relative imports resolve as the author wrote them;
 * the code's hash in the name makes an edited snippet a new module. */
function moduleId(deckRoot: string, snippet: SnippetSource, kind: "snippet" | "live"): string {
  return path.join(deckRoot, `${snippet.file}.${kind}-L${snippet.line}-${codeHash(snippet.code)}.ts`);
}

/** The module id the snippet worker runs a snippet under. */
export function snippetModuleId(deckRoot: string, snippet: SnippetSource): string {
  return moduleId(deckRoot, snippet, "snippet");
}

/** The module id the deck bundles a live example's code under. */
export function liveModuleId(deckRoot: string, snippet: SnippetSource): string {
  return moduleId(deckRoot, snippet, "live");
}

export function isLiveModuleId(id: string): boolean {
  return /\.live-L\d+-[0-9a-f]{8}\.ts$/.test(id);
}

/** The virtual module that maps each live example's key to a lazy import of its code. */
export const LIVE_VIRTUAL_ID = "virtual:deck-live";
export const LIVE_RESOLVED_ID = "\0virtual:deck-live";

/** A snippet's value is (or contains, at its top level) a live example. */
export function hasLiveExample(value: unknown): boolean {
  return [value].flat().some(isLiveExample);
}
