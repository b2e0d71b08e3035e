// A slide that an edit above it only moved in its file (its text and all it reads are
// unchanged) renders to what it rendered before, every place in it as many lines further
// down: its facts' locations shifted and its section's data-source rewritten, instead of
// rendering it again (stages/render.ts). An author adds and removes lines all the time; each
// such edit used to render again every slide below it in the chapter.
import { flat } from "./cache.ts";
import type { SourceLocation } from "./diagnostics.ts";
import { SlideFacts } from "./model.ts";
import type { RenderedSlide } from "./state.ts";

const isLocation = (value: object): value is SourceLocation => {
  const keys = Object.keys(value);
  return keys.length === 3 && typeof (value as SourceLocation).file === "string" && typeof (value as SourceLocation).line === "number" && typeof (value as SourceLocation).col === "number";
};

/** `value` with every location in `file` moved by `lines`: arrays and plain objects that
 * hold one are copied, all else (and whatever holds none) is shared, as facts are read-only
 * once rendered. */
function shifted<T>(value: T, file: string, lines: number): T {
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => shifted(item, file, lines));
    return (items.every((item, k) => item === value[k]) ? value : items) as T;
  }
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  if (isLocation(value)) return (value.file === file ? { ...value, line: value.line + lines } : value) as T;
  const entries = Object.entries(value).map(([key, item]) => [key, shifted(item as unknown, file, lines)] as const);
  return (entries.every(([key, item]) => item === (value as Record<string, unknown>)[key]) ? value : Object.fromEntries(entries)) as T;
}

/** What `rendered` (a slide of `file` first rendered at `from`) renders to at line `to`. */
export function movedRendering(rendered: RenderedSlide, file: string, from: number, to: number): RenderedSlide {
  if (from === to) return rendered;
  const facts = Object.assign(Object.create(SlideFacts.prototype) as SlideFacts, shifted({ ...rendered.facts }, file, to - from));
  const placed = ` data-source="${file}:${from}"`;
  const at = rendered.html.indexOf(placed);
  if (at === -1) throw new Error(`a rendered slide of ${file} without its data-source at line ${from}`);
  return { facts, html: flat(rendered.html.slice(0, at) + ` data-source="${file}:${to}"` + rendered.html.slice(at + placed.length)) };
}
