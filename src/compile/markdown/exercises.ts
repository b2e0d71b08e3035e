// exercises: what a student fills in on an exercise slide (README, "Exercises"), recorded as
// facts (src/compile/model.ts) for the exercises stage, which checks each against the
// exercise's case and fills in the controls:
//   {{? deltas.c.1.0 | 3}}   a number to compute: the value at that path of the case's grad
//                            output, to 3 decimals (its tolerance is one in the last place)
//   $$ … \blank{ANSWER} … $$ a formula to complete (typed in TeX), or — with a `::: choices`
//                            list after it — to complete by choosing
//   ::: choices              the candidates for the blank, one `$…$` per list item
//   ::: hint [N]             a hint, shown on request, one at a time; N: it highlights route N
//                            (\hl{N}{…}) of the slide's formulas
import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";
import container from "markdown-it-container";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf, locate } from "./env.ts";

const BLANK = /^\{\{\?\s*([A-Za-z_][\w.]*?)\s*(?:\|\s*(\d+)\s*)?\}\}/;
/** decimals when a blank does not say */
export const DEFAULT_DECIMALS = 3;

interface BlankMeta {
  path: string;
  decimals: number;
  raw: string;
  location?: SourceLocation;
}

interface ChoicesMeta {
  choices: { tex: string; at: SourceLocation }[];
  location: SourceLocation;
}

function numberBlank(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith("{{?", state.pos)) return false;
  const m = BLANK.exec(state.src.slice(state.pos, state.posMax));
  if (!m) return false;
  if (!silent) {
    const token = state.push("exercise_blank", "input", 0);
    token.meta = { path: m[1], decimals: Number(m[2] ?? DEFAULT_DECIMALS), raw: m[0] } satisfies BlankMeta;
  }
  state.pos += m[0].length;
  return true;
}

/** Where `needle` is written, from the block's first line on. */
function findFrom(env: unknown, block: Token, needle: string): SourceLocation {
  const from = locate(env, block.map?.[0] ?? 0, 1);
  const lines = envOf(env).sourceLines;
  for (let k = from.line - 1; k < Math.min(lines.length, from.line + 200); k++) {
    const at = lines[k].indexOf(needle);
    if (at >= 0) return { ...from, line: k + 1, col: at + 1 };
  }
  return from;
}

/** Each `::: choices` list: its items' formulas recorded, each item made a radio's label. */
function choiceItems(state: StateCore): void {
  const tokens = state.tokens;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].type !== "container_choices_open") continue;
    const meta: ChoicesMeta = { choices: [], location: locate(state.env, tokens[k].map?.[0] ?? 0, 1) };
    // one group per list in the whole deck: named by its file and line
    const name = `choice-${meta.location.file.replace(/[^\w]+/g, "-")}-${meta.location.line}`;
    for (let j = k + 1; j < tokens.length && tokens[j].type !== "container_choices_close"; j++) {
      const inline = tokens[j];
      if (inline.type !== "inline" || !inline.children) continue;
      const math = inline.children.find((c) => c.type === "math_inline");
      if (!math) continue;
      const value = meta.choices.length;
      meta.choices.push({ tex: math.content, at: findFrom(state.env, inline, math.content) });
      const open = new state.Token("html_inline", "", 0);
      open.content = `<label class="exercise-choice"><input type="radio" name="${name}" value="${value}">`;
      const close = new state.Token("html_inline", "", 0);
      close.content = "</label>";
      inline.children = [open, ...inline.children, close];
    }
    tokens[k].meta = { ...meta };
  }
}

export function exercisesPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "exercise_blank", numberBlank);
  md.core.ruler.after("inline", "exercise_locations", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      for (const child of block.children) if (child.type === "exercise_blank") (child.meta as unknown as BlankMeta).location = findFrom(state.env, block, (child.meta as unknown as BlankMeta).raw);
    }
  });
  md.core.ruler.after("exercise_locations", "exercise_choices", choiceItems);
  md.renderer.rules.exercise_blank = (tokens: Token[], idx: number, _o, env) => {
    const meta = tokens[idx].meta as unknown as BlankMeta;
    const facts = envOf(env).facts;
    const { slot, marker } = facts.slot();
    facts.numberBlanks.push({ slot, path: meta.path, decimals: meta.decimals, at: meta.location ?? locate(env, 0, 1) });
    return `<span class="exercise-blank">${marker}</span>`;
  };
  md.use(container, "choices", {
    marker: ":",
    validate: (params: string) => params.trim() === "choices",
    render: (tokens: Token[], idx: number, _o: unknown, env: unknown) => {
      if (tokens[idx].nesting !== 1) return "</fieldset>\n";
      const facts = envOf(env).facts;
      const meta = tokens[idx].meta as unknown as ChoicesMeta;
      const { slot, marker } = facts.slot();
      facts.choices.push({ slot, choices: meta.choices, at: meta.location });
      facts.namesItsPlace = true; // the group's name (choiceItems)
      // the slot: the legend, the group's name, and the verdict (the exercises stage)
      return `<fieldset class="exercise-choices">${marker}\n`;
    },
  });
  md.use(container, "hint", {
    marker: ":",
    validate: (params: string) => /^hint(\s+\d+)?$/.test(params.trim()),
    render: (tokens: Token[], idx: number, _o: unknown, env: unknown) => {
      if (tokens[idx].nesting !== 1) return "</div>\n";
      envOf(env).facts.hints++;
      const route = /^hint\s+(\d+)$/.exec(tokens[idx].info.trim())?.[1];
      return `<div class="exercise-hint" hidden${route ? ` data-route="${route}"` : ""}>\n`;
    },
  });
}
