// Stage "snippets": every ```ts run fence — on a slide or in its speaker notes — runs once,
// one at a time in deck order (so the output never depends on timing). Outcomes are keyed
// by the fence's `file:line`, where the render stage looks them up.
import type { Token } from "markdown-it";
import { isSnippetFence } from "../markdown/fences.ts";
import { hasLiveExample, snippetKey } from "../snippets/identity.ts";
import type { SnippetSource } from "../snippets/types.ts";
import type { DeckState, ParsedSlide } from "../state.ts";

function snippetsIn(tokens: readonly Token[], file: string, firstLine: number): SnippetSource[] {
  return tokens.filter(isSnippetFence).map((token) => {
    const line = firstLine + token.map![0];
    return { key: snippetKey(file, line), file, line, code: token.content };
  });
}

/** The snippets of `slide`, on it and in its notes, in order. */
export function slideSnippets({ tokens, notesTokens, source }: ParsedSlide): SnippetSource[] {
  return [...snippetsIn(tokens, source.file, source.line), ...(notesTokens && source.notes ? snippetsIn(notesTokens, source.file, source.notes.line) : [])];
}

export async function snippetsStage(state: DeckState): Promise<void> {
  for (const slide of state.parsed) {
    for (const snippet of slideSnippets(slide)) {
      const outcome = await state.services.runSnippet(snippet);
      state.snippets.set(snippet.key, outcome);
      outcome.deps.forEach((d) => state.snippetDeps.add(d));
      if (outcome.ok && hasLiveExample(outcome.value)) state.liveSnippets.push(snippet);
      if (!outcome.ok) state.diagnostics.error({ file: snippet.file, line: outcome.error.line, col: outcome.error.col }, `snippet: ${outcome.error.message}`);
    }
  }
}
