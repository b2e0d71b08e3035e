// The build's WebAssembly tools run in a process of their own that ends when nothing is
// asked of it: zstd's frame unpacks (with the page's own decoder) to what was packed, a
// font is cut to a woff2 of the characters asked for, and a bad font is an error for its
// request, not a crash of the build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { decompress } from "fzstd";
import { describe, expect, it } from "vitest";
import { WasmTools } from "../../src/io/wasm-tools.ts";

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

  it("cuts a font to the characters asked for, as woff2; a bad font fails its request only", async () => {
    const tools = new WasmTools();
    const full = katexFont("KaTeX_Main-Regular.woff2");
    const [subset, bad] = await Promise.allSettled([
      tools.run({ tool: "subset-font", font: full, text: "abc" }),
      tools.run({ tool: "subset-font", font: Buffer.from("not a font"), text: "abc" }),
    ]);
    if (subset.status !== "fulfilled") throw subset.reason;
    expect(subset.value.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(subset.value.length).toBeLessThan(full.length / 3);
    expect(bad.status).toBe("rejected");
    // the worker ended with the last request: a new one starts another
    expect(tools.running).toBe(false);
    const again = await tools.run({ tool: "zstd", data: Buffer.from("again"), level: 3 });
    expect(Buffer.from(decompress(again)).toString()).toBe("again");
  });
});
