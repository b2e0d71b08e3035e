// The deck's own styles reach an element only from itself or its ancestors: no sibling
// combinator, no :has(). axe over the deck (test/support/axe-slides.ts) relies on it: after a
// slide's first step it looks only at the elements the step wrote to and what is inside them.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The deck's stylesheets: src/deck and its folders. */
function deckStylesheets(dir = "src/deck"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return deckStylesheets(file);
    return entry.name.endsWith(".css") ? [file] : [];
  });
}

/** Each selector of a stylesheet (at-rules' preludes left out). */
function selectorsOf(css: string): string[] {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, "").match(/[^{};]+(?=\{)/g) ?? [];
  return rules.map((r) => r.trim()).filter((r) => !r.startsWith("@") && !/^(from|to|\d+%)/.test(r));
}

/** Whether a selector reaches past the element and its ancestors. */
function reachesSideways(selector: string): boolean {
  if (/:has\(/.test(selector)) return true;
  // inside parentheses and brackets a + or ~ is an argument or a value, not a combinator
  const bare = selector.replace(/\([^)]*\)/g, "()").replace(/\[[^\]]*\]/g, "[]");
  return /[+~]/.test(bare);
}

describe("the deck's styles", () => {
  it("tells a selector that reaches a sibling or a parent from one that does not", () => {
    expect(reachesSideways(".reveal .fragment.visible + p")).toBe(true);
    expect(reachesSideways(".a ~ .b")).toBe(true);
    expect(reachesSideways("section:has(.fragment.visible) .edge")).toBe(true);
    expect(reachesSideways("li:nth-child(2n+1) > span")).toBe(false);
    expect(reachesSideways('a[href~="x"] .b')).toBe(false);
  });

  it("reach an element only from itself and its ancestors (no sibling combinator, no :has())", () => {
    const files = deckStylesheets();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const selectors = files.flatMap((file) => selectorsOf(readFileSync(file, "utf8")).map((s) => `${file}: ${s}`));
    expect(selectors.length).toBeGreaterThan(100);
    expect(selectors.filter(reachesSideways)).toEqual([]);
  });
});
