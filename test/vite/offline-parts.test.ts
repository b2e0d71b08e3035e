// The offline file's parts on made-up input: the chunk table (offline-chunks.ts), what the
// slides leave out (offline-slides.ts), their markup codes (offline-markup.ts), the offline
// slides kept for a warm build (kept-offline-slides.ts), and reveal.js's notes plugin made lighter
// (reveal-notes-plugin.ts) on the plugin as installed.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { parseAst } from "vite";
import { describe, expect, it } from "vitest";
import { packChunks } from "../../src/vite/offline-chunks.ts";
import { offlineSlides } from "../../src/vite/offline-slides.ts";
import { keptOfflineSlides, makeOfflineSlides } from "../../src/vite/kept-offline-slides.ts";
import { codeMarkup, markupDictionary } from "../../src/vite/offline-markup.ts";
import { expandedLength, expandMarkup, markupCode, markupEntries, MAX_MARKUP_ENTRIES } from "../../src/shared/markup-codes.ts";
import { withDrawnSpinner } from "../../src/vite/reveal-css-plugin.ts";
import { minifiedPage, withMinifiedSpeakerView, withoutMarked } from "../../src/vite/reveal-notes-plugin.ts";

const chunks = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe("the offline file's code table", () => {
  it("puts the entry first, then what it imports, finds each static import of a chunk, and asks for a lazy chunk by name", async () => {
    const { code, chunks: table } = await packChunks(
      chunks({
        "b-lazy.js": `import{a as x}from"./a-entry.js";import"./c-shared.js";export const y=x+"→";`,
        "c-shared.js": `import"./d-deep.js";export const z="θ₂";`,
        "d-deep.js": `export const d=4;`,
        "a-entry.js": `import{z}from"./c-shared.js";export const a=z;const m=()=>import("./b-lazy.js");const r=()=>import(new URL("room.js",location.href).href);`,
      }),
      "a-entry.js",
    );
    // what the entry imports, directly or not, before what it only imports when needed
    expect(table.files).toEqual(["a-entry.js", "c-shared.js", "d-deep.js", "b-lazy.js"]);
    // lengths in UTF-8 bytes: the boot unpacks the code's bytes only as far as a chunk's end
    const bytes = Buffer.from(code, "utf8");
    expect(table.lengths.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    const starts = table.lengths.map((_, k) => table.lengths.slice(0, k).reduce((a, b) => a + b, 0));
    const [entry, shared, , lazy] = table.files.map((_, k) => bytes.subarray(starts[k], starts[k] + table.lengths[k]).toString("utf8"));
    expect(shared).toBe(`import"./d-deep.js";export const z="θ₂";`);
    expect(lazy.endsWith(`x+"→";`)).toBe(true);
    expect(entry).toContain(`import(globalThis.deckChunkUrl("b-lazy.js"))`);
    expect(entry).toContain(`import(new URL("room.js",location.href).href)`); // not a chunk: left alone
    expect(table.links[0].map(([s, e, t]) => [entry.slice(s, e), t])).toEqual([["./c-shared.js", 1]]);
    expect(table.links[1].map(([s, e, t]) => [shared.slice(s, e), t])).toEqual([["./d-deep.js", 2]]);
    expect(table.links[3].map(([s, e, t]) => [lazy.slice(s, e), t])).toEqual([["./a-entry.js", 0], ["./c-shared.js", 1]]);
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

  it("keep a symbol's label and the attribute the page finds it by, not its recorded value", () => {
    const symbol = (value: string): string => `<span tabindex="0" role="img" aria-label="δ = 0.8415" data-value-label="δ = 0.8415" data-value="${value}" class="enclosing symbol-value">δ</span>`;
    expect(offlineSlides(`<p>${symbol("[0.8414709848078965,-1e-7]")} data-value="text"</p>`)).toBe(`<p>${symbol("")} data-value="text"</p>`);
  });
});

describe("the offline slides kept for the next build", () => {
  it("are taken again for the same slides' HTML, and made anew for other HTML; one record is kept", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "offline-slides-"));
    const html = `<section><p>δ</p>${`<span class="mord">a</span>`.repeat(12)}<script type="application/json" class="deck-example">{}</script></section>`;
    const first = await keptOfflineSlides(html, folder);
    expect(first).toEqual(makeOfflineSlides(html));
    expect(first.length).toBe(offlineSlides(html).length); // the example's record left out
    // the record, its coded slides changed on disk: what comes back is what was kept
    const file = path.join(folder, readdirSync(folder)[0]);
    const kept = readFileSync(file);
    writeFileSync(file, Buffer.concat([kept.subarray(0, kept.length - first.markup.coded.length), Buffer.from("kept")]));
    const again = await keptOfflineSlides(html, folder);
    expect(again.markup.coded.toString()).toBe("kept");
    expect([again.length, again.bytes, again.markup.dictionary]).toEqual([first.length, first.bytes, first.markup.dictionary]);
    const other = html.replace("δ", "ε");
    expect(await keptOfflineSlides(other, folder)).toEqual(makeOfflineSlides(other));
    expect(readdirSync(folder)).toHaveLength(1);
  });
});

