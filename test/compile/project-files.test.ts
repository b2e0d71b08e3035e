// A compile reads each project file once (an include is wanted by the code stage, by its
// slide's render key and by the render): and reads it again in the next compile, where it
// may have changed.
import { afterAll, describe, expect, it } from "vitest";
import { compileDeck } from "../../src/compile/pipeline.ts";
import { DeckServices } from "../../src/session/services.ts";
import { fixtureDeck } from "../support/compile-fixture.ts";

const deck = fixtureDeck({ "code/sample.ts": "// #region twice\nexport const twice = (x: number): number => 2 * x;\n// #endregion twice\n" });
afterAll(() => deck.close());

describe("project files in a compile", () => {
  it("are read once per compile, and afresh in the next", async () => {
    const services = DeckServices.create({ deckRoot: deck.root, diagrams: "browser" });
    const base = await services.forCompile();
    const reads = new Map<string, number>();
    const counting = { ...base, readProjectFile: (file: string) => (reads.set(file, (reads.get(file) ?? 0) + 1), base.readProjectFile(file)) };
    const chapter = { path: "slides/fixture.md", text: "# Code\n\n<<< ../code/sample.ts#twice\n\n---\n\n# Again\n\n<<< ../code/sample.ts\n" };
    const first = await compileDeck([chapter], counting);
    expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(first.slidesHtml).toContain("twice");
    expect(reads.get("code/sample.ts")).toBe(1);
    await compileDeck([chapter], counting);
    expect(reads.get("code/sample.ts")).toBe(2);
    await services.close();
  });
});
