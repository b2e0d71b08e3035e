// Which slide a stroke belongs to: the section's id when it has a usable one (ids survive
// edits that move slides), else reveal's "h.v".
import { SLIDE_KEY } from "../../shared/drawing-format.ts";

export interface IndexedDeck {
  getIndices(slide?: HTMLElement): { h: number; v: number; f?: number };
}

export function slideKeyOf(deck: IndexedDeck, section: HTMLElement): string {
  if (SLIDE_KEY.test(section.id)) return section.id;
  const { h, v } = deck.getIndices(section);
  return `${h}.${v ?? 0}`;
}

/** The fragment index a slide shows (-1: before its first step, or no steps). */
export function currentStep(deck: IndexedDeck): number {
  const f = deck.getIndices().f;
  return typeof f === "number" && Number.isFinite(f) ? f : -1;
}

/** The key of the slide reveal.js shows now. */
export function currentSlideKey(deck: IndexedDeck & { getCurrentSlide(): HTMLElement | undefined }): string | undefined {
  const slide = deck.getCurrentSlide();
  return slide ? slideKeyOf(deck, slide) : undefined;
}
