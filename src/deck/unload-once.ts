// reveal.js "unloads" every slide beyond its view distance on every move: it hides the slide
// and resets the lazy media in it, three queries over the slide's whole subtree each time.
// A deck of KaTeX slides is tens of thousands of elements, so a move spent about 40 % of its
// time on slides that were unloaded already (≈ 100 ms a move on this deck here). A slide is
// hidden (display: none) only by reveal.js's unload, which leaves nothing to reset, and
// shown only by its load: one that is hidden is unloaded, and is not unloaded again.

/** The part of reveal.js's internal API (what it gives plugins) this uses. */
interface InternalDeck {
  slideContent?: { unload(slide: HTMLElement): void };
}

export function createUnloadOncePlugin(): { id: "unload-once"; init(deck: object): void } {
  return {
    id: "unload-once",
    init(deck) {
      const content = (deck as InternalDeck).slideContent;
      if (!content || typeof content.unload !== "function") return; // another reveal.js
      const unload = content.unload.bind(content);
      content.unload = (slide: HTMLElement) => {
        if (slide.style.display !== "none") unload(slide);
      };
    },
  };
}
