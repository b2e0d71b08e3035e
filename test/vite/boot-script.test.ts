// The offline file's boot script is bundled once and kept with a record of what it was made
// from: a build takes the one kept in its cache or the package's prepared one, and bundles it
// again once a file it was made from reads otherwise.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bootScript } from "../../src/vite/boot-script.ts";

const scratch = (): string => mkdtempSync(path.join(tmpdir(), "boot-script-"));
const keptFile = (folder: string): string => path.join(folder, "boot-script.json");

interface Kept {
  esbuild: string;
  inputs: Record<string, string>;
  code: string;
}
const readKept = (folder: string): Kept => JSON.parse(readFileSync(keptFile(folder), "utf8")) as Kept;
const writeKept = (folder: string, kept: Kept): void => writeFileSync(keptFile(folder), JSON.stringify(kept));

describe("the offline file's boot script", () => {
  it("is bundled into one classic script and kept with what it was made from", async () => {
    const folder = scratch();
    const code = await bootScript(folder);
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toMatch(/<\/script|<!--|^import |\bexport /m); // a classic script, safe inline
    const kept = readKept(folder);
    expect(kept.code).toBe(code);
    expect(Object.keys(kept.inputs)).toEqual(expect.arrayContaining(["src/deck/offline-boot.ts", "src/shared/lzma-decode.ts", "src/vite/boot-script.ts"]));
  });

  it("is taken from the cache, or else from the prepared folder (which it does not write), while its inputs read the same", async () => {
    const [cache, prepared] = [scratch(), scratch()];
    await bootScript(prepared);
    const bundled = readKept(prepared);
    writeKept(prepared, { ...bundled, code: "/* the prepared one */" });
    expect(await bootScript(cache, [prepared])).toBe("/* the prepared one */");
    expect(existsSync(keptFile(cache))).toBe(false);
    writeKept(cache, { ...bundled, code: "/* the cache's */" });
    expect(await bootScript(cache, [prepared])).toBe("/* the cache's */");
  });

  it("is bundled again once a file it was made from reads otherwise, or by another esbuild", async () => {
    const folder = scratch();
    const code = await bootScript(folder);
    const kept = readKept(folder);
    writeKept(folder, { ...kept, code: "/* stale */", inputs: { ...kept.inputs, "src/deck/offline-boot.ts": "0".repeat(64) } });
    expect(await bootScript(folder)).toBe(code);
    expect(readKept(folder).inputs).toEqual(kept.inputs); // kept again, as it is now
    writeKept(folder, { ...kept, code: "/* stale */", esbuild: "0.0.0" });
    expect(await bootScript(folder)).toBe(code);
  });
});
