// The build starts Chromium before the compiler loads when the slides hold a mermaid fence
// it has not drawn: its guess at the fences (a regular expression over the Markdown) must
// find exactly the sources the compiler's Markdown parser finds, or it would guess wrong.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mermaidFenceSources } from "../../src/chromium/early-diagrams.ts";
import { createMarkdown } from "../../src/compile/markdown/index.ts";
import { isDiagramFence } from "../../src/compile/markdown/fences.ts";

const parsed = (markdown: string): string[] =>
  createMarkdown()
    .parse(markdown, { file: "x.md", firstLine: 1, sourceLines: markdown.split("\n") })
    .filter(isDiagramFence)
    .map((t) => t.content);

describe("the early guess at a deck's diagrams", () => {
  it("finds the same sources as the compiler in every chapter of the deck", () => {
    let total = 0;
    for (const file of readdirSync("slides").filter((f) => f.endsWith(".md"))) {
      const text = readFileSync(path.join("slides", file), "utf8");
      expect(mermaidFenceSources(text), file).toEqual(parsed(text));
      total += parsed(text).length;
    }
    expect(total).toBeGreaterThan(3);
  });

  it("reads tilde fences, longer fences, indented fences and info after the language", () => {
    const markdown = [
      "Text",
      "",
      "~~~mermaid",
      "flowchart LR",
      "  a --> b",
      "~~~",
      "",
      "````mermaid {.wide}",
      "flowchart TD",
      "```",
      "still inside",
      "````",
      "",
      "  ```mermaid",
      "  flowchart LR",
      "    c --> d",
      "  ```",
      "",
      "```ts",
      "not a diagram",
      "```",
    ].join("\n");
    const expected = parsed(markdown);
    expect(expected).toHaveLength(3);
    expect(mermaidFenceSources(markdown)).toEqual(expected);
  });
});
