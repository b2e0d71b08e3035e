// linkedom as the commands bundle it (scripts/linkedom-style-sheets.mjs): its <style> element
// without cssomnom, which it imports only to answer `.sheet`. The installed linkedom's file
// reads as the change expects (else it would be bundled unchanged, silently), the change
// leaves no import of the parser, a `.sheet` read says why it fails, and no code the
// commands run reads a style sheet (the deck's browser code, src/deck/, has a real one).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STYLE_ELEMENT_FILE, withoutStyleSheetParser } from "../../scripts/linkedom-style-sheets.mjs";

/** the ES module build's file, which the commands bundle */
const file = path.join(path.dirname(createRequire(import.meta.url).resolve("linkedom/package.json")), "esm", "html", "style-element.js");

/** every .ts and .mjs file below `dir` */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|mjs)$/.test(name) ? [full] : [];
  });

describe("linkedom's <style> element, without its CSS parser", () => {
  it("the installed linkedom reads as the change expects; the parser is no longer imported", () => {
    expect(STYLE_ELEMENT_FILE.test(file)).toBe(true);
    const patched = withoutStyleSheetParser(readFileSync(file, "utf8"));
    expect(patched).toBeDefined();
    expect(patched).not.toContain("cssomnom");
    expect(withoutStyleSheetParser("class X { constructor() {} }")).toBeUndefined();
  });

  it("a style sheet read throws, saying why", () => {
    const patched = withoutStyleSheetParser(readFileSync(file, "utf8"))!;
    const parse = new Function(`${patched.split("\n").find((line) => line.startsWith("const parse"))!}\nreturn parse;`)() as () => unknown;
    expect(() => parse()).toThrow(/not parsed in this command: its CSS parser is left out/);
  });

  it("no code the commands run reads a style sheet", () => {
    const files = [...sources("src").filter((f) => !f.startsWith(path.join("src", "deck"))), ...sources("scripts").filter((f) => !f.endsWith("linkedom-style-sheets.mjs"))];
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => /\.sheet\b|styleSheets|CSSStyleSheet/.test(readFileSync(f, "utf8")))).toEqual([]);
  });
});
