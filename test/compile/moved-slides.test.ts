// A slide that an edit above it only moved is not rendered again but moved (its facts'
// locations shifted, its data-source rewritten: src/compile/moved-slide.ts), and the deck
// that gives must be the deck a cache that never saw the earlier text gives — its HTML, its
// diagnostics, every slide's facts and attributes, every checked formula's place. On the
// real deck (live examples, exercises with choices, routes to break, included code), with
// lines added at the top of every chapter and in its middle.
import { afterAll, describe, expect, it } from "vitest";
import { CompileCache } from "../../src/compile/cache.ts";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import { compileDeck } from "../../src/compile/pipeline.ts";
import type { ChapterFile, CompiledDeck } from "../../src/compile/state.ts";
import { DeckServices } from "../../src/session/services.ts";
import { readChapters } from "../../src/session/session.ts";

const deckRoot = process.cwd();
const services = DeckServices.create({ deckRoot, diagrams: "browser" });
afterAll(() => services.close());

const compileWith = async (cache: CompileCache, chapters: readonly ChapterFile[]): Promise<CompiledDeck> => compileDeck(chapters, { ...(await services.forCompile()), cache });

/** `text` with two lines more after its front matter, and one more before the separator in
 * its middle: the slides below each move, the slide above each gets a blank line more. */
function withLinesAdded(text: string): string {
  const front = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0] ?? "";
  const lines = text.slice(front.length).split("\n");
  const separators = lines.flatMap((line, k) => (line === "---" ? [k] : []));
  const middle = separators[Math.floor(separators.length / 2)];
  if (middle !== undefined) lines.splice(middle, 0, "");
  return `${front}\n\n${lines.join("\n")}`;
}

/** What a compile gives that says where things are. */
function placesOf(deck: CompiledDeck): unknown {
  return {
    slidesHtml: deck.slidesHtml,
    sections: deck.sections,
    diagnostics: deck.diagnostics.map(formatDiagnostic),
    facts: deck.slides.map((s) => s.facts),
    attributes: deck.slides.map((s) => s.attributes),
    sources: deck.slides.map((s) => s.source),
    checked: deck.checked.map((c) => [c.at, c.slide, c.tex]),
    unchecked: deck.formulas.unchecked,
  };
}

describe("slides an edit above them only moved", () => {
  const original = readChapters(deckRoot);
  const moved = original.map((c) => ({ ...c, text: withLinesAdded(c.text) }));
  const cache = new CompileCache();
  let before: CompiledDeck;
  let after: CompiledDeck;

  it("compile as in a cache that never saw them where they were", async () => {
    before = await compileWith(cache, original);
    after = await compileWith(cache, moved);
    const fresh = await compileWith(new CompileCache(), moved);
    expect(after.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(placesOf(after)).toEqual(placesOf(fresh));
    // and back where they were: as the first compile
    expect(placesOf(await compileWith(cache, original))).toEqual(placesOf(before));
  }, 120_000);

  it("are moved, not rendered again — but for those whose HTML names their place", () => {
    // a slide's text: its body, and its notes and where they start in it
    const text = ({ source: s }: CompiledDeck["slides"][number]): string => JSON.stringify([s.file, s.markdown, s.notes?.markdown, s.notes && s.notes.line - s.line]);
    const byText = new Map(before.slides.map((s) => [text(s), s]));
    let movedSlides = 0;
    let rendered = 0;
    for (const slide of after.slides) {
      const was = byText.get(text(slide));
      if (!was || was.source.line === slide.source.line) continue;
      // a moved slide shares what holds no place (its slots' typeset HTML) with the earlier compile
      const reused = slide.facts.slots === was.facts.slots;
      if (was.facts.namesItsPlace) expect(reused, slide.source.markdown.slice(0, 60)).toBe(false);
      else expect(reused, slide.source.markdown.slice(0, 60)).toBe(true);
      if (reused) movedSlides++;
      else rendered++;
    }
    expect(movedSlides).toBeGreaterThan(50);
    expect(rendered).toBeGreaterThan(3); // live examples and choices
  });
});

describe("a moved slide's problems found after it is rendered", () => {
  // an id declared twice: the checks stage reports it at the places the slides' facts hold,
  // moved with them (a chapter of its own folder: no bibliography or notation beside it)
  const chapter = (above: string): ChapterFile[] => [{ path: "demo/a.md", text: `${above}# One {#one}\n\n---\n\n# Two {#one}\n\nSee [the rest](#/one).\n` }];
  it("are reported where they now are", async () => {
    const cache = new CompileCache();
    const first = (await compileWith(cache, chapter(""))).diagnostics.map(formatDiagnostic);
    expect(first).toEqual(['demo/a.md:5:8: slide id "one" is already used by the slide at demo/a.md:1']);
    const moved = (await compileWith(cache, chapter("\n\n\n"))).diagnostics.map(formatDiagnostic);
    expect(moved).toEqual((await compileWith(new CompileCache(), chapter("\n\n\n"))).diagnostics.map(formatDiagnostic));
    // the second slide moved three lines down; the first still starts at line 1, its text
    // three blank lines longer
    expect(moved).toEqual(['demo/a.md:8:8: slide id "one" is already used by the slide at demo/a.md:1']);
  });
});
