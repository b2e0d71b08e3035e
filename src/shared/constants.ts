// Facts the build, the browser runtime, the PDF printer and the tests must agree on.

/** The slide frame every size in the theme is measured in (16:9). */
export const FRAME = { width: 1280, height: 720 } as const;

/** Set on <html> as data-deck-ready="true" once every slide is fully rendered. */
export const READY_DATASET_KEY = "deckReady";
export const READY_SELECTOR = "html[data-deck-ready=true]";
/** Dispatched on the document at the same moment. */
export const READY_EVENT = "deck-ready";

/** Paper a handout prints on (portrait): its size in CSS pixels (96 per inch), and its
 * name as Chromium's printer knows it. */
export const PAPER = {
  a4: { width: 793.7, height: 1122.5, format: "A4" }, // 210 × 297 mm
  letter: { width: 816, height: 1056, format: "Letter" }, // 8.5 × 11 in
} as const;
export type Paper = keyof typeof PAPER;
