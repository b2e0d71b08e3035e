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

/** A page's steps: its fragments in order, and where each group starts below the page's
 * top, once the page has been laid out (a page the browser has skipped so far has none). */
interface PageSteps {
  page: HTMLElement;
  slide: HTMLElement;
  groups: HTMLElement[][];
  fragments: HTMLElement[];
  offsets?: number[];
  shown: number;
}

/** The class on <html> while pages off the screen are left unrendered (reading.css): only
 * where the browser says when a page comes to be rendered, so that its steps are measured. */
const LAZY_PAGES_CLASS = "reading-lazy";
const RENDER_STATE_EVENT = "contentvisibilityautostatechange";

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
      // Pages off the screen are not styled or laid out until they come near it: on a phone,
      // the whole deck laid out as one column was most of the 3 s before it was ready.
      const lazy = typeof window.ContentVisibilityAutoStateChangeEvent === "function";
      document.documentElement.classList.toggle(LAZY_PAGES_CLASS, lazy);
      const measuredFormulas = new WeakSet<Element>();
      const position = scrollPosition(viewport);
      const showSteps = (): void => {
        const line = viewport.scrollTop + viewport.clientHeight * REVEAL_LINE;
        for (const page of steps.pages) {
          const shown = stepsAbove(page, position(page.page), line);
          if (shown !== page.shown) fragments.update(shown, page.fragments, page.slide);
          page.shown = shown;
        }
      };
      /** a page's formulas set for reading: before it is drawn where it can be (near the
       * screen, or landed at), else as the browser lays it out */
      const lift = (pageElement: Element): void => liftSmallScripts(pageElement, measuredFormulas);
      const laidOut = (pageElement: Element): void => measurePage(pageElement, steps.pages, measuredFormulas, position);
      const ranges = scroll.setTriggerRanges.bind(scroll);
      // reveal.js calls this at every layout of the scroll view, once its pages exist
      scroll.setTriggerRanges = function (this: ScrollView) {
        const on = reading();
        document.documentElement.classList.toggle(READING_CLASS, on);
        // every slide is on the page: none hidden from screen readers (reveal.js leaves the
        // marks of the slide view on the sections it moves into the scroll view)
        deck.getSlidesElement()?.querySelectorAll("section[aria-hidden]").forEach((s) => s.removeAttribute("aria-hidden"));
        if (!on) {
          takeBackFocus(deck.getSlidesElement()!);
          return ranges();
        }
        steps.pages = readingPages(scroll, fragments);
        if (lazy) nearTheScreen(scroll, viewport, position).forEach(lift);
        if (lazy) focusableUntilMeasured(deck.getSlidesElement()!);
        // a page whose content the browser skips says so through its first child
        for (const { page } of scroll.slideTriggers) if (!lazy || page.pageElement.firstElementChild?.checkVisibility({ contentVisibilityAuto: true })) laidOut(page.pageElement);
        pageRanges(scroll, viewport, position);
        showSteps();
      };
      // a page comes near the screen: measured, and the ranges follow its real height
      cleanups.push(
        whenLaidOut(viewport, (page) => {
          if (!reading()) return;
          laidOut(page);
          pageRanges(scroll, viewport, position);
          showSteps();
        }),
      );
      landAtTop(scroll, viewport, reading, (page) => [page, page.nextElementSibling].forEach((p) => p && lift(p)));
      wrapActivation(scroll, deck.getConfig(), narrow, () => {
        steps.pages = [];
        takeBackFocus(deck.getSlidesElement()!);
      });
      cleanups.push(followScrolling(viewport, steps, showSteps, () => internal.location?.writeURL()));
    },
    destroy() {
      cleanups.forEach((c) => c());
    },
  };
}

/** Tells `laidOut` of each page the browser lays out as it comes near the screen. Returns
 * what stops telling. */
function whenLaidOut(viewport: HTMLElement, laidOut: (page: Element) => void): () => void {
  const listener = (event: Event): void => {
    const page = event.target as Element;
    if (!(event as ContentVisibilityAutoStateChangeEvent).skipped && page.matches(".scroll-page")) laidOut(page);
  };
  viewport.addEventListener(RENDER_STATE_EVENT, listener, { capture: true });
  return () => viewport.removeEventListener(RENDER_STATE_EVENT, listener, { capture: true });
}

