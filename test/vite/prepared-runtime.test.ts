// The browser runtime of a plain deck (no live example, no exercise, every diagram drawn at
// build time) is bundled once into the package's prepared folder, and a plain deck's build
// copies it instead of running Vite: what it copies is, file for file, what Vite would have
// made for that deck; a deck that is not plain never gets it. The code's stream for the
// offline file is packed with it, once: a plain deck's offline file takes it from there.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import type { BundleInputs } from "../../src/compile/state.ts";
import { WasmTools } from "../../src/io/wasm-tools.ts";
import { fontData } from "../../src/vite/katex-fonts-plugin.ts";
import { linkedStylesheet, offlineFile, offlineSlidesOf, packFrame } from "../../src/vite/offline-file.ts";
import { prepareRuntime } from "../../src/vite/prepared-runtime.ts";
import { bundleRuntime } from "../../src/vite/runtime-bundle.ts";
import { unpackOffline } from "../support/offline-page.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

const scratch = (name: string): string => mkdtempSync(path.join(tmpdir(), `${name}-`));

/** Every file below `dir` (relative path → content). */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const file = path.join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else files.set(path.relative(dir, file), readFileSync(file));
    }
  };
  walk(dir);
  return files;
}

const plainInputs: BundleInputs = {
  liveSnippets: [],
  slides: [`<section>${katex.renderToString("\\delta h_t = W^\\top \\delta y_t + \\mathbb{R}", { output: "html" })}</section>`],
  runtimeDiagrams: false,
  exercises: false,
};

/** Bundles `inputs` for a fresh copy of the sample deck with `preparedFolder`; whether Vite
 * ran, and what was written. */
async function bundled(inputs: BundleInputs, preparedFolder: string): Promise<{ bundling: boolean; files: Map<string, Buffer> }> {
  const outDir = scratch("prepared-out");
  let bundling = false;
  await bundleRuntime(inputs, copySampleDeck(), outDir, { onBundling: () => (bundling = true), preparedFolder });
  return { bundling, files: tree(outDir) };
}

describe("the prepared runtime", () => {
  it("is bundled once; a plain deck's build copies it, and gets what Vite makes for it", async () => {
    const prepared = scratch("prepared");
    expect(await prepareRuntime(prepared, scratch("streams"))).toBe(true);
    expect(await prepareRuntime(prepared, scratch("streams"))).toBe(false); // kept, and still good

    const viaVite = await bundled(plainInputs, scratch("prepared-none"));
    const copied = await bundled(plainInputs, prepared);
    expect(viaVite.bundling).toBe(true);
    expect(copied.bundling).toBe(false);
    expect([...copied.files.keys()]).toEqual([...viaVite.files.keys()]);
    for (const [file, content] of viaVite.files) expect(copied.files.get(file)!.equals(content), file).toBe(true);
    // the deck's fonts are in it: the page links the stylesheet that carries them
    const css = [...copied.files].find(([file]) => file.endsWith(".css"))!;
    expect(copied.files.get("index.html")!.toString()).toContain(`href="./${css[0]}"`);
    const faces = [...css[1].toString().matchAll(/@font-face\{font-family:(\w+)/g)].map((m) => m[1]);
    expect(faces).toContain("KaTeX_AMS");
    expect(faces).not.toContain("KaTeX_Fraktur");
  }, 120_000);

  it("is not what a deck with live examples or exercises gets", async () => {
    const prepared = scratch("prepared");
    await prepareRuntime(prepared, scratch("streams"));
    const snippet = { key: "slides/01-intro.md:9", file: "slides/01-intro.md", line: 9, code: "export default 1;\n" };
    expect((await bundled({ ...plainInputs, liveSnippets: [snippet] }, prepared)).bundling).toBe(true);
  }, 120_000);

  it("packs its code for the offline file once: a plain deck's offline file takes that stream", async () => {
    const [prepared, streams] = [scratch("prepared"), scratch("streams")];
    await prepareRuntime(prepared, streams);
    expect(readdirSync(streams).filter((f) => f.endsWith(".lzma"))).toHaveLength(1);

    const site = scratch("prepared-site");
    // the stylesheet as the build packs it: read before its fonts are filled in
    let style = "";
    const onBundled = async (): Promise<void> => void (style = await linkedStylesheet(site, readFileSync(path.join(site, "index.html"), "utf8")));
    const fonts = await bundleRuntime(plainInputs, copySampleDeck(), site, { preparedFolder: prepared, onBundled });
    const tools = new WasmTools();
    const asked: number[] = [];
    // the packer as the build has it, counting what it is asked to pack
    const packer = { run: (request: Parameters<WasmTools["run"]>[0]) => (asked.push(request.data.length), tools.run(request)) } as unknown as WasmTools;
    const slides = "<section><p>one slide</p></section>";
    const offlineStreams = { cacheFolder: scratch("offline"), prepared: streams };
    const frame = packFrame(style, await offlineSlidesOf(slides), offlineStreams, packer);
    const html = await offlineFile(site, readFileSync(path.join(site, "index.html"), "utf8"), frame, fontData(fonts), offlineStreams, packer);
    const unpacked = unpackOffline(html)!;
    expect(asked).toEqual([unpacked.table.frame]); // the slides' stream only: the code's was there
    expect(unpacked.slides).toBe(slides);
    // the stylesheet with its fonts, as the site has it
    const siteStyle = await linkedStylesheet(site, readFileSync(path.join(site, "index.html"), "utf8"));
    expect(siteStyle).toMatch(/@font-face\{font-family:KaTeX_Main;[^}]*url\(data:font\/woff2;base64,d09GMg/); // "wOF2"
    expect(unpacked.style).toBe(siteStyle);
    for (const [file, code] of unpacked.sources) expect(code.length, file).toBeGreaterThan(0);
    expect(unpacked.table.files.every((file) => existsSync(path.join(site, "assets", file)))).toBe(true);
  }, 120_000);
});
