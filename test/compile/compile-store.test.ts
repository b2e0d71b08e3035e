// What a build leaves for the next process: a later session of the same deck takes over the
// snippets' answers while the files they read are unchanged — and only then: an edited
// import runs the snippet again, so a number on a slide is never a stale one — and its
// typeset formulas, so that it compiles the same deck.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { DeckSession } from "../../src/session/session.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

const deckRoot = copySampleDeck();

/** A session of its own (as a new process has): compiles, leaves what it made, closes. */
async function compileInNewSession(): Promise<{ deck: CompiledDeck; tookOver: boolean }> {
  const session = DeckSession.create({ deckRoot, diagrams: "browser" });
  try {
    const deck = await session.compile();
    await session.keep();
    return { deck, tookOver: session.services.workerCalls.isStocked };
  } finally {
    await session.close();
  }
}

describe("the compile store", () => {
  it("gives a later session the same deck, its snippets' answers taken over until a file they import changes", async () => {
    const first = await compileInNewSession();
    expect(first.tookOver).toBe(false);
    expect(first.deck.slidesHtml).toContain("42"); // double(21), from code/sample.ts

    const second = await compileInNewSession();
    expect(second.tookOver).toBe(true);
    expect(second.deck.slidesHtml).toBe(first.deck.slidesHtml);
    expect(second.deck.diagnostics.map(formatDiagnostic)).toEqual(first.deck.diagnostics.map(formatDiagnostic));

    // the imported file changes: the snippet runs again, and the slide shows the new number
    const code = path.join(deckRoot, "code", "sample.ts");
    writeFileSync(code, readFileSync(code, "utf8").replace("const twice = 2 * x;", "const twice = 2 * x + 1000;"));
    const third = await compileInNewSession();
    expect(third.deck.slidesHtml).toContain("1042");
    expect(third.deck.slidesHtml).not.toBe(first.deck.slidesHtml);
  }, 120_000);
});
