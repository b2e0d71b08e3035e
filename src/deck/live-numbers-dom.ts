// A live example's numbers rewritten where the build typeset them: the build marked each
// number's HTML (KaTeX's \htmlData) and MathML node (src/compile/markdown/live-typeset.ts), so
// a new number is written in without a TeX engine — in KaTeX's own markup. DOM only, no
// deck runtime: the suite runs it in Node against KaTeX's typesetting of the new formula.
import { num, type SnippetValue } from "../author/snippet.ts";
import { escapeHtml } from "../shared/html.ts";
import { liveNumberId, liveNumbers, liveShape, numberParts, LIVE_NUMBER_KEY, type NumberParts } from "../shared/live-numbers.ts";

const MATHML = "http://www.w3.org/1998/Math/MathML";
const ATTRIBUTE = `data-${LIVE_NUMBER_KEY}`;
/** A number that differs from the build's (the slide marks it). */
const CHANGED = "data-live-diff";
/** The number a wrapper shows now, when the presenter changed it. */
const NOW = "data-live-now";


/** KaTeX's MathML for a number as `num` writes it. */
function numberMathml(n: NumberParts): string {
  if (!n.exponent) return n.negative ? `<mrow><mo>−</mo><mn>${n.digits}</mn></mrow>` : `<mn>${n.digits}</mn>`;
  const power = n.exponent.negative ? `<mrow><mo>−</mo><mn>${n.exponent.digits}</mn></mrow>` : `<mn>${n.exponent.digits}</mn>`;
  return `<mrow>${n.negative ? "<mo>−</mo>" : ""}<mn>${n.digits}</mn><mo>×</mo><msup><mn>10</mn>${power}</msup></mrow>`;
}

/** The text nodes of `el` that draw something (not KaTeX's zero-width spaces). */
function drawnText(el: Element): Text[] {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/[^\s\u200b]/.test(n.textContent ?? "")) out.push(n as Text);
  return out;
}

/** Rewrites the HTML of one number, from `now` to `next`. */
function rewriteHtml(wrapper: Element, now: NumberParts, next: NumberParts): void {
  const digits = drawnText(wrapper).filter((t) => /^\d/.test(t.textContent!));
  // the font the build set the digits in (\mathbf, a script's mtight…), kept
  const font = escapeHtml(digits[0]?.parentElement?.getAttribute("class") ?? "mord");
  const minus = next.negative ? `<span class="${font}">−</span>` : "";
  if (!next.exponent) {
    // KaTeX's own markup for a plain number
    wrapper.innerHTML = `${minus}<span class="${font}">${next.digits}</span>`;
    return;
  }
  const inPower = (t: Text): boolean => t.parentElement?.closest(".msupsub") != null;
  const mantissa = digits.find((t) => !inPower(t));
  const power = digits.filter(inPower).pop();
  if (now.exponent && now.negative === next.negative && now.exponent.negative === next.exponent.negative && mantissa && power) {
    // the same signs: only the mantissa's and the power's digits change
    mantissa.textContent = next.digits;
    power.textContent = next.exponent.digits;
    return;
  }
  // a number that changed its form: plainly written, in KaTeX's classes
  wrapper.innerHTML = `${minus}<span class="${font}">${next.digits}</span><span class="mspace" style="margin-right:0.2222em"></span><span class="mbin">×</span><span class="mspace" style="margin-right:0.2222em"></span><span class="${font}">10<sup>${next.exponent.negative ? "−" : ""}${next.exponent.digits}</sup></span>`;
}

/** Shows `text` for number `id` inside `box`, which the build typeset with `built`. */
function setNumber(box: Element, id: string, text: string, built: string): void {
  const wrapper = box.querySelector(`.katex-html [${ATTRIBUTE}="${id}"]`);
  if (!wrapper) throw new Error(`live number ${id} is not on the slide`);
  const now = wrapper.getAttribute(NOW) ?? built;
  if (text !== now) {
    rewriteHtml(wrapper, numberParts(now), numberParts(text));
    const mathml = box.querySelector(`.katex-mathml [${ATTRIBUTE}="${id}"]`);
    if (mathml) {
      const holder = box.ownerDocument.createElementNS(MATHML, "mrow");
      holder.innerHTML = numberMathml(numberParts(text));
      const fresh = holder.firstElementChild!;
      fresh.setAttribute(ATTRIBUTE, id);
      mathml.replaceWith(fresh);
    }
    wrapper.setAttribute(NOW, text);
  }
  if (text === built) wrapper.removeAttribute(CHANGED);
  else wrapper.setAttribute(CHANGED, "1");
}

/** Why `next` cannot be shown where the build showed `built` (the browser rewrites numbers,
 * not formulas), or undefined. */
export function liveValueProblem(next: SnippetValue, built: SnippetValue, k: number): string | undefined {
  if (next.__deck !== built.__deck) return `value ${k + 1} changed its kind`;
  if (next.__deck === "tex" && built.__deck === "tex" && liveShape(next.tex) !== liveShape(built.tex)) return `value ${k + 1} changed more than its numbers`;
  if (next.__deck === "table" && built.__deck === "table" && next.rows.some((row, r) => row.some((c, col) => typeof c !== typeof built.rows[r]?.[col]))) return `value ${k + 1} changed more than its numbers`;
  return undefined;
}

/** Shows value `next` in `box`, which the build filled with value `built` (index `prefix`). */
export function updateLiveValue(box: Element, next: SnippetValue, built: SnippetValue, prefix: string): void {
  if (next.__deck === "tex" && built.__deck === "tex") {
    if (liveShape(next.tex) !== liveShape(built.tex)) throw new Error(`value ${Number(prefix) + 1} changed more than its numbers`);
    const was = liveNumbers(built.tex);
    liveNumbers(next.tex).forEach(({ text }, j) => setNumber(box, liveNumberId(prefix, j), text, was[j].text));
    box.querySelectorAll("annotation").forEach((a) => (a.textContent = next.tex));
  } else if (next.__deck === "table" && built.__deck === "table") {
    next.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const was = built.rows[r]?.[c];
        if (typeof cell === "number" && typeof was === "number") setNumber(box, liveNumberId(`${prefix}.${r}.${c}`, 0), num(cell), num(was));
      }),
    );
  } else if (next.__deck === "html") {
    box.innerHTML = next.html;
  } else if (next.__deck === "md") {
    box.innerHTML = `<p>${escapeHtml(next.markdown)}</p>`; // no Markdown in the browser; live views use tex/html/table
  } else {
    throw new Error(`value ${Number(prefix) + 1} changed its kind`);
  }
}

