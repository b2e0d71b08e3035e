// The build starts shiki's worker before the compiler loads when the slides show code its
// cache lacks, and has it highlight that code at once: its guess at the code (a regular
// expression over the Markdown) must find what the code stage announces, and the compile's
// highlighter, taking the worker over, must get those blocks without asking for them again.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { shownCode, startHighlighterEarly } from "../../src/compile/markdown/early-highlight.ts";
import { createCodeHighlighter } from "../../src/compile/markdown/highlight.ts";
import { HighlightWorkerClient } from "../../src/compile/markdown/highlight-worker-client.ts";
import { createMarkdown } from "../../src/compile/markdown/index.ts";
import { blocksOf } from "../../src/compile/stages/code.ts";
import { cacheDir } from "../../src/io/cache-dir.ts";
import { fixturePath } from "../support/fixtures.ts";

/** The code the code stage announces for the fences of `markdown` (includes aside: the guess
 * does not read other files). */
const announced = (markdown: string): ReturnType<typeof shownCode> =>
  blocksOf(
    createMarkdown()
      .parse(markdown, { file: "x.md", firstLine: 1, sourceLines: markdown.split("\n") })
      .filter((t) => t.type === "fence"),
    "x.md",
    () => undefined,
  );

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe("the early guess at a deck's code", () => {
  it("finds the same blocks as the code stage in every chapter of the deck and the sample deck", () => {
    let [chapters, total] = [0, 0];
    for (const folder of ["slides", fixturePath("sample-deck", "slides")]) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith(".md"))) {
        const text = readFileSync(path.join(folder, file), "utf8");
        expect(shownCode(text), file).toEqual(announced(text));
        [chapters, total] = [chapters + 1, total + announced(text).length];
      }
    }
    expect(chapters).toBeGreaterThan(10);
    expect(total).toBeGreaterThan(0); // this deck shows no code of its own: its snippets run
  });

  it("reads shown snippets as TypeScript, leaves out hidden ones and diagrams, keeps a fence with no language", () => {
    const markdown = [
      "```ts run show",
      "export default 1;",
      "```",
      "",
      "```ts run",
      "export default 2;",
      "```",
      "",
      "~~~mermaid",
      "flowchart LR",
      "~~~",
      "",
      "  ```python {.wide}",
      "  print(3)",
      "  ```",
      "",
      "```",
      "plain",
      "```",
    ].join("\n");
    const expected = announced(markdown);
    expect(expected.map((b) => b.lang)).toEqual(["ts", "python", ""]);
    expect(shownCode(markdown)).toEqual(expected);
  });
});

describe("a highlighter's worker started early", () => {
  it("highlights the deck's code at once; the compile's highlighter takes it over and asks for nothing again", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "early-highlight-"));
    dirs.push(root);
    mkdirSync(path.join(root, "slides"));
    const code = "const answer: number = 42;\n";
    writeFileSync(path.join(root, "slides", "01-code.md"), `# Code\n\n\`\`\`ts\n${code}\`\`\`\n`);
    const requests = vi.spyOn(Worker.prototype, "postMessage");

    const worker = startHighlighterEarly(root);
    expect(worker).toBeDefined();
    const highlighter = createCodeHighlighter(cacheDir(root, "code"), worker);
    const block = { code, lang: "ts" };
    await highlighter.prepare([block]);
    expect(requests).toHaveBeenCalledTimes(1); // the early guess's request only
    const html = highlighter.html(code, "ts");
    await highlighter.close();

    // what a highlighter of its own makes of the same block (another cache)
    const alone = createCodeHighlighter(path.join(root, "other-cache"));
    await alone.prepare([block]);
    expect(html).toBe(alone.html(code, "ts"));
    expect(html).toContain('<span style="color:#');
    await alone.close();
    // the deck's code is in its cache now: a build would start no worker
    expect(startHighlighterEarly(root)).toBeUndefined();
  }, 60_000);

  it("a guess whose worker fails is heard only by who asks; the highlighter then starts another", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "early-highlight-"));
    dirs.push(root);
    const block = { code: "let x = 1;\n", lang: "ts" };
    const worker = new HighlightWorkerClient();
    worker.prefetch([block]);
    await worker.close(); // the guess's answer never comes: no unhandled rejection
    await expect(worker.highlight([block])).rejects.toThrow(/worker stopped/);
    const highlighter = createCodeHighlighter(cacheDir(root, "code"), worker);
    await expect(highlighter.prepare([block])).rejects.toThrow(/worker stopped/);
    await highlighter.prepare([block]); // with a worker of its own
    expect(highlighter.html(block.code, "ts")).toContain("<pre");
    await highlighter.close();
  }, 60_000);
});
