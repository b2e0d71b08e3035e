// The controls of an exercise slide, as the browser's exercises plugin (src/deck/exercises/)
// and tools find them (README, "Exercises"): a number blank is an <input> with
// data-exercise-case and data-exercise-path, a formula blank an <textarea> with
// data-exercise-formula holding the deck's own answer, each with an aria-live verdict; the
// slide's buttons and its case (for new numbers) follow what the student fills in.
import type { FormulaBlank } from "../../formulas/judge.ts";
import { readable } from "../../formulas/readable.ts";
import { escapeHtml } from "../../shared/html.ts";
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
  const tolerance = 10 ** -blank.decimals;
  return (
    `<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="exercise-input" id="${id}"` +
    ` data-exercise-case="${escapeHtml(caseFile)}" data-exercise-path="${escapeHtml(blank.path)}" data-exercise-decimals="${blank.decimals}"` +
    ` data-exercise-tolerance="${tolerance}" aria-label="your answer for ${escapeHtml(spokenPath(blank.path))}, to ${blank.decimals} decimals" aria-describedby="${id}-verdict">` +
    verdict(id)
  );
}

/** TeX a student often needs, with what the button inserts. */
const PALETTE: readonly { label: string; name: string; insert: string }[] = [
  { label: "⊙", name: "elementwise product ⊙", insert: "\\odot " },
  { label: "ᵀ", name: "transpose", insert: "^\\top" },
  { label: "σ′", name: "sigmoid derivative σ′", insert: "\\sigma'()" },
  { label: "tanh′", name: "tanh derivative", insert: "\\tanh'()" },
  { label: "xᵗ", name: "superscript t", insert: "^{t}" },
  { label: "xᵗ⁺¹", name: "superscript t plus 1", insert: "^{t+1}" },
  { label: "xᵗ⁻¹", name: "superscript t minus 1", insert: "^{t-1}" },
  { label: "δ", name: "delta δ", insert: "\\delta" },
  { label: "𝐯", name: "bold vector", insert: "\\mathbf{}" },
  { label: "v̄", name: "bar", insert: "\\bar{}" },
];

export function formulaBlankHtml(caseFile: string, blank: FormulaBlank, id: string): string {
  const palette = PALETTE.map((p) => `<button type="button" data-insert="${escapeHtml(p.insert)}" aria-label="insert ${escapeHtml(p.name)}">${p.label}</button>`).join("");
  return (
    `<div class="exercise-formula">` +
    `<label for="${id}">Your right-hand side, in TeX</label>` +
    `<textarea id="${id}" class="exercise-tex" rows="2" autocomplete="off" spellcheck="false" data-exercise-case="${escapeHtml(caseFile)}"` +
    ` data-exercise-formula="${escapeHtml(blank.answer)}" data-exercise-before="${escapeHtml(blank.before.trim())}" data-exercise-after="${escapeHtml(blank.after.trim())}" aria-describedby="${id}-verdict"></textarea>` +
    `<div class="exercise-palette" role="toolbar" aria-label="insert TeX">${palette}</div>` +
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

/** Each route of src/grad/routes.ts as the deck writes it (TeX), by cell. */
export const ROUTE_TEX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  rnn: { loss: "\\pd{L^{t}}{\\mathbf{h}^{t}}", recurrent: "W_{hh}^\\top\\,\\delta\\mathbf{a}^{t+1}" },
  lstm: {
    loss: "\\Delta^{t}",
    "recurrent-z": "R_z^\\top\\delta\\bar{\\mathbf{z}}^{t+1}",
    "recurrent-i": "R_i^\\top\\delta\\bar{\\mathbf{i}}^{t+1}",
    "recurrent-f": "R_f^\\top\\delta\\bar{\\mathbf{f}}^{t+1}",
    "recurrent-o": "R_o^\\top\\delta\\bar{\\mathbf{o}}^{t+1}",
    cell: "\\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1}",
  },
  gru: {
    loss: "\\pd{L^{t}}{\\mathbf{h}^{t}}",
    straight: "\\delta\\mathbf{h}^{t+1} \\odot \\mathbf{z}^{t+1}",
    "recurrent-r": "W_{hr}^\\top\\delta\\bar{\\mathbf{r}}^{t+1}",
    "recurrent-z": "W_{hz}^\\top\\delta\\bar{\\mathbf{z}}^{t+1}",
    "recurrent-n": "W_{hn}^\\top(\\mathbf{r}^{t+1} \\odot \\delta\\bar{\\mathbf{n}}^{t+1})",
  },
};

/** The "break a route" controls of an example slide: a switch per route (its label typeset
 * by `typeset`), where the browser says how far the gradient without it is from finite
 * differences, and the case it computes on. */
export function breakRoutesHtml(caseFile: string, json: unknown, routes: readonly string[], typeset: (tex: string) => string, id: string): string {
  const data = JSON.stringify({ case: caseFile, json }).replace(/</g, "\\u003c");
  const switches = routes
    .map((route) => {
      const tex = ROUTE_TEX[(json as { cell?: string }).cell ?? ""]?.[route];
      const name = `leave out the route ${tex ? readable(tex) : route}`;
      return `<label class="break-route"><input type="checkbox" data-route="${escapeHtml(route)}" aria-label="${escapeHtml(name)}"> <span>${tex ? typeset(tex) : escapeHtml(route)}</span></label>`;
    })
    .join("");
  return (
    `<form class="break-routes" aria-labelledby="${id}-title"><span class="break-routes-title" id="${id}-title">leave out a route</span>${switches}` +
    `<output class="break-routes-result" role="status" aria-live="polite"></output></form>` +
    `<script type="application/json" class="break-routes-data">${data}</script>`
  );
}
