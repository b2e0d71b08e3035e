// Facts the build, the browser runtime, the PDF printer and the tests must agree on.

/** The slide frame every size in the theme is measured in (16:9). */
export const FRAME = { width: 1280, height: 720 } as const;

/** Set on <html> as data-deck-ready="true" once every slide is fully rendered. */
export const READY_DATASET_KEY = "deckReady";
export const READY_SELECTOR = "html[data-deck-ready=true]";
