// The DevTools pipe the diagram worker drives Chromium with: answers, a page's exception,
// one process, nothing left behind, a page opened and a function called in it (the PDF), and a
// Chromium that cannot start.
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { call, CdpPipe, evaluate, navigate, openPage } from "../../src/chromium/cdp-pipe.ts";
import { chromiumPath, hasChromium } from "../support/browser.ts";
import { descendantsOf, processesNaming } from "../support/processes.ts";

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

  it("opens a page and calls a function in it with an argument; a missing file is an error", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-pipe-"));
    const browser = CdpPipe.launch(chromiumPath!, { forDiagrams: false });
    try {
      writeFileSync(path.join(dir, "page.html"), "<title>a page</title><p id=p>loaded</p>");
      const page = await openPage(browser);
      await navigate(browser, page, pathToFileURL(path.join(dir, "page.html")).href);
      expect(await evaluate<string>(browser, page, "document.title")).toBe("a page");
      expect(await call(browser, page, ({ id, times }) => document.getElementById(id)!.textContent!.repeat(times), { id: "p", times: 2 })).toBe("loadedloaded");
      await expect(call(browser, page, (n: number) => Promise.reject(new Error(`no ${n}`)), 7)).rejects.toThrow("no 7");
      await expect(navigate(browser, page, pathToFileURL(path.join(dir, "missing.html")).href)).rejects.toThrow(/missing\.html: net::ERR_FILE_NOT_FOUND/);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says so when Chromium cannot start", async () => {
    const browser = CdpPipe.launch(path.join(os.tmpdir(), "no-such-chromium"));
    await expect(browser.send("Browser.getVersion")).rejects.toThrow(/Chromium did not start: .*ENOENT/);
    await browser.close();
  });
});
