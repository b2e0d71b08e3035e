// The splitter against test/fixtures/compile/split.txt.
import { describe, expect, it } from "vitest";
import { splitSlides } from "../../src/compile/split.ts";
import { fixturePath, readFixtures } from "../support/fixtures.ts";

const file = fixturePath("compile", "split.txt");

function summary(markdown: string): string {
  return splitSlides(markdown, "slides/x.md")
    .flatMap((s) => {
      const first = s.markdown.split("\n").find((l) => l.trim() !== "") ?? "";
      const lines = [`${s.h}.${s.v} @${s.line}: ${first}`];
      if (s.notes) lines.push(`  notes @${s.notes.line}: ${s.notes.markdown.split("\n")[0]}`);
      return lines;
    })
    .join("\n");
}

describe("split.txt", () => {
  for (const fixture of readFixtures(file)) {
    it(`split.txt:${fixture.line} ${fixture.title}`, () => {
      expect(summary(fixture.input)).toBe(fixture.expected);
    });
  }
});

it("keeps the text of every slide, so nothing is lost between separators", () => {
  const text = "# A\ntext\n---\n# B\n--\n# C\nNote: n";
  const slides = splitSlides(text, "slides/x.md");
  expect(slides.map((s) => s.markdown)).toEqual(["# A\ntext", "# B", "# C"]);
  expect(slides[2].notes?.markdown).toBe("n");
});
