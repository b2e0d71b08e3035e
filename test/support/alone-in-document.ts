// axe-core builds its tree of the whole document on every run, whatever it is told to check:
// a test that looks at one slide of the real deck takes the others out of the document while
// axe looks (they are hidden from it anyway), and puts them back after.
import type { Page } from "playwright-core";

/** What `installAloneInDocument` gives the page. */
export type AloneInDocument = (slide: Element) => () => void;

/** Gives the page `window.aloneInDocument(slide)`: every other slide out of `.reveal .slides`
 * (a slide in a vertical stack keeps its stack, alone in it); it returns what puts them back. */
export async function installAloneInDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { aloneInDocument: AloneInDocument }).aloneInDocument = (slide) => {
      const container = document.querySelector(".reveal .slides")!;
      const stack = slide.parentElement!.tagName === "SECTION" ? slide.parentElement! : undefined;
      const topLevel = [...container.children];
      const inStack = stack ? [...stack.children] : [];
      container.replaceChildren(...topLevel.filter((c) => c === (stack ?? slide)));
      stack?.replaceChildren(slide);
      return () => {
        container.replaceChildren(...topLevel);
        stack?.replaceChildren(...inStack);
      };
    };
  });
}
