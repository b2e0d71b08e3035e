// What a build leaves for the next process: a later session of the same deck takes over the
// snippets' answers while the files they read are unchanged — and only then: an edited
// import runs the snippet again, so a number on a slide is never a stale one — and its
// typeset formulas, so that it compiles the same deck.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { Bibliography, type BibliographyRecord } from "../../src/compile/bibliography.ts";
import { CompileCache } from "../../src/compile/cache.ts";
import { cacheDir } from "../../src/io/cache-dir.ts";
import { PACKAGE_ROOT } from "../../src/io/package-root.ts";
import { CompileStore } from "../../src/session/compile-store.ts";
import { WorkerCallMemo } from "../../src/session/services.ts";
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

  it("is not written again by a session that made nothing new, and is by one that did", async () => {
    const file = cacheDir(deckRoot, "compile.bin");
    await compileInNewSession();
    const written = statSync(file).ino; // written beside, then swapped in: a new file each time
    await compileInNewSession();
    expect(statSync(file).ino).toBe(written); // the same deck: all of it was there already
    const chapter = path.join(deckRoot, "slides", "02-code.md");
    const text = readFileSync(chapter, "utf8");
    writeFileSync(chapter, `${text}\n---\n\n## One more\n\n$x^2$\n`);
    try {
      await compileInNewSession();
      expect(statSync(file).ino).not.toBe(written); // a new slide and formula to leave
    } finally {
      writeFileSync(chapter, text);
    }
  }, 120_000);

  it("keeps the bibliography as read and formatted, so that the next process needs no citation-js for the same citations", async () => {
    const bib = "@misc{gomez2016, author = {Gomez, Aidan}, title = {Backpropogating an {LSTM}}, howpublished = {Blog post}, year = {2016}}\n";
    writeFileSync(path.join(deckRoot, "slides", "references.bib"), bib);
    const chapter = path.join(deckRoot, "slides", "02-code.md");
    writeFileSync(chapter, `${readFileSync(chapter, "utf8")}\n---\n\n## Cited\n\nAs shown [@gomez2016].\n`);
    const first = await compileInNewSession();
    expect(first.deck.slidesHtml).toMatch(/class="citation"[^>]*>\(Gomez, 2016\)/);
    // what the next process finds: the record, its citation and entries already formatted
    const cache = new CompileCache();
    await new CompileStore(deckRoot, PACKAGE_ROOT).load(cache, new WorkerCallMemo());
    const record = cache.bibliographies.remember(`slides/references.bib\0${bib}`, () => {
      throw new Error("the bibliography was not kept");
    });
    const kept = new Bibliography(record as BibliographyRecord); // no citation-js
    expect(kept.formats([["gomez2016"]], ["gomez2016"])).toBe(true);
    expect(kept.citation(["gomez2016"])).toBe("(Gomez, 2016)");
    const second = await compileInNewSession();
    expect(second.deck.slidesHtml).toBe(first.deck.slidesHtml);
  });
});
