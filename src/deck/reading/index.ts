// The reading view: reveal.js's scroll view (?view=scroll, and on its own below reveal's
// scrollActivationWidth, 435 px) on a screen narrower than the slide frame, with the slides
// reflowed for that screen instead of the 1280-px frame scaled down (reading.css). reveal.js
// places every page at the viewport's height and finds the current slide and step by
// counting pages; reflowed pages are as tall as their content, so here the current slide is
// the one at the top of the screen and each step appears as it scrolls into view. On a
// screen as wide as the frame, and when presenting, nothing changes.
import type { RevealApi } from "reveal.js";
import { FRAME } from "../../shared/constants.ts";
import { liftSmallScripts } from "./formula-floor.ts";
import "./reading.css";

/** A screen narrower than the slide frame, where the reading view may be on (a media query:
 * reading window.innerWidth makes the browser bring the whole page's styles up to date). */
export const NARROWER_THAN_FRAME = `not all and (min-width: ${FRAME.width}px)`;

/** The class on <html> while the reading view is on. */
export const READING_CLASS = "reading-view";
/** a step appears once its top is this far down the screen */
const REVEAL_LINE = 0.85;
/** a slide is the current one once its top is this close to the screen's (px): scrolling to
 * a slide (a link, the URL) lands it there, whatever rounding the scroll position gets */
const TOP_SLACK = 4;

/** What the plugin uses of reveal.js's scroll view: the internal API reveal.js hands its
 * plugins (the scroll view controller, fragments). Checked at init; nothing else is used. */
interface ScrollPage {
  pageElement: HTMLElement;
  slideElement: HTMLElement;
  scrollTriggers: unknown[];
}
interface ScrollView {
  isActive(): boolean;
  activate(): void;
  setTriggerRanges(): void;
  deactivate(): void;
  scrollToSlide(slide: HTMLElement): void;
  slideTriggers: { range: [number, number]; page: ScrollPage }[];
}
interface InternalDeck extends RevealApi {
  scroll?: ScrollView;
  location?: { writeURL(): void };
  fragments?: { sort(fragments: Iterable<Element>, grouped?: boolean): HTMLElement[] & HTMLElement[][]; update(index: number, fragments: HTMLElement[], slide: HTMLElement): void };
}

/** A page's steps: its fragments in order, and where each group starts (scroll coordinates). */
interface PageSteps {
  slide: HTMLElement;
  fragments: HTMLElement[];
  tops: number[];
  shown: number;
}

export function createReadingPlugin(): { id: "reading"; init(deck: RevealApi): void; destroy(): void } {
  const cleanups: (() => void)[] = [];
  return {
    id: "reading",
    init(deck) {
      const internal = deck as InternalDeck;
      const scroll = internal.scroll;
      const fragments = internal.fragments;
      if (!scroll || !fragments || typeof scroll.setTriggerRanges !== "function" || typeof scroll.activate !== "function") return; // another reveal.js: its own scroll view
      const steps = { pages: [] as PageSteps[], frame: 0, url: 0 as ReturnType<typeof setTimeout> | 0 };
      const viewport = deck.getViewportElement()!;
      // not window.innerWidth: its styles brought up to date just before the class toggled
      // below makes them stale again cost a phone-sized page 0.8 s each time here
      const narrow = window.matchMedia(NARROWER_THAN_FRAME);
      const reading = (): boolean => scroll.isActive() && narrow.matches;
      const measuredFormulas = new WeakSet<Element>();
      const showSteps = (): void => {
        const line = viewport.scrollTop + viewport.clientHeight * REVEAL_LINE;
        for (const page of steps.pages) {
          const shown = page.tops.filter((top) => top < line).length - 1;
          if (shown !== page.shown) fragments.update(shown, page.fragments, page.slide);
          page.shown = shown;
        }
      };
      const ranges = scroll.setTriggerRanges.bind(scroll);
      // reveal.js calls this at every layout of the scroll view, once its pages exist
      scroll.setTriggerRanges = function (this: ScrollView) {
        const on = reading();
        document.documentElement.classList.toggle(READING_CLASS, on);
        // every slide is on the page: none hidden from screen readers (reveal.js leaves the
        // marks of the slide view on the sections it moves into the scroll view)
        deck.getSlidesElement()?.querySelectorAll("section[aria-hidden]").forEach((s) => s.removeAttribute("aria-hidden"));
        if (!on) return ranges();
        const slides = deck.getSlidesElement()!;
        liftSmallScripts(slides, measuredFormulas);
        steps.pages = readingRanges(scroll, viewport, fragments);
        focusableScrollers(slides);
        showSteps();
      };
      // a slide reached by a link or the address lands at the top of the screen, inside its
      // own range (reveal.js lands on the range's edge, which rounding can miss)
      const scrollToSlide = scroll.scrollToSlide.bind(scroll);
      scroll.scrollToSlide = (slide: HTMLElement) => {
        const page = slide.closest<HTMLElement>(".scroll-page");
        if (!reading() || !page) return scrollToSlide(slide);
        viewport.scrollTop += page.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
      };
      wrapActivation(scroll, narrow, () => (steps.pages = []));
      const onScroll = (): void => {
        if (steps.frame || steps.pages.length === 0) return;
        steps.frame = requestAnimationFrame(() => {
          steps.frame = 0;
          showSteps();
        });
        // the address follows the slide at the top once reveal.js has found it (a reload or a
        // shared link lands there); only on scrolling, never over the address opened
        clearTimeout(steps.url);
        steps.url = setTimeout(() => internal.location?.writeURL(), 200);
      };
      viewport.addEventListener("scroll", onScroll, { passive: true });
      cleanups.push(() => viewport.removeEventListener("scroll", onScroll));
    },
    destroy() {
      cleanups.forEach((c) => c());
    },
  };
}

