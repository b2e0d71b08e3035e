// The DevTools pipe the diagram worker drives Chromium with: answers, a page's exception,
// one process, nothing left behind, and a Chromium that cannot start.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CdpPipe, evaluate, openPage } from "../../src/chromium/cdp-pipe.ts";
import { chromiumPath, hasChromium } from "../support/browser.ts";

/** The processes whose command line names `text`. */
function processesNaming(text: string): string[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false; // gone meanwhile
      }
    });
}

/** The processes started by process `pid`, and theirs. */
function descendantsOf(pid: string): string[] {
  const parents = new Map<string, string>();
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      parents.set(d, readFileSync(`/proc/${d}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]);
    } catch {
      // gone meanwhile
    }
  }
  const found: string[] = [];
  for (let grown = true; grown; ) {
    grown = false;
    for (const [child, parent] of parents) {
      if ((parent === pid || found.includes(parent)) && !found.includes(child)) {
        found.push(child);
        grown = true;
      }
    }
  }
  return found;
}

describe.skipIf(!hasChromium)("CdpPipe", () => {
  it("evaluates in a page, awaits promises, throws the page's exception, and leaves nothing when closed", async () => {
    const browser = CdpPipe.launch(chromiumPath!);
    try {
      const page = await openPage(browser);
      expect(await evaluate<number>(browser, page, "6 * 7")).toBe(42);
      expect(await evaluate<string>(browser, page, "new Promise((r) => setTimeout(() => r(document.title + 'done'), 10))")).toBe("done");
      await expect(evaluate(browser, page, "Promise.reject(new Error('no such diagram'))")).rejects.toThrow("no such diagram");
      // its own profile folder, which other tests' Chromiums (running meanwhile) do not share
      const profile = browser.profileDir;
      expect(path.dirname(profile)).toBe(os.tmpdir());
      expect(existsSync(profile)).toBe(true);
      // one process: the browser and its page together (SINGLE_PROCESS_ARGS)
      const started = processesNaming(`--user-data-dir=${profile}`);
      expect(started).toHaveLength(1);
      expect(descendantsOf(started[0])).toEqual([]);
      await browser.close();
      expect(processesNaming(`--user-data-dir=${profile}`)).toEqual([]);
      expect(existsSync(profile)).toBe(false);
      await expect(browser.send("Browser.getVersion")).rejects.toThrow(/Chromium exited/);
    } finally {
      await browser.close();
    }
  });

  it("says so when Chromium cannot start", async () => {
    const browser = CdpPipe.launch(path.join(os.tmpdir(), "no-such-chromium"));
    await expect(browser.send("Browser.getVersion")).rejects.toThrow(/Chromium did not start: .*ENOENT/);
    await browser.close();
  });
});