describe("the offline file's markup codes", () => {
  const expand = (coded: { dictionary: Buffer; coded: Buffer }): string => Buffer.from(expandMarkup(coded.coded, markupEntries(coded.dictionary))).toString("utf8");

  it("code a tag seen often in fewer bytes, leave a rare one, and read back byte for byte", () => {
    const often = `<span class="mord mathnormal">`;
    const markup = `<p>δ ∂ ≤ “x”\0</p>${`${often}y</span>`.repeat(20)}<span class="once">z</span>`;
    expect(markupDictionary(markup)).toEqual([often, "</span>"]);
    const coded = codeMarkup(markup);
    expect(coded.coded.length).toBeLessThan(Buffer.byteLength(markup) / 3);
    expect(coded.coded.toString("latin1")).toContain(`<span class="once">`);
    expect(expand(coded)).toBe(markup);
    const entries = markupEntries(coded.dictionary);
    expect(expandedLength(coded.coded, entries)).toBe(Buffer.byteLength(markup));
    expect(Buffer.from(expandMarkup(coded.coded, entries, Buffer.byteLength(markup))).toString("utf8")).toBe(markup);
    expect(() => expandMarkup(coded.coded, entries, Buffer.byteLength(markup) - 1)).toThrow();
  });

  it("use one-byte codes first, then two-byte ones after either escape, and every code reads back", () => {
    // more distinct tags than there are codes: each seen often enough to be worth one
    const tags = Array.from({ length: MAX_MARKUP_ENTRIES + 40 }, (_, k) => `<i data-k="${k}">`);
    const markup = tags.map((tag) => `${tag}é`.repeat(8)).join("");
    const entries = markupDictionary(markup);
    expect(entries).toHaveLength(MAX_MARKUP_ENTRIES);
    const coded = codeMarkup(markup);
    expect(expand(coded)).toBe(markup);
    expect(markupCode(0)).toEqual([0xf5]);
    expect(markupCode(10)).toEqual([0xff]);
    expect(markupCode(11)).toEqual([0xc0, 0]);
    expect(markupCode(MAX_MARKUP_ENTRIES - 1)).toEqual([0xc1, 0xff]);
    expect(() => markupCode(MAX_MARKUP_ENTRIES)).toThrow(RangeError);
    // no code byte is ever UTF-8's: text around the slides passes through
    const text = Buffer.from("const s = `<b>ü €𝛿</b>`;", "utf8");
    expect(Buffer.from(expandMarkup(text, []))).toEqual(text);
  });

  it("refuse a code with no entry", () => {
    expect(() => expandMarkup(Uint8Array.from([0x41, 0xf6]), [Uint8Array.from([0x42])])).toThrow(/no entry 1/);
    expect(() => expandMarkup(Uint8Array.from([0xc0]), [])).toThrow(/escape byte at the end/);
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

  it("minifies the speaker view's page and writes it back as a string the room's server can read", async () => {
    const slim = await withMinifiedSpeakerView(installed, parseAst);
    expect(slim, "reveal.js's notes plugin no longer reads as expected").toBeDefined();
    expect(slim!.length).toBeLessThan(installed.length - 10_000);
    expect(() => parseAst(slim!)).not.toThrow();
    expect(slim).toMatch(/<script>[^]*?<\\\/script>/);
    expect(await minifiedPage("<div>\n  <b>a</b>\n  <i>b</i>\n</div><!-- gone --><script>\n  var answer = 1 + 1;\n</script><style>\n body { color : red; }\n</style>")).toBe("<div> <b>a</b> <i>b</i> </div><script>var answer=2;</script><style>body{color:red}</style>");
  });
});

describe("reveal.js's stylesheet as bundled", () => {
  const installed = readFileSync(createRequire(import.meta.url).resolve("reveal.js/reveal.css"), "utf8");

  it("draws the link preview's spinner with CSS instead of a GIF, and changes nothing else", () => {
    const drawn = withDrawnSpinner(installed);
    expect(drawn, "reveal.js's stylesheet no longer reads as expected").toBeDefined();
    expect(drawn).not.toContain("data:image/gif");
    expect(installed.length - drawn!.length).toBeGreaterThan(4000);
    expect(drawn).toMatch(/\.r-overlay-spinner\{[^}]*border-radius:50%;animation:r-overlay-spin [^}]*width:32px;height:32px/);
    expect(drawn).toContain("@keyframes r-overlay-spin{to{transform:rotate(360deg)}}");
    const outside = (css: string): string => css.replace(/\.r-overlay-spinner\{[^}]*\}/, "").replace(/@keyframes r-overlay-spin\{[^]*?\}\}/, "").trim();
    expect(outside(drawn!)).toBe(outside(installed));
    expect(withDrawnSpinner(".r-overlay-spinner{width:32px}")).toBeUndefined();
  });
});
