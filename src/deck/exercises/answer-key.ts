// Exercises on paper: `npm run pdf -- --seed N` prints every exercise with the numbers of
// seed N (a worksheet a whole class shares), and `--answers` adds an answer key at the end —
// each exercise's computed answers, the formula each blank completes, the seed — as slides
// of their own, a few exercises a page.
import { num } from "../../author/snippet.ts";
import { escapeHtml } from "../../shared/html.ts";

/** What the key shows for one exercise. */
export interface KeyEntry {
  /** the exercise's heading, as on its slide (HTML) */
  titleHtml: string;
  /** each answer: a number by its path, or a completed formula (TeX) */
  answers: { path?: string; tex: string }[];
}

/** How many exercises a page of the key holds. */
const PER_PAGE = 4;

/** The key as <section>s for reveal.js's print view. */
export function answerKeySections(entries: readonly KeyEntry[], seed: number | undefined, typeset: (tex: string, display: boolean) => string): string[] {
  const pages: string[] = [];
  for (let k = 0; k < entries.length; k += PER_PAGE) {
    const items = entries
      .slice(k, k + PER_PAGE)
      .map((e) => `<li><strong>${e.titleHtml}</strong>${e.answers.map((a) => `<div class="answer-key-item">${a.path ? `<code>${escapeHtml(a.path)}</code> = ${typeset(a.tex, false)}` : typeset(a.tex, true)}</div>`).join("")}</li>`)
      .join("");
    const numbers = seed === undefined ? "the numbers printed on the slides" : `the numbers of seed ${seed} (npm run grad -- --seed ${seed} CASE.json)`;
    pages.push(`<section class="answer-key" data-source="answer key"><h2>Answer key${pages.length ? " (continued)" : ""}</h2><p class="answer-key-seed">For ${escapeHtml(numbers)}.</p><ol start="${k + 1}">${items}</ol></section>`);
  }
  return pages;
}

/** A completed formula as the key and "Show answer" show it: the blank's box filled with the
 * answer (TeX, typeset with STILL_MACROS: no steps, nothing lit up). */
export function filledFormulaTex(before: string, answer: string, after: string): string {
  return `${before.trim()} \\boxed{${answer}} ${after.trim()}`.trim();
}

/** A number answer: its path, and its value at two more digits than asked. */
export function numberAnswer(path: string, value: number, decimals: number): { path: string; tex: string } {
  return { path, tex: num(value, Math.max(4, decimals + 2)) };
}
