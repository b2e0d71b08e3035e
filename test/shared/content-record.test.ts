// A content record holds while every file it names reads the same: an edit, a file gone or
// one that appears where none was, and it no longer does; an empty record never holds.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentRecord, recordHolds } from "../../src/io/content-record.ts";

describe("content records", () => {
  it("hold while the files read the same, by content, relative to a root or absolute", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "content-record-"));
    writeFileSync(path.join(root, "a.ts"), "export const a = 1;\n");
    writeFileSync(path.join(root, "b.ts"), "export const b = 2;\n");
    const relative = await contentRecord(["a.ts", "b.ts", "none.ts"], root);
    const absolute = await contentRecord([path.join(root, "a.ts")]);
    expect(await recordHolds(relative, root)).toBe(true);
    expect(await recordHolds(absolute)).toBe(true);
    writeFileSync(path.join(root, "a.ts"), "export const a = 1;\n"); // written again, the same
    expect(await recordHolds(relative, root)).toBe(true);
    writeFileSync(path.join(root, "a.ts"), "export const a = 2;\n");
    expect(await recordHolds(relative, root)).toBe(false);
    expect(await recordHolds(absolute)).toBe(false);
    const again = await contentRecord(["a.ts", "b.ts", "none.ts"], root);
    rmSync(path.join(root, "b.ts"));
    expect(await recordHolds(again, root)).toBe(false);
    const withB = await contentRecord(["a.ts", "none.ts"], root);
    writeFileSync(path.join(root, "none.ts"), "now here\n");
    expect(await recordHolds(withB, root)).toBe(false);
    expect(await recordHolds({}, root)).toBe(false);
  });
});
