// The controls the compiler writes onto exercise and example slides, read as a screen reader
// and a speech user meet them: a button's or a switch's name says in words what it does and
// contains the text it shows (WCAG 2.5.3, label in name).
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { breakRoutesHtml, paletteHtml } from "../../src/compile/html/exercise-html.ts";

const parse = (html: string): Document => parseHTML(`<html><body>${html}</body></html>`).document;

describe("the TeX palette", () => {
  it("names every button by the text it shows, then in words", () => {
    const buttons = [...parse(paletteHtml()).querySelectorAll("button")];
    expect(buttons.length).toBeGreaterThan(5);
    for (const button of buttons) {
      const shown = button.textContent ?? "";
      const name = button.getAttribute("aria-label") ?? "";
      expect(shown.trim(), button.outerHTML).not.toBe("");
      expect(name.startsWith(shown), `${JSON.stringify(name)} should begin with ${JSON.stringify(shown)}`).toBe(true);
      expect(name.slice(shown.length), name).toMatch(/[a-z]{4,}/); // and says it in words
    }
  });
});

describe("the switches that leave a route out", () => {
  const cases: Record<string, string[]> = {
    rnn: ["loss", "recurrent"],
    lstm: ["loss", "recurrent-z", "recurrent-i", "recurrent-f", "recurrent-o", "cell"],
    gru: ["loss", "straight", "recurrent-r", "recurrent-z", "recurrent-n"],
  };
  it.each(Object.entries(cases))("names each route of a %s in words and typesets it in display style", (cell, routes) => {
    const typeset: string[] = [];
    const html = breakRoutesHtml("case.json", { cell }, routes, (tex) => (typeset.push(tex), `<span class="katex">${tex}</span>`), "id");
    const boxes = [...parse(html).querySelectorAll("input[type=checkbox]")];
    expect(boxes.map((b) => b.getAttribute("data-route"))).toEqual(routes);
    for (const box of boxes) {
      const name = box.getAttribute("aria-label") ?? "";
      // words a screen reader says, then the route's symbols spelled out (R_z: Unicode has no
      // subscript z), no TeX
      expect(name, name).toMatch(/^leave out the route (through|straight) [a-z' ]+, \S/);
      expect(name, name).not.toMatch(/[\\{}^]/);
    }
    // a fraction in a route (∂Lᵗ/∂hᵗ) has scripts of a script's size, not a script's script
    expect(typeset.length).toBe(routes.length);
    for (const tex of typeset) expect(tex).toMatch(/^\\displaystyle /);
  });
});
