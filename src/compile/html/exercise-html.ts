// The controls of an exercise slide, as the browser's exercises plugin (src/deck/exercises/)
// and tools find them (README, "Exercises"): a number blank is an <input> with
// data-exercise-case and data-exercise-path, a formula blank an <textarea> with
// data-exercise-formula holding the deck's own answer, each with an aria-live verdict; the
// slide's buttons and its case (for new numbers) follow what the student fills in.
import type { FormulaBlank } from "../../formulas/judge.ts";
import { readable } from "../../formulas/readable.ts";
import { escapeHtml } from "../../shared/html.ts";
import { toleranceOf } from "../../shared/tolerance.ts";
import type { NumberBlankFact } from "../model.ts";

export interface ExerciseIds {
  /** an id for slot n of the slide, unique in the deck */
  of(slot: number): string;
}

const verdict = (id: string): string => `<span class="exercise-verdict" id="${id}-verdict" role="status" aria-live="polite"></span>`;

/** "deltas.c.1.0" read out: "deltas.c, index 1, 0". */
function spokenPath(path: string): string {
  const parts = path.split(".");
  const names = parts.filter((p) => !/^\d+$/.test(p));
  const indices = parts.filter((p) => /^\d+$/.test(p));
  return indices.length ? `${names.join(".")} at index ${indices.join(", ")}` : names.join(".");
}

export function numberBlankHtml(caseFile: string, blank: NumberBlankFact, ids: ExerciseIds): string {
  const id = ids.of(blank.slot);
  const tolerance = toleranceOf(blank.decimals);
  return (
    `<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="exercise-input" id="${id}"` +
    ` data-exercise-case="${escapeHtml(caseFile)}" data-exercise-path="${escapeHtml(blank.path)}" data-exercise-decimals="${blank.decimals}"` +
    ` data-exercise-tolerance="${tolerance}" aria-label="your answer for ${escapeHtml(spokenPath(blank.path))}, to ${blank.decimals} decimals" aria-describedby="${id}-verdict">` +
    verdict(id)
  );
}

/** TeX a student often needs: what its button shows, what that is in words, and what it
 * inserts. A button's accessible name begins with what it shows (WCAG 2.5.3, label in
 * name: a speech user says what they see), then says it in words. */
const PALETTE: readonly { label: string; words: string; insert: string }[] = [
  { label: "⊙", words: "elementwise product", insert: "\\odot " },
  { label: "ᵀ", words: "transpose", insert: "^\\top" },
  { label: "σ′", words: "sigmoid derivative", insert: "\\sigma'()" },
  { label: "tanh′", words: "tanh derivative", insert: "\\tanh'()" },
  { label: "xᵗ", words: "superscript t", insert: "^{t}" },
  { label: "xᵗ⁺¹", words: "superscript t plus 1", insert: "^{t+1}" },
  { label: "xᵗ⁻¹", words: "superscript t minus 1", insert: "^{t-1}" },
  { label: "δ", words: "delta", insert: "\\delta" },
  { label: "𝐯", words: "bold vector", insert: "\\mathbf{}" },
  { label: "v̄", words: "bar", insert: "\\bar{}" },
];

/** The palette's buttons, each named by what it shows and what it inserts. */
export function paletteHtml(): string {
  return PALETTE.map((p) => `<button type="button" data-insert="${escapeHtml(p.insert)}" aria-label="${escapeHtml(`${p.label}: insert ${p.words}`)}">${p.label}</button>`).join("");
}

export function formulaBlankHtml(caseFile: string, blank: FormulaBlank, id: string): string {
  return (
    `<div class="exercise-formula">` +
    `<label for="${id}">Your right-hand side, in TeX</label>` +
    `<textarea id="${id}" class="exercise-tex" rows="2" autocomplete="off" spellcheck="false" data-exercise-case="${escapeHtml(caseFile)}"` +
    ` data-exercise-formula="${escapeHtml(blank.answer)}" data-exercise-before="${escapeHtml(blank.before.trim())}" data-exercise-after="${escapeHtml(blank.after.trim())}" aria-describedby="${id}-verdict"></textarea>` +
    `<div class="exercise-palette" role="toolbar" aria-label="insert TeX">${paletteHtml()}</div>` +
    `<div class="exercise-preview" aria-hidden="true"></div>` +
    verdict(id) +
    `</div>`
  );
}

export function choicesHeadHtml(id: string): string {
  return `<legend>Which one fills the blank?</legend>${verdict(id)}`;
}

/** What the browser needs besides the page: the case (new numbers are drawn like it) and, for
 * each choices list (by its radios' name), the answer's index and what the choices fill. */
