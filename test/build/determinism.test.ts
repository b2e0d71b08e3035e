// The same sources give byte-identical output under any load: two cold builds of the real
// deck in separate processes (no diagram or font cache, nothing shared in memory), the
// first while a busy loop on every core keeps them saturated, in two different folders — every
// file of the two outputs compared byte for byte — and a warm build after the second, from
// what it left in its cache, gives the same bytes too.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDir } from "../../src/io/cache-dir.ts";
import { firstTreeDifference, readTree } from "../support/read-tree.ts";
import { runScript } from "../support/run-script.ts";

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The real deck (its chapters, and src/ for the code it includes) in a folder of its own. */
function copyRealDeck(): string {
  const root = mkdtempSync(path.join(tmpdir(), "deck-determinism-"));
  scratch.push(root);
  cpSync("slides", path.join(root, "slides"), { recursive: true });
  cpSync("src", path.join(root, "src"), { recursive: true });
  return root;
}

function busyLoops(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

async function coldBuild(root: string, out: string): Promise<Map<string, Buffer>> {
  rmSync(cacheDir(root), { recursive: true, force: true });
  const outcome = await runScript("build", ["--out", out], { cwd: root });
  expect(outcome.code, outcome.stderr).toBe(0);
  return readTree(path.join(root, out));
}

describe("npm run build", () => {
  it("gives byte-identical output from two cold builds, one of them under full CPU load", async () => {
    const first = copyRealDeck();
    const load = busyLoops(availableParallelism()); // every core
    let loaded: Map<string, Buffer>;
    try {
      loaded = await coldBuild(first, "A");
    } finally {
      load.forEach((p) => p.kill("SIGKILL"));
    }
    const second = copyRealDeck();
    const quiet = await coldBuild(second, "B");
    // and again in that folder, warm: what the first build left (typeset formulas, checks,
    // the snippets' answers, the runtime's bundle) gives the same bytes
    const again = await runScript("build", ["--out", "C"], { cwd: second });
    expect(again.code, again.stderr).toBe(0);
    expect(firstTreeDifference(quiet, readTree(path.join(second, "C")))).toBe("");
    // the site (page, script, stylesheet) and the offline file, at least
    expect(loaded.size).toBeGreaterThanOrEqual(4);
    expect([...loaded.keys()].some((f) => f.endsWith(".js")) && [...loaded.keys()].some((f) => f.endsWith(".css"))).toBe(true);
    expect(firstTreeDifference(loaded, quiet)).toBe("");
  }, 240_000);
});
