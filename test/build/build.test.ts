// The static build end to end, on the sample deck built once for all tests: the site, the
// offline file that fetches nothing and carries the site's slides and code (compressed),
// diagrams pre-rendered. (Identical output:
// determinism.test.ts; bad input: bad-input.test.ts.)
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium } from "../support/browser.ts";
import { FONT_PLACEHOLDER_PREFIX } from "../../src/shared/font-data.ts";
import { preparedFolder } from "../../src/vite/prepared-runtime.ts";
import { packedSlides, readOfflinePage, unpackOffline } from "../support/offline-page.ts";

let root: string;
beforeAll(() => {
  root = inject("builtSampleDeck"); // shared, read-only
});

/** Every URL the page would fetch: src/href of resources, and url(…) in styles. */
function fetchedUrls(html: string): string[] {
  const { document } = parseHTML(html);
  const urls: string[] = [];
  for (const el of document.querySelectorAll("script[src], img[src], iframe[src], source[src], audio[src], video[src], link[href], image[href], use[href]")) {
    urls.push(el.getAttribute("src") ?? el.getAttribute("href") ?? "");
  }
  const css = [...document.querySelectorAll("style")].map((s) => s.textContent ?? "").join("\n") +
    [...document.querySelectorAll("[style]")].map((el) => el.getAttribute("style")).join("\n");
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/g)) urls.push(m[1]);
  for (const m of css.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/g)) urls.push(m[1]);
  return urls.filter((u) => !u.startsWith("data:") && !u.startsWith("#"));
}

