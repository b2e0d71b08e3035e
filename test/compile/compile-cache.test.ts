// What a session remembers between compiles (the dev server's) must never hide a problem:
// a formula that reported one is typeset again, and reports it again, on every compile.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/compile/diagnostics.ts";
import { DeckSession } from "../../src/session/session.ts";

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
