// A live example's values as the build shows them, ready for the browser to change: every
// number the presenter's inputs can move is wrapped (src/shared/live-numbers.ts), in the
// HTML by KaTeX's \htmlData and in the MathML by a data-live-n attribute on the node that
// holds it, found by typesetting the formula a second time with a marker in each number's
// place. Each value sits in its own box (display: contents), so the browser can find it.
import { parseHTML } from "linkedom";
import type { SourceLocation } from "../diagnostics.ts";
import { envOf } from "./env.ts";
import { renderMath } from "./math.ts";
import { liveShape, markLiveNumbers, wrapLiveNumbers, LIVE_NUMBER_KEY } from "../../shared/live-numbers.ts";
import { num, type SnippetValue, type LiveProbe } from "../../author/snippet.ts";
import { tableHtml } from "../../shared/html.ts";

const MARKER = /^\[live\s([\d.]+)\]$/; // KaTeX writes the space as a no-break space

/** TeX typeset with its live numbers wrapped (`prefix` names the value); kept in the
 * compile cache, since it is typeset twice and a slider's slide is recompiled with any
 * edit of its chapter. */
export function renderLiveTex(tex: string, display: boolean, prefix: string, at: SourceLocation, env: unknown): string {
  const deck = envOf(env);
  const make = (): { html: string; keep: boolean } => {
    const problems = deck.diagnostics.reports;
    const html = typesetLiveTex(tex, display, prefix, at, env);
    return { html, keep: deck.diagnostics.reports === problems };
  };
  return deck.cache ? deck.cache.markupFor(`live\0${prefix}\0${display}\0${JSON.stringify(deck.macros)}\0${tex}`, make) : make().html;
}

function typesetLiveTex(tex: string, display: boolean, prefix: string, at: SourceLocation, env: unknown): string {
  const html = renderMath(wrapLiveNumbers(tex, prefix), display, at, env);
  if (!/\d/.test(tex)) return html;
  const marked = renderMath(markLiveNumbers(tex, prefix), display, at, env);
  const { document } = parseHTML(`<html><body><div id="real">${html}</div><div id="marked">${marked}</div></body></html>`);
  const real = document.querySelector("#real math");
  const ref = document.querySelector("#marked math");
  if (real && ref) tagMathml(real, ref);
  // the TeX a reader copies is the formula as written, not our wrapping
  const annotation = document.querySelector("#real annotation");
  if (annotation) annotation.textContent = tex;
  return document.querySelector("#real")!.innerHTML;
}

/** Walks the real MathML and the marked one side by side; where the marked one has a
 * number's marker, the real node there holds that number. */
function tagMathml(real: Element, marked: Element): void {
  // KaTeX writes the marker (markLiveNumbers) as <mi><mover>…</mover></mi>
  const name = (e: Element | null | undefined): string => e?.tagName.toLowerCase() ?? "";
  const mover = name(marked) === "mover" ? marked : name(marked) === "mi" && name(marked.firstElementChild) === "mover" ? marked.firstElementChild : undefined;
  const id = mover && name(mover.lastElementChild) === "mtext" ? MARKER.exec(mover.lastElementChild!.textContent ?? "")?.[1] : undefined;
  if (id) {
    real.setAttribute(`data-${LIVE_NUMBER_KEY}`, id);
    return;
  }
  const a = [...real.children];
  const b = [...marked.children];
  if (a.length !== b.length) throw new Error(`the MathML of a live value does not line up with its numbers at <${real.tagName.toLowerCase()}>`);
  a.forEach((child, k) => tagMathml(child, b[k]));
}

/** One value of a live example, in its own box; `other` renders what has no numbers to
 * change (html, md) and `text` a table's text cells, as for any snippet. */
export function renderLiveValue(value: SnippetValue, k: number, at: SourceLocation, env: unknown, other: (v: SnippetValue) => string, text: (s: string) => string): string {
  const box = (inner: string): string => `<div class="live-value" data-live-value="${k}">${inner}</div>`;
  switch (value.__deck) {
    case "tex":
      return box(renderLiveTex(value.tex, value.display, String(k), at, env));
    case "table":
      return box(tableHtml(value, (c, row, col) => (typeof c === "number" ? renderLiveTex(num(c), false, `${k}.${row}.${col}`, at, env) : text(String(c)))));
    default:
      return box(other(value));
  }
}

/** Where a live example's inputs would change more than its numbers: for each input at
 * its least and greatest value, the values whose formula (numbers aside) differs. */
export function shapeChanges(built: readonly SnippetValue[], probes: readonly LiveProbe[]): { probe: LiveProbe; value: number }[] {
  const shapeOf = (v: SnippetValue): string =>
    v.__deck === "tex" ? `tex:${liveShape(v.tex)}` : v.__deck === "table" ? `table:${JSON.stringify({ ...v, rows: v.rows.map((r) => r.map((c) => (typeof c === "number" ? "#" : c))) })}` : JSON.stringify(v);
  const changes: { probe: LiveProbe; value: number }[] = [];
  for (const probe of probes) {
    probe.values.forEach((v, k) => {
      if (!built[k] || shapeOf(v) !== shapeOf(built[k])) changes.push({ probe, value: k });
    });
    if (probe.values.length !== built.length) changes.push({ probe, value: Math.min(probe.values.length, built.length) });
  }
  return changes;
}
