// The site's code as the offline file carries it (src/deck/offline-boot.ts runs it): Vite's
// chunks one after another, the entry and what it imports first, and a table of where each
// one's static imports of the others are — the boot puts each chunk at a blob: URL of its
// own and writes those URLs into the specifiers, since a blob: URL has no folder to resolve
// `./x.js` against. A dynamic import of a chunk is rewritten here to ask the boot for the
// chunk's URL when it runs (window[CHUNK_URL_KEY]), so that a chunk only some slides use is
// unpacked, made into a module, parsed and run only when the deck first imports it. The
// import specifiers are found by es-module-lexer, which reads JavaScript as the browser does.
import { init, parse } from "es-module-lexer";
import { CHUNK_URL_KEY, type PackedDeck } from "../shared/runtime-config.ts";

/** The code's part of the offline file's table. */
export type PackedChunks = Pick<PackedDeck, "files" | "lengths" | "links">;

export interface PackedCode {
  code: string;
  chunks: PackedChunks;
}

/** A chunk's specifier that names another chunk (the build puts them all in one folder). */
const chunkNamed = (specifier: string | undefined, files: readonly string[]): number => (specifier?.startsWith("./") ? files.indexOf(specifier.slice(2)) : -1);

/** An asset's URL resolved against the module's own, as Vite writes it: a chunk at a blob:
 * URL has none. (Vite's preload helper holds `new URL(dep, import.meta.url)` too, but the
 * build preloads nothing — modulePreload is off —, so it never runs.) */
const RELATIVE_TO_MODULE = /new URL\(\s*(["'`])[^"'`]*\1\s*,\s*import\.meta\.url\s*\)/;

/** `source` with every dynamic import of a chunk asking the boot for its URL. */
function lateDynamicImports(file: string, source: string, files: readonly string[]): string {
  const relative = RELATIVE_TO_MODULE.exec(source);
  if (relative) throw new Error(`offline file: ${file} resolves a URL against its own (${relative[0]}), which a chunk at a blob: URL cannot`);
  const [imports] = parse(source, file);
  let out = source;
  // from the last to the first, so that the positions still hold
  for (const found of [...imports].reverse()) {
    if (found.d < 0 || chunkNamed(found.n, files) < 0) continue; // static, import.meta, or the page's own (the room's)
    out = `${out.slice(0, found.s)}globalThis.${CHUNK_URL_KEY}(${JSON.stringify(found.n!.slice(2))})${out.slice(found.e)}`;
  }
  return out;
}

/** Where `source`'s static imports name other chunks; any other static import is an error
 * (the offline file has nothing else to import). */
function staticLinks(file: string, source: string, files: readonly string[]): [number, number, number][] {
  const [imports] = parse(source, file);
  return imports
    .filter((found) => found.d === -1)
    .map((found): [number, number, number] => {
      const target = chunkNamed(found.n, files);
      if (target < 0) throw new Error(`offline file: ${file} imports ${found.n ?? "?"}, which is not one of the build's chunks`);
      return [found.s, found.e, target];
    });
}

/** Refuses chunks that import each other in a circle: the boot makes a chunk's URL after
 * those of its static imports. */
function checkNoCycle(chunks: PackedChunks): void {
  const state: ("open" | "done" | undefined)[] = [];
  const visit = (index: number, path: string[]): void => {
    if (state[index] === "done") return;
    if (state[index] === "open") throw new Error(`offline file: chunks import each other in a circle: ${[...path, chunks.files[index]].join(" → ")}`);
    state[index] = "open";
    for (const [, , target] of chunks.links[index]) visit(target, [...path, chunks.files[index]]);
    state[index] = "done";
  };
  chunks.files.forEach((_, index) => visit(index, []));
}

/** `entry`, then every chunk it imports statically, directly or not, then the others (each
 * group in name order): the boot unpacks the code only as far as the chunks it needs. */
function startFirst(sources: ReadonlyMap<string, string>, entry: string): string[] {
  const all = [...sources.keys()];
  const needed = new Set([entry]);
  for (const file of needed) {
    const [imports] = parse(sources.get(file)!, file);
    for (const found of imports) {
      const target = found.d === -1 ? chunkNamed(found.n, all) : -1;
      if (target >= 0) needed.add(all[target]);
    }
  }
  return [entry, ...[...needed].filter((f) => f !== entry).sort(), ...all.filter((f) => !needed.has(f)).sort()];
}

/** The chunks of `sources` (file name → code) packed for the offline file: `entry` first,
 * then what it imports (startFirst). */
export async function packChunks(sources: ReadonlyMap<string, string>, entry: string): Promise<PackedCode> {
  if (!sources.has(entry)) throw new Error(`offline file: no entry chunk ${entry}`);
  await init;
  const files = startFirst(sources, entry);
  const rewritten = files.map((file) => lateDynamicImports(file, sources.get(file)!, files));
  const chunks: PackedChunks = {
    files,
    lengths: rewritten.map((source) => Buffer.byteLength(source, "utf8")),
    links: rewritten.map((source, k) => staticLinks(files[k], source, files)),
  };
  checkNoCycle(chunks);
  return { code: rewritten.join(""), chunks };
}