export interface ExerciseData {
  case: string;
  json: unknown;
  choices: Record<string, { right: number; before: string; after: string; options: string[] }>;
}

export function exerciseControls(data: ExerciseData, hints: number): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const hint = hints > 0 ? `<button type="button" data-exercise-action="hint">Hint (${hints})</button>` : "";
  return (
    `<div class="exercise-controls">` +
    `<button type="button" data-exercise-action="check">Check</button>${hint}` +
    `<button type="button" data-exercise-action="answer" disabled>Show answer</button>` +
    `<label class="exercise-seed-label">seed <input type="text" inputmode="numeric" class="exercise-seed-input" size="6" autocomplete="off" aria-label="seed for new numbers (empty: a random one)"></label>` +
    `<button type="button" data-exercise-action="new-numbers">New numbers</button>` +
    `<span class="exercise-seed" role="status" aria-live="polite"></span><span class="exercise-progress"></span>` +
    `</div><script type="application/json" class="exercise-data">${json}</script>`
  );
}

/** Each route of src/grad/routes.ts as the deck writes it (TeX), and in words (what a screen
 * reader says), by cell. */
export const ROUTE_TEX: Readonly<Record<string, Readonly<Record<string, { tex: string; words: string }>>>> = {
  rnn: {
    loss: { tex: "\\pd{L^{t}}{\\mathbf{h}^{t}}", words: "through this step's loss" },
    recurrent: { tex: "W_{hh}^\\top\\,\\delta\\mathbf{a}^{t+1}", words: "through the next step" },
  },
  lstm: {
    loss: { tex: "\\Delta^{t}", words: "through this step's loss" },
    "recurrent-z": { tex: "R_z^\\top\\delta\\bar{\\mathbf{z}}^{t+1}", words: "through the next step's block input" },
    "recurrent-i": { tex: "R_i^\\top\\delta\\bar{\\mathbf{i}}^{t+1}", words: "through the next step's input gate" },
    "recurrent-f": { tex: "R_f^\\top\\delta\\bar{\\mathbf{f}}^{t+1}", words: "through the next step's forget gate" },
    "recurrent-o": { tex: "R_o^\\top\\delta\\bar{\\mathbf{o}}^{t+1}", words: "through the next step's output gate" },
    cell: { tex: "\\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1}", words: "through the next step's cell state" },
  },
  gru: {
    loss: { tex: "\\pd{L^{t}}{\\mathbf{h}^{t}}", words: "through this step's loss" },
    straight: { tex: "\\delta\\mathbf{h}^{t+1} \\odot \\mathbf{z}^{t+1}", words: "straight to the next step, past its update gate" },
    "recurrent-r": { tex: "W_{hr}^\\top\\delta\\bar{\\mathbf{r}}^{t+1}", words: "through the next step's reset gate" },
    "recurrent-z": { tex: "W_{hz}^\\top\\delta\\bar{\\mathbf{z}}^{t+1}", words: "through the next step's update gate" },
    "recurrent-n": { tex: "W_{hn}^\\top(\\mathbf{r}^{t+1} \\odot \\delta\\bar{\\mathbf{n}}^{t+1})", words: "through the next step's candidate state" },
  },
};

/** The "break a route" controls of an example slide: a switch per route (its label typeset
 * by `typeset`, in display style: a fraction's scripts as large as the other labels'),
 * named in words, where the browser says how far the gradient without it is from finite
 * differences, and the case it computes on. */
export function breakRoutesHtml(caseFile: string, json: unknown, routes: readonly string[], typeset: (tex: string) => string, id: string): string {
  const data = JSON.stringify({ case: caseFile, json }).replace(/</g, "\\u003c");
  const switches = routes
    .map((route) => {
      const known = ROUTE_TEX[(json as { cell?: string }).cell ?? ""]?.[route];
      const name = known ? `leave out the route ${known.words}, ${readable(known.tex)}` : `leave out the route ${route}`;
      const shown = known ? typeset(`\\displaystyle ${known.tex}`) : escapeHtml(route);
      return `<label class="break-route"><input type="checkbox" data-route="${escapeHtml(route)}" aria-label="${escapeHtml(name)}"> <span>${shown}</span></label>`;
    })
    .join("");
  return (
    `<form class="break-routes" aria-labelledby="${id}-title"><span class="break-routes-title" id="${id}-title">leave out a route</span>${switches}` +
    `<output class="break-routes-result" role="status" aria-live="polite"></output></form>` +
    `<script type="application/json" class="break-routes-data">${data}</script>`
  );
}
