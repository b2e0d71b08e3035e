// The handout (`npm run pdf -- --handout`): reveal's print view, rearranged onto paper —
// two slides a sheet (A4 or US letter, portrait), each slide at its last step with its
// speaker notes under it (math typeset, as on the notes screen), and a page number. The
// notes have a box of their own: text that would not fit is set smaller, never over the
// slide.

import { PAPER, type Paper } from "../shared/constants.ts";

const MARGIN = 45; // ≈ 12 mm
const SLIDES_PER_SHEET = 2;
/** notes start at 10 pt and may shrink to 7.5 pt to fit their box */
const NOTES_PT: readonly number[] = [10, 9.5, 9, 8.5, 8, 7.5];

export function paperOf(search: string): Paper | undefined {
  const value = new URLSearchParams(search).get("handout");
  if (value === null) return undefined;
  return value === "letter" ? "letter" : "a4";
}

function element(doc: Document, tag: string, className: string): HTMLElement {
  const el = doc.createElement(tag);
  el.className = className;
  return el;
}

/** Rearranges the print view's pages (`.pdf-page`, one per slide) into handout sheets. */
export function layoutHandout(doc: Document, paper: Paper, frame: { width: number; height: number }): void {
  const size = PAPER[paper];
  doc.documentElement.classList.remove("theme-dark");
  doc.documentElement.classList.add("theme-light", "handout");
  const style = doc.createElement("style");
  style.textContent = `@page { size: ${size.width}px ${size.height}px; margin: 0; }`;
  doc.head.append(style);
  // reveal's print view sizes the body to one slide: a handout is a column of sheets
  Object.assign(doc.body.style, { width: `${size.width}px`, height: "auto" });

  const slides = doc.querySelector<HTMLElement>(".reveal .slides")!;
  const pages = [...slides.querySelectorAll<HTMLElement>(".pdf-page")];
  const itemHeight = (size.height - 2 * MARGIN - 30) / SLIDES_PER_SHEET;
  // two thirds of an item for the slide, the rest for its notes
  const frameWidth = Math.min(size.width - 2 * MARGIN, (itemHeight * 0.66 * frame.width) / frame.height);
  const scale = frameWidth / frame.width;
  const sheets: HTMLElement[] = [];
  pages.forEach((page, k) => {
    if (k % SLIDES_PER_SHEET === 0) {
      const sheet = element(doc, "div", "handout-sheet");
      Object.assign(sheet.style, { width: `${size.width}px`, height: `${size.height}px`, padding: `${MARGIN}px` });
      sheets.push(sheet);
    }
    const item = element(doc, "div", "handout-item");
    item.style.height = `${itemHeight}px`;
    const holder = element(doc, "div", "handout-frame");
    Object.assign(holder.style, { width: `${frameWidth}px`, height: `${frame.height * scale}px` });
    // zoom, not a transform: a zoomed page takes its drawn size in the layout, so printing
    // does not shrink the sheet to fit a 1280 px wide box
    Object.assign(page.style, { width: `${frame.width}px`, height: `${frame.height}px`, zoom: String(scale) });
    holder.append(page);
    const notes = element(doc, "div", "handout-notes");
    const source = page.querySelector("section aside.notes");
    notes.innerHTML = source ? source.innerHTML : "";
    item.append(holder, notes);
    sheets[sheets.length - 1].append(item);
  });
  sheets.forEach((sheet, k) => {
    const number = element(doc, "div", "handout-page-number");
    number.textContent = `${k + 1} / ${sheets.length}`;
    sheet.append(number);
  });
  slides.replaceChildren(...sheets);
  for (const notes of doc.querySelectorAll<HTMLElement>(".handout-notes")) fitNotes(notes);
}

/** The largest of NOTES_PT at which the notes fit their box. */
function fitNotes(notes: HTMLElement): void {
  for (const pt of NOTES_PT) {
    notes.style.fontSize = `${pt}pt`;
    if (notes.scrollHeight <= notes.clientHeight + 1) return;
  }
  notes.classList.add("handout-notes-overflow"); // still clipped to its box: never over the slide
}
