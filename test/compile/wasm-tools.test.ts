// The build's WebAssembly tools: 7-Zip's LZMA encoder, in a process of its own that ends
// when nothing is asked of it (one process for both tools: a build cuts its fonts and packs
// its offline file in the same one) — its stream unpacks (with the page's own decoder) to what was packed, and a
// bad request is an error for that request, not a crash of the build; subset-font (its
// other tool) cuts a font to a woff2 of the characters asked for.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { subsetWoff2 } from "../../src/io/subset-woff2.ts";
import { WasmTools } from "../../src/io/wasm-tools.ts";
import { lzmaDecode } from "../../src/shared/lzma-decode.ts";
import { OFFLINE_LZMA } from "../../src/shared/runtime-config.ts";
import { childrenNaming } from "../support/processes.ts";

/** This test process's WebAssembly tools' workers now running. */
const workers = (): string[] => childrenNaming("wasm-tools-worker");

/** `packed` unpacked to as many bytes as `text` has. */
const unpacked = (packed: Uint8Array, text: string): string => Buffer.from(lzmaDecode(packed, OFFLINE_LZMA, Buffer.byteLength(text))).toString();

const require = createRequire(import.meta.url);
const katexFont = (name: string): Buffer => readFileSync(path.join(path.dirname(require.resolve("katex/package.json")), "dist", "fonts", name));

describe("the WebAssembly tools' worker", () => {
  it("packs with LZMA: the stream unpacks to the same bytes", async () => {
    const text = "∂L/∂h_t = W_hy^T δy_t + W_hh^T δh_{t+1} ".repeat(2000);
    const packed = await new WasmTools().run({ tool: "lzma", data: Buffer.from(text), properties: OFFLINE_LZMA });
    expect(packed[0]).toBe(0); // a raw LZMA stream's first byte
    expect(packed.length).toBeLessThan(text.length / 20);
    expect(unpacked(packed, text)).toBe(text);
  });

  it("a bad request fails only itself", async () => {
    const tools = new WasmTools();
    const [packed, bad] = await Promise.allSettled([
      tools.run({ tool: "lzma", data: Buffer.from("packed"), properties: OFFLINE_LZMA }),
      tools.run({ tool: "no-such-tool" } as unknown as Parameters<WasmTools["run"]>[0]), // as a broken caller would send it
    ]);
    if (packed.status !== "fulfilled") throw packed.reason;
    expect(unpacked(packed.value, "packed")).toBe("packed");
    expect(bad.status === "rejected" && String(bad.reason)).toMatch(/no tool named no-such-tool/);
    // the worker ended with the last request: a new one starts another
    expect(tools.running).toBe(false);
    const again = await tools.run({ tool: "lzma", data: Buffer.from("again"), properties: OFFLINE_LZMA });
    expect(unpacked(again, "again")).toBe("again");
  });
});

describe("a warmed WebAssembly tools' worker", () => {
  it("is started before any request, answers the first one and ends; closed unasked, it is gone", async () => {
    const tools = new WasmTools();
    tools.warm();
    await expect.poll(() => tools.running).toBe(true); // started with nothing asked yet
    const packed = await tools.run({ tool: "lzma", data: Buffer.from("warm"), properties: OFFLINE_LZMA });
    expect(unpacked(packed, "warm")).toBe("warm");
    expect(tools.running).toBe(false); // ended with its last answer, as an unwarmed one does

    const unasked = new WasmTools();
    unasked.warm();
    await expect.poll(workers).toHaveLength(1);
    await unasked.close();
    expect(unasked.running).toBe(false);
    await expect.poll(workers).toEqual([]);
    const again = await unasked.run({ tool: "lzma", data: Buffer.from("again"), properties: OFFLINE_LZMA });
    expect(unpacked(again, "again")).toBe("again");
  });
});

describe("one WebAssembly tools' worker for both tools", () => {
  it("warmed for the fonts and then for packing, loads 7-Zip too and answers both: one process", async () => {
    const tools = new WasmTools({ preload: "subset" });
    tools.warm("subset");
    await expect.poll(workers).toHaveLength(1);
    const [first] = workers();
    tools.warm("lzma"); // a message to load 7-Zip, not a request: one answered would end it (no request left)
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for it to have read the message
    expect(workers()).toEqual([first]);
    const [font, packed] = await Promise.all([
      tools.run({ tool: "subset", data: katexFont("KaTeX_Main-Regular.woff2"), text: "abc" }),
      tools.run({ tool: "lzma", data: Buffer.from("both"), properties: OFFLINE_LZMA }),
    ]);
    expect(font.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(unpacked(packed, "both")).toBe("both");
    expect(tools.running).toBe(false); // ended with its last answer
  });
});

describe("a WebAssembly tools' worker kept for a request expected", () => {
  it("done with the fonts, stays for the packing that is expected, then ends; closed, it goes", async () => {
    const tools = new WasmTools({ preload: "subset" });
    tools.expect("lzma");
    expect(tools.running).toBe(false); // expecting starts nothing
    const font = await tools.run({ tool: "subset", data: katexFont("KaTeX_Main-Regular.woff2"), text: "abc" });
    expect(font.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(tools.running).toBe(true); // kept: a packing will follow
    const [kept] = workers();
    const packing = tools.run({ tool: "lzma", data: Buffer.from("kept"), properties: OFFLINE_LZMA });
    expect(workers()).toEqual([kept]);
    expect(unpacked(await packing, "kept")).toBe("kept");
    expect(tools.running).toBe(false); // nothing more expected: it ended with its last answer

    const unmet = new WasmTools({ preload: "subset" });
    unmet.expect("lzma");
    await unmet.run({ tool: "subset", data: katexFont("KaTeX_Main-Regular.woff2"), text: "x" });
    expect(unmet.running).toBe(true);
    await unmet.close(); // the packing never came (a build that failed)
    expect(unmet.running).toBe(false);
    await expect.poll(workers).toEqual([]);
  });
});

describe("subsetWoff2", () => {
  it("cuts a font to the characters asked for, as woff2 without hinting; a bad font is an error", async () => {
    const full = katexFont("KaTeX_Main-Regular.woff2");
    const subset = await subsetWoff2(full, "abc");
    expect(subset.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(subset.length).toBeLessThan(full.length / 3);
    const more = await subsetWoff2(full, "abcdefghij");
    expect(more.length).toBeGreaterThan(subset.length); // the characters asked for are what is kept
    await expect(subsetWoff2(Buffer.from("not a font"), "abc")).rejects.toThrow();
  });
});
