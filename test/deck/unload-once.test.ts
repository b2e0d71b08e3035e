// The unload-once plugin: reveal.js's unload (hide a slide, reset its lazy media) runs for a
// slide still shown, and not again for one it already hid; a reveal.js without the internal
// controller is left alone.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { createUnloadOncePlugin } from "../../src/deck/unload-once.ts";

describe("unload once", () => {
  const { document } = parseHTML("<section id=a></section><section id=b></section>");
  const [shown, hidden] = [document.getElementById("a")!, document.getElementById("b")!] as HTMLElement[];

  it("unloads a slide that is shown, and not one that reveal.js already hid", () => {
    const unloaded: string[] = [];
    const slideContent = {
      unload(slide: HTMLElement) {
        unloaded.push(slide.id);
        slide.style.display = "none"; // as reveal.js's does
      },
    };
    createUnloadOncePlugin().init({ slideContent });
    hidden.style.display = "none";
    slideContent.unload(shown);
    slideContent.unload(hidden);
    slideContent.unload(shown); // hidden by the first call
    expect(unloaded).toEqual(["a"]);
  });

  it("leaves a reveal.js without the controller as it is", () => {
    const deck = {};
    createUnloadOncePlugin().init(deck);
    expect(deck).toEqual({});
  });
});
