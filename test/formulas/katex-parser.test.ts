// The formula checker reads KaTeX's parse tree, which is KaTeX's own and may change in any
// release: the version it is written against is pinned, and this test says so when another
// one is installed (then re-run test/formulas and test/compile before moving the pin).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { installedKatexVersion, KATEX_VERSION, parseTex } from "../../src/formulas/katex-parser.ts";

describe("the checker's KaTeX", () => {
  it("is the pinned release, in package.json and installed", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.katex).toBe(KATEX_VERSION);
    expect(installedKatexVersion()).toBe(KATEX_VERSION);
  });

  it("parses with the deck's macros and keeps source locations", () => {
    const [node] = parseTex("\\hl{1}{x}", {});
    expect(node.type).toBe("html");
    const [sup] = parseTex("y^{t}", {});
    expect(sup.type).toBe("supsub");
    // the checker finds a symbol in the source from its leaves' locations
    expect((sup.base as { loc?: unknown }).loc).toMatchObject({ start: 0, end: 1 });
  });
});
