// Turns a snippet's value into slide HTML: numbers, vectors and matrices as KaTeX; the
// helpers' tagged values (tex, md, html, table) as they say; strings as text.
import type { MarkdownIt } from "markdown-it";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf } from "./env.ts";
import { snippetKey } from "../snippets/identity.ts";
import { renderMath } from "./math.ts";
import { exampleScript, inputValue, num, texMatrix, type SnippetValue, type LiveInput } from "../../author/snippet.ts";
import { readExampleRecord } from "./facts.ts";
import { tableHtml } from "../../shared/html.ts";
import { renderLiveValue, shapeChanges } from "./live-typeset.ts";

function isNumberArray(v: unknown): v is number[] {
  return (Array.isArray(v) || ArrayBuffer.isView(v)) && Array.from(v as ArrayLike<unknown>).every((x) => typeof x === "number");
}

function isMatrix(v: unknown): v is number[][] {
  return Array.isArray(v) && v.length > 0 && v.every(isNumberArray) && new Set(v.map((r) => Array.from(r).length)).size === 1;
}

function isDeckValue(v: unknown): v is SnippetValue {
  return typeof v === "object" && v !== null && typeof (v as { __deck?: unknown }).__deck === "string";
}

/** `code` is the snippet's source, to point an error at the line that caused it. */
export function renderSnippetValue(value: unknown, md: MarkdownIt, env: unknown, at: SourceLocation, code = ""): string {
  const deck = envOf(env);
  if (typeof value === "number") return renderMath(num(value), false, at, env);
  if (typeof value === "string") return `<p>${md.utils.escapeHtml(value)}</p>`;
  if (isMatrix(value)) return renderMath(texMatrix(value.map((r) => Array.from(r))), true, at, env);
  if (isNumberArray(value)) return renderMath(texMatrix(Array.from(value)), true, at, env);
  if (isDeckValue(value)) {
    switch (value.__deck) {
      case "tex":
        return renderMath(value.tex, value.display, at, env);
      case "md":
        return md.render(value.markdown, { ...deck, firstLine: at.line, computed: true });
      case "html":
        return value.html;
      case "example":
        return renderExample(value.record, env, at);
      case "live":
        return renderLive(value, md, env, at, code);
      case "table":
        return tableHtml(value, (c) =>
          typeof c === "number" ? renderMath(num(c), false, at, env) : md.renderInline(String(c), { ...deck, firstLine: at.line, computed: true }),
        );
    }
  }
  if (Array.isArray(value) && value.every(isDeckValue)) {
    return value.map((v) => renderSnippetValue(v, md, env, at, code)).join("\n");
  }
  deck.diagnostics.error(at, `snippet: cannot show a value of this kind (${describe(value)}); export a number, an array, or use tex/md/html/table from "@deck/snippet"`);
  return "";
}

/** An example slide's record, made by deckExample(…): recorded for the checks, and embedded
 * for the deck's tests (docs/DESIGN.md). */
function renderExample(record: unknown, env: unknown, at: SourceLocation): string {
  const json = JSON.stringify(record);
  const read = readExampleRecord(json ?? "null");
  envOf(env).facts.examples.push(typeof read === "string" ? { invalid: read, at } : { record: read, at });
  return typeof read === "string" ? "" : exampleScript(read);
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined — does the snippet `export default` its value?";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a mixed array";
  if (typeof v === "object") return Object.prototype.toString.call(v).replace(/^\[object (\w+)\]$/, (_m, name: string) => (name === "Object" ? "an object" : `a ${name}`));
  return typeof v;
}

/** Why a slider cannot show the case's own value, if it cannot: the browser would snap a
 * value off the grid to the nearest step, and the first touch of any control would then
 * recompute the example with a value the case does not have. */
export function sliderProblem(input: LiveInput, current: number): string | undefined {
  if (typeof current !== "number" || !Number.isFinite(current)) return `the case has no number at this path (found ${String(current)})`;
  if (!(input.step > 0) || !(input.min < input.max)) return `needs min < max and a step above 0 (min ${input.min}, max ${input.max}, step ${input.step})`;
  if (current < input.min || current > input.max) return `the case's value ${current} is outside the slider's range ${input.min} … ${input.max}`;
  const steps = (current - input.min) / input.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, Math.abs(steps))) {
    return `the case's value ${current} is not on the slider's grid (min ${input.min}, step ${input.step}); the browser would move it to ${input.min + Math.round(steps) * input.step}`;
  }
  return undefined;
}

/** Where the snippet names the input `path` (`path: "…"`), or the fence when it does not. */
function inputLocation(code: string, path: string, fence: SourceLocation): SourceLocation {
  const named = new RegExp(`path\\s*:\\s*["'\`]${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);
  const lines = code.split("\n");
  const line = lines.findIndex((l) => named.test(l));
  return line < 0 ? fence : { ...fence, line: fence.line + 1 + line, col: lines[line].search(named) + 1 };
}

/** A live example: its values as at build time, numbers wrapped for the browser to change
 * (live-typeset.ts), and the controls the browser wires up (src/deck/live-examples.ts). The
 * key names the snippet, whose code the deck bundles. */
function renderLive(value: Extract<SnippetValue, { __deck: "live" }>, md: MarkdownIt, env: unknown, at: SourceLocation, code: string): string {
  const esc = md.utils.escapeHtml;
  const text = (s: string): string => md.renderInline(s, { ...envOf(env), firstLine: at.line, computed: true });
  let inner = "";
  try {
    inner = value.values.map((v, k) => renderLiveValue(v, k, at, env, (other) => renderSnippetValue(other, md, env, at, code), text)).join("\n");
  } catch (error) {
    envOf(env).diagnostics.error(at, `live example: ${(error as Error).message}`);
  }
  for (const { probe, value: k } of shapeChanges(value.values, value.probes ?? [])) {
    envOf(env).diagnostics.error(
      inputLocation(code, probe.path, at),
      `${probe.path ? `live input "${probe.path}": at ${probe.at}` : `live example: with every input at its ${probe.at}`}, value ${k + 1} of the example changes more than its numbers; the browser rewrites numbers, not formulas`,
    );
  }
  const controls = value.inputs
    .map((input) => {
      const current = inputValue(value.json, input.path);
      const problem = sliderProblem(input, current);
      if (problem) envOf(env).diagnostics.error(inputLocation(code, input.path, at), `live input "${input.path}": ${problem}`);
      return `<label><span>${text(input.label)}</span><input type="range" min="${input.min}" max="${input.max}" step="${input.step}" value="${current}" data-path="${esc(input.path)}"><output>${current}</output></label>`;
    })
    .join("");
  envOf(env).facts.namesItsPlace = true; // data-live: the snippet's key
  return `<div class="live-example" data-live="${esc(snippetKey(at.file, at.line))}"><div class="live-values">${inner}</div><form class="live-controls"><span class="live-title">try it</span>${controls}<button type="reset">reset</button></form></div>`;
}
