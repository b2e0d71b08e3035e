// The build's WebAssembly tools: zstd, in a process of its own that ends when nothing is
// asked of it — its frame unpacks (with the page's own decoder) to what was packed, and a
// bad request is an error for that request, not a crash of the build; subset-font (run in
// the runtime bundler's process) cuts a font to a woff2 of the characters asked for.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { decompress } from "fzstd";
import { describe, expect, it } from "vitest";
import { subsetWoff2 } from "../../src/io/subset-woff2.ts";
import { WasmTools, type WasmToolRequest } from "../../src/io/wasm-tools.ts";
import { childrenNaming } from "../support/processes.ts";

/** This test process's WebAssembly tools' workers now running. */
const workers = (): string[] => childrenNaming("wasm-tools-worker");

const require = createRequire(import.meta.url);
const katexFont = (name: string): Buffer => readFileSync(path.join(path.dirname(require.resolve("katex/package.json")), "dist", "fonts", name));

describe("the WebAssembly tools' worker", () => {
  it("packs with zstd: the frame unpacks to the same bytes", async () => {
    const text = "∂L/∂h_t = W_hy^T δy_t + W_hh^T δh_{t+1} ".repeat(2000);
    const packed = await new WasmTools().run({ tool: "zstd", data: Buffer.from(text), level: 19 });
    expect([...packed.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]); // a zstd frame's magic number
    expect(packed.length).toBeLessThan(text.length / 20);
    expect(Buffer.from(decompress(packed)).toString()).toBe(text);
  });

  it("a bad request fails only itself", async () => {
    const tools = new WasmTools();
    const [packed, bad] = await Promise.allSettled([
      tools.run({ tool: "zstd", data: Buffer.from("packed"), level: 3 }),
      tools.run({ tool: "no-such-tool" } as unknown as Omit<WasmToolRequest, "id">), // as a broken caller would send it
    ]);
    if (packed.status !== "fulfilled") throw packed.reason;
    expect(Buffer.from(decompress(packed.value)).toString()).toBe("packed");
    expect(bad.status === "rejected" && String(bad.reason)).toMatch(/no tool named no-such-tool/);
    // the worker ended with the last request: a new one starts another
    expect(tools.running).toBe(false);
    const again = await tools.run({ tool: "zstd", data: Buffer.from("again"), level: 3 });
    expect(Buffer.from(decompress(again)).toString()).toBe("again");
  });
});

describe("a warmed WebAssembly tools' worker", () => {
  it("is started before any request, answers the first one and ends; closed unasked, it is gone", async () => {
    const tools = new WasmTools();
    tools.warm();
    await expect.poll(() => tools.running).toBe(true); // started with nothing asked yet
    const packed = await tools.run({ tool: "zstd", data: Buffer.from("warm"), level: 3 });
    expect(Buffer.from(decompress(packed)).toString()).toBe("warm");
    expect(tools.running).toBe(false); // ended with its last answer, as an unwarmed one does

    const unasked = new WasmTools();
    unasked.warm();
    await expect.poll(workers).toHaveLength(1);
    await unasked.close();
    expect(unasked.running).toBe(false);
    await expect.poll(workers).toEqual([]);
    const again = await unasked.run({ tool: "zstd", data: Buffer.from("again"), level: 3 });
    expect(Buffer.from(decompress(again)).toString()).toBe("again");
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
