// What a session remembers between compiles (the dev server's) must never hide a problem —
// a formula that reported one is typeset again, and reports it again, on every compile — nor
// change what a compile gives: an edited deck compiles as it would in a fresh session.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CompileCache, Shelf, type ParsedChapter } from "../../src/compile/cache.ts";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import { compileDeck } from "../../src/compile/pipeline.ts";
import type { ChapterFile, CompiledDeck } from "../../src/compile/state.ts";
import { DeckServices } from "../../src/session/services.ts";
import { DeckSession } from "../../src/session/session.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

const root = mkdtempSync(path.join(tmpdir(), "deck-cache-"));
mkdirSync(path.join(root, "slides"));
// a warning (a letter KaTeX has no metrics for, in math mode), an error, a clean formula, and
// a snippet showing one formula with a warning twice (one place: reported once a compile)
const snippet = "```ts run\nimport { tex } from \"@deck/snippet\";\nexport default [tex`z = é`, tex`z = é`];\n```\n";
writeFileSync(path.join(root, "slides", "a.md"), `# One\n\n$x = é$\n\n---\n\n# Two\n\n$\\frac{1}{$\n\n$y = 2$\n\n---\n\n# Three\n\n${snippet}`);
const session = DeckSession.create({ deckRoot: root, diagrams: "browser" });
afterAll(() => session.close());

describe("the compile cache", () => {
  it("reports a formula's warning and error on every compile, not only the first", async () => {
    const first = (await session.compile()).diagnostics.map(formatDiagnostic);
    const second = (await session.compile()).diagnostics.map(formatDiagnostic);
    expect(first.filter((d) => d.includes("warning: TeX"))).toHaveLength(2);
    expect(first.some((d) => /a\.md:9:\d+: TeX/.test(d))).toBe(true);
    expect(second).toEqual(first);
  });
});

describe("an incremental compile", () => {
  // the sample deck, edited as an author would: each compile of the long-lived session must
  // give the deck a session that never saw the earlier versions gives
  const deckRoot = copySampleDeck();
  const chapter = path.join(deckRoot, "slides", "01-intro.md");
  const original = readFileSync(chapter, "utf8");
  const kept = DeckSession.create({ deckRoot, diagrams: "browser" });
  afterAll(() => kept.close());
  const fresh = async (): Promise<CompiledDeck> => {
    const once = DeckSession.create({ deckRoot, diagrams: "browser" });
    try {
      return await once.compile();
    } finally {
      await once.close();
    }
  };
  const edits: [string, string][] = [
    ["the original", original],
    ["a line more above later slides", original.replace("## The chain rule\n", "## The chain rule\n\nOne more line.\n")],
    ["a formula changed", original.replace("\\frac{\\partial f}{\\partial y} =", "\\frac{\\partial f}{\\partial y} ={}")],
    ["a slide more", original.replace("\n---\n", "\n---\n\n## Inserted\n\nA new slide with $x^2$.\n\n---\n")],
    ["the original again", original],
  ];

  it.each(edits)("gives the same deck as a fresh session: %s", async (_name, text) => {
    writeFileSync(chapter, text);
    const incremental = await kept.compile();
    const whole = await fresh();
    expect(incremental.slidesHtml).toBe(whole.slidesHtml);
    expect(incremental.sections).toEqual(whole.sections);
    expect(incremental.diagnostics.map(formatDiagnostic)).toEqual(whole.diagnostics.map(formatDiagnostic));
  }, 60_000);
});

describe("an incremental compile with a bibliography", () => {
  const deckRoot = mkdtempSync(path.join(tmpdir(), "deck-cite-"));
  mkdirSync(path.join(deckRoot, "slides"));
  writeFileSync(path.join(deckRoot, "slides", "a.md"), "# Gates\n\nThe LSTM [@hochreiter1997].\n\n---\n\n# More\n\nNothing cited.\n");
  const bib = path.join(deckRoot, "slides", "references.bib");
  const entry = (year: number): string => `@article{hochreiter1997, author = {Hochreiter, Sepp and Schmidhuber, J{\\"u}rgen}, title = {Long Short-Term Memory}, journal = {Neural Computation}, year = {${year}}}\n`;
  const kept = DeckSession.create({ deckRoot, diagrams: "browser" });
  afterAll(() => kept.close());

  it("writes a citation from the bibliography as it is now: an entry's year edited", async () => {
    writeFileSync(bib, entry(1997));
    expect((await kept.compile()).slidesHtml).toContain("1997)");
    writeFileSync(bib, entry(1998));
    const edited = await kept.compile();
    const once = DeckSession.create({ deckRoot, diagrams: "browser" });
    try {
      expect(edited.slidesHtml).toBe((await once.compile()).slidesHtml);
    } finally {
      await once.close();
    }
    expect(edited.slidesHtml).toContain("(Hochreiter and Schmidhuber, 1998)");
  }, 60_000);
});

