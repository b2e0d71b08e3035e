// The equation ↔ example contract (docs/DESIGN.md): a slide with display math links to its
// numeric example (`a.example-link`, href "#/EXAMPLE-ID"), the example slide (the one that
// embeds `script.deck-example`) links back, and every such link lands on a real slide.
// A slide may opt out with data-no-example="reason".
import type { Diagnostics, SourceLocation } from "../diagnostics.ts";

export function sourceOf(section: Element): SourceLocation {
  const [file, line] = (section.getAttribute("data-source") ?? "?:1").split(/:(?=\d+$)/);
  return { file, line: Number(line), col: 1 };
}

/** Display math written on the slide itself: not in its speaker notes, and not numbers a
 * snippet computed (those are an example already). */
function hasDisplayMath(section: Element): boolean {
  return [...section.querySelectorAll(".katex-display")].some((el) => !el.closest("aside.notes, .snippet-output"));
}

/** An example slide's record (the deck-example JSON), or undefined. */
export interface ExampleRecord {
  case?: string;
  /** the time step the example shows */
  t?: number;
  /** other indices it fixes, e.g. { k: 0 } */
  at?: Record<string, number>;
  /** an example that is not about a case but runs over time steps: how many */
  steps?: number;
  /** numbers the example's formulas use but the slide does not show (its inputs) */
  given?: Record<string, unknown>;
  values: Record<string, unknown>;
  check?: string;
}

export function exampleRecord(section: Element): ExampleRecord | undefined {
  const script = section.querySelector("script.deck-example");
  if (!script) return undefined;
  try {
    const record = JSON.parse(script.textContent ?? "") as ExampleRecord;
    return typeof record.values === "object" && record.values !== null ? record : undefined;
  } catch {
    return undefined; // reported by checkExampleLinks
  }
}

/** The example an equation slide links to (the first one), if any. */
export function linkedExample(section: Element, byId: ReadonlyMap<string, Element>): { id: string; record: ExampleRecord } | undefined {
  for (const id of linkTargets(section)) {
    const target = byId.get(id);
    const record = target && exampleRecord(target);
    if (record) return { id, record };
  }
  return undefined;
}

export function linkTargets(section: Element): string[] {
  return [...section.querySelectorAll("a.example-link")].map((a) => decodeURIComponent((a.getAttribute("href") ?? "").replace(/^#\//, "")));
}

/** Finds `text` in the slide's source, from its first line on; undefined when absent. */
export type SourceSearch = (from: SourceLocation, text: string) => SourceLocation | undefined;

export function checkExampleLinks(slides: readonly Element[], diagnostics: Diagnostics, search: SourceSearch = () => undefined): void {
  const byId = new Map<string, Element>();
  for (const s of slides) if (s.id) byId.set(s.id, s);
  const isExample = (s: Element): boolean => s.querySelector("script.deck-example") !== null;

  for (const s of slides) {
    const at = sourceOf(s);
    for (const a of s.querySelectorAll("a.example-link")) {
      const href = a.getAttribute("href") ?? "";
      if (!href.startsWith("#/") || !byId.has(decodeURIComponent(href.slice(2)))) {
        diagnostics.error(search(at, href) ?? at, `example link "${href}" does not lead to a slide (no slide has id "${href.replace(/^#\//, "")}")`);
      }
    }
    for (const script of s.querySelectorAll("script.deck-example")) {
      try {
        const json = JSON.parse(script.textContent ?? "") as { values?: unknown };
        if (typeof json.values !== "object" || json.values === null) throw new Error(`expected a "values" object`);
      } catch (error) {
        diagnostics.error(at, `deck-example: not valid: ${(error as Error).message}`);
      }
    }
    const reason = s.getAttribute("data-no-example");
    if (reason !== null && reason.trim() === "") diagnostics.error(at, "data-no-example needs a reason, e.g. data-no-example=\"notation only\"");
    if (!hasDisplayMath(s) || isExample(s) || reason !== null) continue;

    const examples = linkTargets(s).map((id) => byId.get(id)).filter((t): t is Element => t !== undefined && isExample(t));
    if (examples.length === 0) {
      diagnostics.error(search(at, "$$") ?? at, `equation slide without a numeric example: add a link [numbers](#/EXAMPLE-ID){.example-link} to a slide with a deck-example, or data-no-example="why"`);
      continue;
    }
    if (!s.id) {
      diagnostics.error(at, `equation slide has no id, so its example cannot link back: add <!-- .slide: id="…" -->`);
      continue;
    }
    for (const example of examples) {
      if (!linkTargets(example).includes(s.id)) {
        diagnostics.error(sourceOf(example), `example slide "${example.id}" does not link back to its equation slide: add [back](#/${s.id}){.example-link}`);
      }
    }
  }
}