/** A slide reached by a link or the address lands at the top of the screen, inside its own
 * range (reveal.js lands on the range's edge, which rounding can miss). */
function landAtTop(scroll: ScrollView, viewport: HTMLElement, reading: () => boolean, beforeLanding: (page: HTMLElement) => void): void {
  const scrollToSlide = scroll.scrollToSlide.bind(scroll);
  scroll.scrollToSlide = (slide: HTMLElement) => {
    const page = slide.closest<HTMLElement>(".scroll-page");
    if (!reading() || !page) return scrollToSlide(slide);
    beforeLanding(page);
    viewport.scrollTop += page.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
  };
}

/** On scrolling: the steps shown once a frame, and the address written once it stops. Returns
 * what stops following. */
function followScrolling(viewport: HTMLElement, steps: { pages: PageSteps[]; frame: number; url: ReturnType<typeof setTimeout> | 0 }, showSteps: () => void, writeURL: () => void): () => void {
  const onScroll = (): void => {
    if (steps.frame || steps.pages.length === 0) return;
    steps.frame = requestAnimationFrame(() => {
      steps.frame = 0;
      showSteps();
    });
    // the address follows the slide at the top once reveal.js has found it (a reload or a
    // shared link lands there); only on scrolling, never over the address opened
    clearTimeout(steps.url);
    steps.url = setTimeout(writeURL, 200);
  };
  viewport.addEventListener("scroll", onScroll, { passive: true });
  return () => viewport.removeEventListener("scroll", onScroll);
}

/** The reading view's class on as the scroll view activates on a narrow screen, and off
 * (`onDeactivated` told) as it deactivates. On before reveal.js first measures the scroll
 * view's pages: set only when it lays them out (setTriggerRanges), it changed every
 * element's style after that first measure, and the page was styled and laid out twice (on
 * a phone, ≈ 1.1 s of the ≈ 5.5 s before it was ready).
 * While it is on, reveal.js does not centre slides (`center` off in its configuration, read at
 * each layout): the reading view sets no slide's top, and reveal.js measured every slide's
 * height for it, laying out the pages off the screen that the browser would have skipped. */
function wrapActivation(scroll: ScrollView, config: { center?: boolean }, narrow: MediaQueryList, onDeactivated: () => void): void {
  const centred = config.center;
  const activate = scroll.activate.bind(scroll);
  scroll.activate = () => {
    if (narrow.matches) {
      document.documentElement.classList.add(READING_CLASS);
      config.center = false;
    }
    activate();
  };
  const deactivate = scroll.deactivate.bind(scroll);
  scroll.deactivate = () => {
    config.center = centred;
    deactivate();
    document.documentElement.classList.remove(READING_CLASS);
    onDeactivated();
  };
}

/** Where an element's top is in the viewport's scroll coordinates. */
function scrollPosition(viewport: HTMLElement): (el: Element) => number {
  return (el) => el.getBoundingClientRect().top - viewport.getBoundingClientRect().top + viewport.scrollTop;
}

/** The scroll view's pages with their steps (what reveal.js would step through), not measured. */
function readingPages(scroll: ScrollView, fragments: NonNullable<InternalDeck["fragments"]>): PageSteps[] {
  return scroll.slideTriggers.flatMap((trigger) => {
    const { pageElement: page, slideElement: slide } = trigger.page;
    // the steps appear as they scroll into view (showSteps), not by reveal.js's triggers
    trigger.page.scrollTriggers = [];
    const groups = fragments.sort(slide.querySelectorAll(".fragment"), true) as unknown as HTMLElement[][];
    return groups.length === 0 ? [] : [{ page, slide, groups, fragments: fragments.sort(slide.querySelectorAll(".fragment:not(.disabled)")), shown: NaN }];
  });
}

/** The pages on the screen, a screen above it and two below (at their estimated heights
 * where the browser has not laid them out): those it is about to draw. */
function nearTheScreen(scroll: ScrollView, viewport: HTMLElement, position: (el: Element) => number): HTMLElement[] {
  const screen = viewport.clientHeight;
  const [from, to] = [viewport.scrollTop - screen, viewport.scrollTop + 3 * screen];
  return scroll.slideTriggers.map((t) => t.page.pageElement).filter((page) => {
    const top = position(page);
    return top < to && top + page.offsetHeight > from;
  });
}

