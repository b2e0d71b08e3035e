// The references slides' entries (src/compile/bibliography.ts): a BibTeX note, which the
// Harvard style drops, printed after its entry; the entries cut into slides by the lines
// they take, not by a fixed count — that every slide of the real deck fits its frame is
// measured in Chromium (test/deck/deck.test.ts).
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { Bibliography, linesOf, loadCiteProcessor, referencePages, type ReferenceEntry } from "../../src/compile/bibliography.ts";

const Cite = await loadCiteProcessor();
const read = (bibtex: string): Bibliography => {
  const record = Bibliography.read("slides/references.bib", bibtex, Cite);
  if ("message" in record) throw new Error(record.message);
  return new Bibliography(record, Cite);
};

describe("an entry", () => {
  it("carries its BibTeX note after what the style prints", () => {
    const bibliography = read(`@misc{tamura2020, author = {Tamura, Yasuto}, title = {{LSTM} Back Propagation}, howpublished = {Data Science Blog}, year = {2020}, note = {Also published as \`\`Back propagation of {LSTM}''}}`);
    const [entry] = bibliography.entriesHtml(["tamura2020"]);
    expect(entry.html).toMatch(/Data Science Blog\.\s+Also published as “Back propagation of LSTM”\.$/);
  });

  it("without a note is as the style prints it", () => {
    const bibliography = read(`@misc{gomez2016, author = {Gomez, Aidan}, title = {Backpropogating an {LSTM}}, howpublished = {Blog post}, year = {2016}}`);
    expect(bibliography.entriesHtml(["gomez2016"])[0].html).toMatch(/Blog post\.$/);
  });
});

describe("lines an entry takes", () => {
  it("breaks at spaces; a word longer than what is left of a line starts the next", () => {
    expect(linesOf("word ".repeat(10))).toBe(1);
    const line = "x".repeat(40);
    expect(linesOf(`${line} ${line}`)).toBe(2); // 81 characters with the space
    expect(linesOf(`a ${"u".repeat(120)}`)).toBe(3); // a URL of 120 characters: a line and a half of its own
  });
});

describe("references slides", () => {
  const entries = (n: number, words: number): ReferenceEntry[] => Array.from({ length: n }, (_, k) => ({ key: `k${k}`, html: `<i>Entry</i> ${k}: ${"word ".repeat(words)}` }));

  it("hold every entry once, in order", () => {
    const all = entries(17, 30);
    expect(referencePages(all).flat()).toEqual(all);
  });

  it("hold fewer long entries than short ones, and a very long entry alone", () => {
    const short = referencePages(entries(10, 5)); // a line each
    const long = referencePages(entries(10, 45)); // three or four lines each
    expect(short.length).toBe(1);
    expect(long.length).toBeGreaterThan(2);
    expect(long.slice(0, -1).every((page) => page.length >= 2)).toBe(true); // not one a slide
    const huge = referencePages([...entries(1, 5), ...entries(1, 400), ...entries(1, 5)]);
    expect(huge.map((page) => page.length)).toEqual([1, 1, 1]);
  });
});

describe("a bibliography kept for the next process", () => {
  it("serves from its record what was formatted, without citation-js, and says what it lacks", () => {
    const first = read(`@misc{gomez2016, author = {Gomez, Aidan}, title = {Backpropogating an {LSTM}}, howpublished = {Blog post}, year = {2016}}\n@article{greff2017, author = {Greff, Klaus and Srivastava, Rupesh}, title = {{LSTM}: A Search Space Odyssey}, journal = {IEEE TNNLS}, year = {2017}}`);
    const citation = first.citation(["gomez2016", "greff2017"]);
    const entries = first.entriesHtml(["gomez2016", "greff2017"]);
    expect(citation).toMatch(/Gomez.*2016.*Greff.*2017/);
    // as the compile store writes and reads it
    const kept = new Bibliography(deserialize(serialize(first.record)) as typeof first.record);
    expect(kept.formats([["gomez2016", "greff2017"]], ["gomez2016", "greff2017"])).toBe(true);
    expect(kept.citation(["gomez2016", "greff2017"])).toBe(citation);
    expect(kept.entriesHtml(["gomez2016", "greff2017"])).toEqual(entries);
    expect(kept.formats([["greff2017"]], ["gomez2016", "greff2017"])).toBe(false);
    expect(() => kept.citation(["greff2017"])).toThrow(/citation-js not loaded/);
    kept.useProcessor(Cite);
    expect(kept.citation(["greff2017"])).toMatch(/Greff.*2017/);
  });
});
