// The dev server's updates, applied to the page: the slides that changed are rewritten in
// place (the same elements, so reveal.js keeps their backgrounds, its place and its state)
// and re-synced one by one; a slide that only moved in its file gets its new data-source and
// keeps what the page drew in it. Only a deck that changed shape is swapped whole and
// re-synced whole, which costs reveal.js a layout of every slide.

/** What reveal.js needs to take in rewritten slides (a subset of its API). */
export interface SwappingDeck {
  sync(): void;
  syncSlide(slide: HTMLElement): void;
  getIndices(): { h: number; v?: number; f?: number };
  getCurrentSlide(): HTMLElement | undefined;
  slide(h: number, v?: number, f?: number): void;
  navigateFragment(index: number): boolean;
}

/** What the dev server sends (src/vite/dev-state.ts): the slides that changed — `index`
 * the top-level section, `slide` the slide in it — with their new HTML or only their new
 * place in the file; or the whole deck when its shape changed. */
export interface DeckUpdateMessage {
  slidesHtml?: string;
  /** each top-level section's number of slides */
  shape?: number[];
  changed?: ({ index: number; slide: number } & ({ html: string } | { source: string }))[];
}

/** Attributes reveal.js sets on a slide as it is shown: a rewrite keeps them. */
const SHOWN_ATTRIBUTES: ReadonlySet<string> = new Set(["style", "hidden", "aria-hidden", "data-index-h", "data-index-v", "data-previous-indexv"]);
/** Classes reveal.js sets on a slide as it is shown. */
const SHOWN_CLASSES: readonly string[] = ["present", "past", "future", "stack", "visible"];

const childSections = (section: Element): Element[] => [...section.children].filter((el) => el.tagName === "SECTION");
const stepCount = (slide: Element | undefined): number => slide?.querySelectorAll(".fragment").length ?? 0;

/** Makes `old` say what `fresh` says, keeping what reveal.js set on it. `fresh`'s children
 * move into `old`: setting `old.innerHTML` to `fresh.innerHTML` would write out and parse
 * again the markup the page has just parsed (a slide of formulas is thousands of nodes). */
function rewriteSlide(old: HTMLElement, fresh: Element): void {
  for (const { name } of [...old.attributes]) {
    if (name !== "class" && !SHOWN_ATTRIBUTES.has(name) && !fresh.hasAttribute(name)) old.removeAttribute(name);
  }
  for (const { name, value } of [...fresh.attributes]) if (name !== "class") old.setAttribute(name, value);
  const shown = SHOWN_CLASSES.filter((c) => old.classList.contains(c));
  old.className = fresh.className;
  old.classList.add(...shown);
  old.replaceChildren(...fresh.childNodes);
}

/** The slides, as the dev server counts them: each top-level section's slides (itself, or
 * those it stacks). */
function slidesOf(slides: HTMLElement): HTMLElement[][] {
  return (childSections(slides) as HTMLElement[]).map((section) => {
    const stacked = childSections(section) as HTMLElement[];
    return stacked.length > 0 ? stacked : [section];
  });
}

/** Applies an update. Returns whether the slide on screen was rewritten (it is then fitted
 * afresh). */
export function applyDeckUpdate(deck: SwappingDeck, slides: HTMLElement, data: DeckUpdateMessage): { current: boolean } {
  const { h, v, f } = deck.getIndices();
  const current = deck.getCurrentSlide();
  const shown = slidesOf(slides);
  const sameShape = data.shape !== undefined && data.shape.length === shown.length && data.shape.every((n, k) => n === shown[k].length);
  if (!data.changed || !sameShape) {
    slides.innerHTML = data.slidesHtml ?? "";
    deck.sync();
    deck.slide(h, v, f);
    return { current: true };
  }
  const stepsBefore = stepCount(current);
  const rewritten: HTMLElement[] = [];
  for (const change of data.changed) {
    const slide = shown[change.index][change.slide];
    if ("source" in change) slide.setAttribute("data-source", change.source); // moved: nothing else changed
    else {
      const holder = document.createElement("div");
      holder.innerHTML = change.html;
      rewriteSlide(slide, holder.firstElementChild!);
      rewritten.push(slide);
    }
  }
  for (const slide of rewritten) deck.syncSlide(slide);
  const currentRewritten = current !== undefined && rewritten.includes(current);
  // The slide on screen was rewritten, its steps hidden: show as many as were shown. With as
  // many steps as before, reveal.js only needs them shown (slide() would also lay out and
  // hide or show every slide of the deck: 70–100 ms on this deck, for one edited slide).
  if (currentRewritten) {
    if (stepCount(current) !== stepsBefore) deck.slide(h, v, f);
    else if (f !== undefined) deck.navigateFragment(f);
  }
  return { current: currentRewritten };
}
