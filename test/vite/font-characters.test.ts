// A build's font characters are kept by what they were worked out from: the same slides and
// tools find the record, a changed slide or changed tools work them out again.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { fontCharacters, fontCharactersKept } from "../../src/vite/katex-fonts-plugin.ts";

const slide = (tex: string): string => `<section>${katex.renderToString(tex, { output: "html" })}</section>`;

describe("fontCharactersKept", () => {
  it("gives what fontCharacters gives, from its record while slides and tools are the same", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "font-characters-")), "characters.json");
    const slides = [slide("\\mathbb{R}^n"), slide("\\delta h_t = W^\\top \\delta y_t")];
    const worked = await fontCharactersKept(slides, file, "tools-1");
    expect(Object.fromEntries(worked)).toEqual(Object.fromEntries(fontCharacters(slides)));
    expect(worked.get("KaTeX_AMS|400|normal")).toContain("R");

    // the record is what a second build reads: mark it, and the mark comes back
    const record = JSON.parse(readFileSync(file, "utf8")) as { key: string; byFace: [string, string][] };
    writeFileSync(file, JSON.stringify({ key: record.key, byFace: [["KaTeX_Marked|400|normal", "m"]] }));
    expect([...(await fontCharactersKept(slides, file, "tools-1")).keys()]).toEqual(["KaTeX_Marked|400|normal"]);

    // another slide, or other tools: worked out again
    const edited = [slides[0], slide("\\delta c_t")];
    expect(Object.fromEntries(await fontCharactersKept(edited, file, "tools-1"))).toEqual(Object.fromEntries(fontCharacters(edited)));
    writeFileSync(file, JSON.stringify({ key: record.key, byFace: [["KaTeX_Marked|400|normal", "m"]] }));
    expect(Object.fromEntries(await fontCharactersKept(slides, file, "tools-2"))).toEqual(Object.fromEntries(fontCharacters(slides)));
  });
});
