// The deck's place as the room shares it (slide, step, overview, theme), read from reveal.js
// and applied to it.
import type { RoomView, Theme } from "../../shared/room-protocol.ts";
import type { RoomDeck } from "./types.ts";

export function themeOf(doc: Document): Theme {
  return doc.documentElement.classList.contains("theme-dark") ? "dark" : "light";
}

export function setTheme(doc: Document, theme: Theme): void {
  doc.documentElement.classList.remove("theme-light", "theme-dark");
  doc.documentElement.classList.add(`theme-${theme}`);
}

export function readView(deck: RoomDeck, doc: Document): RoomView {
  const { h, v, f } = deck.getIndices();
  return { h, v: v ?? 0, f: f ?? -1, overview: deck.isOverview(), theme: themeOf(doc) };
}

/** Same slide, step and overview (the theme aside: a student may choose their own). */
export function samePlace(a: RoomView, b: RoomView): boolean {
  return a.h === b.h && a.v === b.v && a.f === b.f && a.overview === b.overview;
}

/** Whether a page following the presenter is where they are: on a phone in the scroll
 * view a slide's steps appear as the student scrolls, so there the slide is the place. */
export function followsPlace(deck: RoomDeck, mine: RoomView, presenter: RoomView): boolean {
  return deck.isScrollView?.() ? mine.h === presenter.h && mine.v === presenter.v : samePlace(mine, presenter);
}

/** Moves the deck to `view`'s place (and theme, when asked). */
export function applyView(deck: RoomDeck, doc: Document, view: RoomView, withTheme: boolean): void {
  const here = readView(deck, doc);
  if (deck.isScrollView?.()) {
    // the reading view: to the presenter's slide; its steps are the reader's to scroll
    if (here.h !== view.h || here.v !== view.v) deck.slide(view.h, view.v);
  } else {
    if (deck.isOverview() !== view.overview) deck.toggleOverview(view.overview);
    if (!samePlace(readView(deck, doc), view)) deck.slide(view.h, view.v, view.f);
  }
  if (withTheme && themeOf(doc) !== view.theme) setTheme(doc, view.theme);
}

/** The number reveal.js shows for `view`'s slide (its place among all slides, from 1). */
export function slideNumberOf(deck: RoomDeck, view: RoomView): number {
  const slide = deck.getSlide(view.h, view.v);
  return slide ? deck.getSlides().indexOf(slide) + 1 : view.h + 1;
}