describe("a shelf", () => {
  it("keeps what a compile touched by its value, and sweeps the rest", () => {
    const shelf = new Shelf<{ n: number }>();
    const a = shelf.remember("a", () => ({ value: { n: 1 }, keep: true }));
    shelf.remember("b", () => ({ value: { n: 2 }, keep: true }));
    shelf.sweep(); // the compile that made both
    shelf.touchValue(a); // the next compile kept `a` by identity, without its key
    shelf.sweep();
    expect(shelf.held().map(([key]) => key)).toEqual(["a"]);
    // values stocked from an earlier process are touched by value too
    const stocked = new Shelf<{ n: number }>();
    stocked.stock(shelf.held());
    stocked.touchValue(stocked.remember("a", () => ({ value: { n: 0 }, keep: true })));
    stocked.sweep();
    expect(stocked.held()).toEqual([["a", { n: 1 }]]);
  });
});

describe("a chapter's parse", () => {
  const chapterA = { path: "slides/a.md", text: "---\nchapter: One\n---\n\n# One\n\n$x = 1$\n\n---\n\n# Two\n" };
  const chapterB = { path: "slides/b.md", text: "---\nchapter: Two\n---\n\n# Three\n\nProse.\n" };
  const compileWith = async (cache: CompileCache, chapters: ChapterFile[]): Promise<CompiledDeck> => {
    const services = DeckServices.create({ deckRoot: root, diagrams: "browser" });
    try {
      return await compileDeck(chapters, { ...(await services.forCompile()), cache }); // it sweeps the cache at its end
    } finally {
      await services.close();
    }
  };
  const keptFor = (cache: CompileCache, file: string): ParsedChapter[] => cache.chapters.held().filter(([key]) => key.startsWith(`${file}\0`)).map(([, chapter]) => chapter);

  it("is kept while the chapter's text is unchanged, and made again once it changes", async () => {
    const cache = new CompileCache();
    const first = await compileWith(cache, [chapterA, chapterB]);
    const [keptA] = keptFor(cache, chapterA.path);
    const [keptB] = keptFor(cache, chapterB.path);
    expect(keptA.slides.map((s) => s.source.line)).toEqual([4, 10]); // each slide starts after its front matter or its ---
    const edited = { ...chapterB, text: chapterB.text.replace("Prose.", "Prose, edited.") };
    const second = await compileWith(cache, [chapterA, edited]);
    expect(keptFor(cache, chapterA.path)).toEqual([keptA]);
    expect(keptFor(cache, chapterA.path)[0]).toBe(keptA); // the same object: not parsed again
    expect(keptFor(cache, chapterB.path)).toHaveLength(1); // the old text's parse swept
    expect(keptFor(cache, chapterB.path)[0]).not.toBe(keptB);
    expect(second.slidesHtml).toContain("Prose, edited.");
    expect(second.slidesHtml.replace("Prose, edited.", "Prose.")).toBe(first.slidesHtml);
  });

  it("that reported a problem is made, and reports it, on every compile", async () => {
    const cache = new CompileCache();
    const unclosed = { path: "slides/b.md", text: "---\nchapter: Two\n\n# Three\n" };
    for (let k = 0; k < 2; k++) {
      const deck = await compileWith(cache, [chapterA, unclosed]);
      expect(deck.diagnostics.map(formatDiagnostic)).toContain("slides/b.md:1:1: front matter opened with --- is never closed");
      expect(keptFor(cache, unclosed.path)).toEqual([]);
    }
  });
});
