// A worker's bundle made by esbuild's command (src/io/esbuild-command.ts): the same bundle
// its JavaScript API makes, the files it was made from, and esbuild's own error for bad code.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleForNode } from "../../src/io/esbuild-command.ts";

const dir = mkdtempSync(path.join(tmpdir(), "deck-esbuild-test-"));
mkdirSync(path.join(dir, "lib"));
writeFileSync(path.join(dir, "lib", "twice.ts"), "export const twice = (x: number): number => 2 * x;\n");
writeFileSync(path.join(dir, "main.ts"), 'import { readFileSync } from "node:fs";\nimport { parse } from "yaml";\nimport { twice } from "./lib/twice.ts";\nexport const run = (f: string): unknown => parse(readFileSync(f, "utf8")) ?? twice(21);\n');
writeFileSync(path.join(dir, "bad.ts"), "export const = ;\n");

describe("a bundle made by esbuild's command", () => {
  it("is the bundle esbuild's API makes, with the files it was made from; packages stay imports", async () => {
    const made = await bundleForNode(path.join(dir, "main.ts"), dir);
    const api = await build({ entryPoints: [path.join(dir, "main.ts")], absWorkingDir: dir, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", metafile: true, write: false, logLevel: "silent" });
    expect(Buffer.from(made.code).equals(Buffer.from(api.outputFiles[0].contents))).toBe(true);
    expect(made.inputs.sort()).toEqual(["lib/twice.ts", "main.ts"]);
    const code = Buffer.from(made.code).toString("utf8");
    expect(code).toMatch(/from "yaml"/);
    expect(code).toContain("2 * x");
  });

  it("fails with esbuild's message for code it cannot read", async () => {
    await expect(bundleForNode(path.join(dir, "bad.ts"), dir)).rejects.toThrow(/^esbuild: .*Expected identifier/s);
  });
});