/** A page the browser lays out: its formulas lifted, its wide boxes focusable, its steps
 * measured. */
function measurePage(pageElement: Element, pages: PageSteps[], measured: WeakSet<Element>, position: (el: Element) => number): void {
  liftSmallScripts(pageElement, measured);
  focusableScrollers(pageElement);
  const page = pages.find((p) => p.page === pageElement);
  if (page) page.offsets = stepOffsets(page, position);
}

/** Each step's top below its page's top; a step never appears before the one it follows. */
function stepOffsets(page: PageSteps, position: (el: Element) => number): number[] {
  const pageTop = position(page.page);
  const offsets = page.groups.map((group) => Math.min(...group.map(position)) - pageTop);
  for (let g = 1; g < offsets.length; g++) offsets[g] = Math.max(offsets[g], offsets[g - 1]);
  return offsets;
}

/** The last step shown on a page whose top is at `top`, with the reveal line at `line`. A
 * page not laid out yet is away from the screen: all of it above the line or none. */
function stepsAbove(page: PageSteps, top: number, line: number): number {
  if (page.offsets) return page.offsets.filter((offset) => top + offset < line).length - 1;
  return top + page.page.offsetHeight < line ? page.groups.length - 1 : -1;
}

/** The scroll view's ranges for pages of their own heights: a slide is the current one while
 * it is at the top of the screen. A page not laid out yet counts at its estimated height
 * (reading.css) until it is. */
function pageRanges(scroll: ScrollView, viewport: HTMLElement, position: (el: Element) => number): void {
  const scrollable = Math.max(viewport.scrollHeight - viewport.clientHeight, 1);
  const last = scroll.slideTriggers.length - 1;
  scroll.slideTriggers.forEach((trigger, k) => {
    const { pageElement } = trigger.page;
    const top = position(pageElement);
    const start = k === 0 ? 0 : Math.min(1, (top - TOP_SLACK) / scrollable);
    const end = k === last ? 1 : Math.min(1, (top + pageElement.offsetHeight - TOP_SLACK) / scrollable);
    trigger.range = [start, Math.max(start, end)];
  });
}

/** The boxes that may scroll sideways: a wide formula, table or code block. */
const sideways = (root: Element): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(".katex-display, table, pre")].filter((box) => !box.closest("aside.notes"));
/** marks a tabindex the reading view gave (and may take back) */
const GIVEN_FOCUS = "readingFocus";

/** Until its page is laid out, every box that may scroll sideways takes the focus: whether it
 * does is known only then (focusableScrollers), and one that does must be reachable from the
 * keyboard at any time, also on a page the reader has not come near yet. */
function focusableUntilMeasured(slides: Element): void {
  for (const box of sideways(slides)) if (!box.hasAttribute("tabindex")) giveFocus(box);
}

/** Makes `box` a stop of the keyboard's, marked as the reading view's doing. */
function giveFocus(box: HTMLElement): void {
  box.tabIndex = 0;
  box.dataset[GIVEN_FOCUS] = "";
}

/** Takes back from `box` a focus the reading view gave it (and only such a focus). */
function takeFocus(box: HTMLElement): void {
  if (box.dataset[GIVEN_FOCUS] === undefined) return;
  box.removeAttribute("tabindex");
  delete box.dataset[GIVEN_FOCUS];
}

/** Out of the reading view, a box is no stop of the keyboard's because the reading view made it one. */
function takeBackFocus(slides: Element): void {
  sideways(slides).forEach(takeFocus);
}

/** On a laid-out page, a box that scrolls sideways can be scrolled from the keyboard: it takes
 * the focus; one that does not scroll gives back a focus the reading view gave it. */
function focusableScrollers(page: Element): void {
  // every width read before anything is written: one layout
  const boxes = sideways(page).map((box) => ({ box, scrolls: box.scrollWidth > box.clientWidth + 1 }));
  for (const { box, scrolls } of boxes) {
    if (scrolls && !box.hasAttribute("tabindex")) giveFocus(box);
    else if (!scrolls && box !== document.activeElement) takeFocus(box);
  }
}