/** The reading view's class on as the scroll view activates on a narrow screen, and off
 * (`onDeactivated` told) as it deactivates. On before reveal.js first measures the scroll
 * view's pages: set only when it lays them out (setTriggerRanges), it changed every
 * element's style after that first measure, and the page was styled and laid out twice (on
 * a phone, ≈ 1.1 s of the ≈ 5.5 s before it was ready). */
function wrapActivation(scroll: ScrollView, narrow: MediaQueryList, onDeactivated: () => void): void {
  const activate = scroll.activate.bind(scroll);
  scroll.activate = () => {
    if (narrow.matches) document.documentElement.classList.add(READING_CLASS);
    activate();
  };
  const deactivate = scroll.deactivate.bind(scroll);
  scroll.deactivate = () => {
    deactivate();
    document.documentElement.classList.remove(READING_CLASS);
    onDeactivated();
  };
}

/** The scroll view's ranges for pages of their own heights — a slide is the current one
 * while it is at the top of the screen — with its per-step triggers taken over (steps
 * appear as they come into view, on every page on the screen, see showSteps). Returns the
 * pages' steps. */
function readingRanges(scroll: ScrollView, viewport: HTMLElement, fragments: NonNullable<InternalDeck["fragments"]>): PageSteps[] {
  const scrollable = Math.max(viewport.scrollHeight - viewport.clientHeight, 1);
  const origin = viewport.getBoundingClientRect().top - viewport.scrollTop;
  const top = (el: Element): number => el.getBoundingClientRect().top - origin;
  const pages: PageSteps[] = [];
  scroll.slideTriggers.forEach((trigger, k) => {
    const { pageElement, slideElement } = trigger.page;
    trigger.page.scrollTriggers = [];
    const start = k === 0 ? 0 : Math.min(1, (top(pageElement) - TOP_SLACK) / scrollable);
    const end = k === scroll.slideTriggers.length - 1 ? 1 : Math.min(1, (top(pageElement) + pageElement.offsetHeight - TOP_SLACK) / scrollable);
    trigger.range = [start, Math.max(start, end)];
    const groups = fragments.sort(slideElement.querySelectorAll(".fragment"), true) as unknown as HTMLElement[][];
    if (groups.length === 0) return;
    // a step never appears before the one it follows
    const tops = groups.map((group) => Math.min(...group.map(top)));
    for (let g = 1; g < tops.length; g++) tops[g] = Math.max(tops[g], tops[g - 1]);
    pages.push({ slide: slideElement, fragments: fragments.sort(slideElement.querySelectorAll(".fragment:not(.disabled)")), tops, shown: NaN });
  });
  return pages;
}

/** A box that scrolls sideways (a wide formula, table or code block) can be scrolled from
 * the keyboard: it takes the focus. */
function focusableScrollers(slides: HTMLElement): void {
  const boxes = [...slides.querySelectorAll<HTMLElement>(".katex-display, table, pre")].filter((box) => !box.closest("aside.notes"));
  const scrolling = boxes.filter((box) => box.scrollWidth > box.clientWidth + 1);
  for (const box of scrolling) if (!box.hasAttribute("tabindex")) box.tabIndex = 0;
}