describe("npm run build", () => {
  it("writes the site: index.html with its assets", () => {
    const dist = path.join(root, "dist");
    expect(existsSync(path.join(dist, "index.html"))).toBe(true);
    const assets = readdirSync(path.join(dist, "assets"));
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    // KaTeX's fonts: woff2 only, subset to the deck and inlined; families no formula uses
    // (the sample deck has no \mathfrak, \mathcal, \texttt…) are left out.
    expect(assets.filter((a) => /\.(woff2?|ttf)$/.test(a))).toEqual([]);
    const css = readFileSync(path.join(dist, "assets", assets.find((a) => a.endsWith(".css"))!), "utf8");
    const families = new Set([...css.matchAll(/font-family:\s*"?(KaTeX_\w+)"?[^}]*?url\(data:font\/woff2/g)].map((m) => m[1]));
    expect(families.has("KaTeX_Main")).toBe(true);
    expect(families.has("KaTeX_Math")).toBe(true);
    expect(families.has("KaTeX_AMS")).toBe(true); // \mathbb{R} in the sample deck
    expect(families.has("KaTeX_Fraktur")).toBe(false);
    expect(families.has("KaTeX_Typewriter")).toBe(false);
    const html = readFileSync(path.join(dist, "index.html"), "utf8");
    expect(html).toContain('class="katex"');
    expect(html).toMatch(/<script type="module"[^>]*src="\.\/assets\//);
  });

  it.runIf(hasChromium)("reads none of mermaid's code when every diagram is drawn at build time", () => {
    // what the bundler read, as the bundle cache records it (src/vite/bundle-cache.ts): the
    // deck's own, or (a plain deck) the package's prepared bundle, which its build copied
    const folders = [path.join(root, "node_modules", ".cache", "backprop-deck", "bundles"), preparedFolder()].filter((f) => existsSync(f));
    const records = folders.flatMap((f) => readdirSync(f).map((b) => path.join(f, b, "record.json"))).filter((r) => existsSync(r));
    expect(records.length).toBeGreaterThan(0);
    const read = records.flatMap((r) => Object.keys((JSON.parse(readFileSync(r, "utf8")) as { files: Record<string, string> }).files));
    expect(read.some((f) => f.includes(`${path.sep}reveal.js${path.sep}`))).toBe(true);
    expect(read.filter((f) => f.includes(`${path.sep}node_modules${path.sep}mermaid${path.sep}`))).toEqual([]);
  });

  it("writes one self-contained file that fetches nothing", () => {
    const html = readOfflinePage(path.join(root, "dist", "sample.html"));
    expect(fetchedUrls(html)).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain("data:font/woff2;base64,");
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts|unpkg|cdnjs)/);
  });

  it("carries the site's slides in the offline file, compressed, without what only tools read", () => {
    const file = readFileSync(path.join(root, "dist", "sample.html"), "utf8");
    const site = parseHTML(readFileSync(path.join(root, "dist", "index.html"), "utf8")).document.querySelector(".reveal .slides")!.innerHTML;
    expect(site).toContain("<section");
    expect(site).toContain('<annotation encoding="application/x-tex">');
    const offline = packedSlides(file)!;
    expect(site).toContain('class="deck-example"');
    expect(offline).not.toContain("<annotation");
    expect(offline).not.toContain('class="deck-example"');
    // the same markup, MathML included, but for the formulas' TeX and the example records
    expect(offline).toBe(site.replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, "").replace(/<script type="application\/json" class="deck-example">[\s\S]*?<\/script>/g, ""));
    expect(file).not.toContain("<section data-source"); // the slides' markup is not there twice
  });

  it("carries the site's code in the offline file: every chunk, the lazy ones asked for by name", () => {
    const file = readFileSync(path.join(root, "dist", "sample.html"), "utf8");
    const unpacked = unpackOffline(file)!;
    const assets = readdirSync(path.join(root, "dist", "assets"));
    const chunks = assets.filter((a) => a.endsWith(".js")).sort();
    expect(chunks.length).toBeGreaterThan(1); // the site's code is split: lazy chunks load when needed
    const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(readFileSync(path.join(root, "dist", "index.html"), "utf8"))![1];
    // the entry, then what it imports statically (directly or not), then the chunks only
    // imported when needed, each group in name order: the boot unpacks the code only as far
    // as the chunks it needs (the static imports read here from the site's own files)
    const startsWith = new Set([entry]);
    for (const chunk of startsWith) {
      const site = readFileSync(path.join(root, "dist", "assets", chunk), "utf8");
      for (const m of site.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) startsWith.add(m[1]);
    }
    const imported = chunks.filter((c) => c !== entry && startsWith.has(c));
    expect(imported.length).toBeGreaterThan(0);
    expect(unpacked.table.files).toEqual([entry, ...imported, ...chunks.filter((c) => !startsWith.has(c))]);
    for (const [k, chunk] of unpacked.table.files.entries()) {
      const site = readFileSync(path.join(root, "dist", "assets", chunk), "utf8");
      const packed = unpacked.sources.get(chunk)!;
      // a dynamic import of a chunk asks the boot script for its module's URL
      expect(packed).toBe(site.replace(/import\((["'`])\.\/([^"'`]+\.js)\1\)/g, (_m, _q, name: string) => `import(globalThis.deckChunkUrl(${JSON.stringify(name)}))`));
      for (const [start, end, target] of unpacked.table.links[k]) expect(packed.slice(start, end)).toBe(`./${unpacked.table.files[target]}`);
    }
    const style = readFileSync(path.join(root, "dist", "assets", assets.find((a) => a.endsWith(".css"))!), "utf8");
    expect(unpacked.style).toBe(style);
    // KaTeX's fonts beside the packed stylesheet, not in it: woff2 ("wOF2") by placeholder
    const fonts = Object.entries(unpacked.table.fonts);
    expect(fonts.length).toBeGreaterThan(2);
    for (const [placeholder, font] of fonts) expect([placeholder.startsWith(FONT_PLACEHOLDER_PREFIX), font.startsWith("d09GMg")]).toEqual([true, true]);
  });

  it("bundles reveal.js's speaker view without a Markdown parser, its page minified", () => {
    const code = readdirSync(path.join(root, "dist", "assets")).filter((a) => a.endsWith(".js")).map((a) => readFileSync(path.join(root, "dist", "assets", a), "utf8")).join("\n");
    expect(code).toContain("reveal.js - Speaker View");
    expect(code).not.toMatch(/markedjs|marked\(\): input parameter/);
    expect(code).not.toContain("NOTE: You need to build the notes plugin"); // the page's comment
    expect(code.match(/<\\\/script>/g)).toHaveLength(1); // its script, closed as the room's server expects
  });

  it("ships none of the compiler's own bookkeeping: no source positions, value paths or slot markers", () => {
    const site = readFileSync(path.join(root, "dist", "index.html"), "utf8");
    const offline = readOfflinePage(path.join(root, "dist", "sample.html"));
    for (const html of [site, offline]) {
      expect(html).toContain("math-display"); // the sample deck has display math
      expect(html).not.toMatch(/\sdata-(at|ref|digits)=/);
      expect(html).not.toContain("deck-slot");
    }
  });

  it.runIf(hasChromium)("pre-renders diagrams to inline SVG and leaves mermaid out of the bundle", () => {
    const html = readOfflinePage(path.join(root, "dist", "sample.html"));
    const { document } = parseHTML(html);
    expect(document.querySelectorAll(".diagram > svg").length).toBe(1);
    expect(document.querySelectorAll(".diagram-runtime").length).toBe(0);
    expect(html.length).toBeLessThan(1_000_000); // mermaid's runtime alone is larger
    // `%% step 1: y-->x1, x1` marks that edge and node as a highlight at step 1
    const marked = [...document.querySelectorAll(".diagram svg .fragment.hl")];
    expect(marked.map((el) => [el.tagName.toLowerCase(), el.getAttribute("data-fragment-index")]).sort()).toEqual([["g", "1"], ["path", "1"]]);
    // and a screen reader reads it in words: its nodes, its arrows, what each step highlights
    const svg = document.querySelector(".diagram > svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toMatch(/^Diagram with \d+ nodes: .+\. Arrows: .+ → .+\. Step 1 highlights .+ → .+/);
  });
});
