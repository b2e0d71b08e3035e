// The offline file's parts on made-up input: the chunk table (offline-chunks.ts), what the
// slides leave out (offline-slides.ts), and reveal.js's notes plugin made lighter
// (reveal-notes-plugin.ts) on the plugin as installed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseAst } from "vite";
import { describe, expect, it } from "vitest";
import { packChunks } from "../../src/vite/offline-chunks.ts";
import { offlineSlides } from "../../src/vite/offline-slides.ts";
import { minifiedPage, withMinifiedSpeakerView, withoutMarked } from "../../src/vite/reveal-notes-plugin.ts";

const chunks = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe("the offline file's code table", () => {
  it("puts the entry first, finds each static import of a chunk, and asks for a lazy chunk by name", async () => {
    const { code, chunks: table } = await packChunks(
      chunks({
        "b-lazy.js": `import{a as x}from"./a-entry.js";import"./c-shared.js";export const y=x+1;`,
        "c-shared.js": `export const z=2;`,
        "a-entry.js": `import{z}from"./c-shared.js";export const a=z;const m=()=>import("./b-lazy.js");const r=()=>import(new URL("room.js",location.href).href);`,
      }),
      "a-entry.js",
    );
    expect(table.files).toEqual(["a-entry.js", "b-lazy.js", "c-shared.js"]);
    expect(table.lengths.reduce((a, b) => a + b, 0)).toBe(code.length);
    const [entry, lazy] = [code.slice(0, table.lengths[0]), code.slice(table.lengths[0], table.lengths[0] + table.lengths[1])];
    expect(entry).toContain(`import(globalThis.deckChunkUrl("b-lazy.js"))`);
    expect(entry).toContain(`import(new URL("room.js",location.href).href)`); // not a chunk: left alone
    expect(table.links[0].map(([s, e, t]) => [entry.slice(s, e), t])).toEqual([["./c-shared.js", 2]]);
    expect(table.links[1].map(([s, e, t]) => [lazy.slice(s, e), t])).toEqual([["./a-entry.js", 0], ["./c-shared.js", 2]]);
    expect(table.links[2]).toEqual([]);
  });

  it("refuses what a chunk at a blob: URL cannot do: circular static imports, other imports, asset URLs", async () => {
    await expect(packChunks(chunks({ "a.js": `import"./b.js";`, "b.js": `import"./a.js";` }), "a.js")).rejects.toThrow(/circle: a\.js → b\.js → a\.js/);
    await expect(packChunks(chunks({ "a.js": `import x from"katex";` }), "a.js")).rejects.toThrow(/a\.js imports katex/);
    await expect(packChunks(chunks({ "a.js": `const u=new URL("font.woff2",import.meta.url);` }), "a.js")).rejects.toThrow(/resolves a URL against its own/);
    // Vite's preload helper resolves against import.meta.url only what it preloads: nothing here
    await expect(packChunks(chunks({ "a.js": `function p(e){return new URL(e,import.meta.url)}` }), "a.js")).resolves.toBeDefined();
  });
});

describe("the offline file's slides", () => {
  it("leave out the TeX annotations of formulas, but not of those with live numbers, and the example records", () => {
    const plain = `<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation></semantics></math>`;
    const live = `<math><semantics><mn data-live-n="0.1">1</mn><annotation encoding="application/x-tex">1</annotation></semantics></math>`;
    const record = `<script type="application/json" class="deck-example">{"values": {"y": 6}, "check": "by hand"}</script>`;
    const data = `<script type="application/json" class="exercise-data">{"case": {}}</script>`;
    expect(offlineSlides(`<section><p>${plain} and ${live}</p>${record}${data}</section>`)).toBe(`<section><p><math><semantics><mi>x</mi></semantics></math> and ${live}</p>${data}</section>`);
  });
});

describe("reveal.js's notes plugin as bundled", () => {
  const installed = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve("reveal.js/plugin/notes")), "notes.mjs"), "utf8");

  it("leaves marked out and hands the speaker view a stand-in that returns the notes", () => {
    const slim = withoutMarked(installed);
    expect(slim, "reveal.js's notes plugin no longer reads as expected").toBeDefined();
    expect(slim!.length).toBeLessThan(installed.length / 2);
    expect(slim).not.toContain("marked.esm.js");
    expect(slim).toMatch(/\.marked = Object\.assign\(\(notes\) => notes, \{ parse: \(notes\) => notes \}\),/);
    expect(() => parseAst(slim!)).not.toThrow();
  });

  it("minifies the speaker view's page and writes it back as a string the room's server can read", () => {
    const slim = withMinifiedSpeakerView(installed, parseAst);
    expect(slim, "reveal.js's notes plugin no longer reads as expected").toBeDefined();
    expect(slim!.length).toBeLessThan(installed.length - 10_000);
    expect(() => parseAst(slim!)).not.toThrow();
    expect(slim).toMatch(/<script>[^]*?<\\\/script>/);
    expect(minifiedPage("<div>\n  <b>a</b>\n  <i>b</i>\n</div><!-- gone --><script>\n  var answer = 1 + 1;\n</script><style>\n body { color : red; }\n</style>")).toBe("<div> <b>a</b> <i>b</i> </div><script>var answer=2;</script><style>body{color:red}</style>");
  });
});
