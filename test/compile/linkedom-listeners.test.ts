// linkedom as the commands bundle it (scripts/linkedom-listeners.mjs): its EventTarget made
// to create a node's listener map with the node's first listener instead of in its
// constructor. The installed linkedom's file reads as the change expects (else it would be
// bundled unchanged, silently), and events behave as before: listeners run, once and
// removal work, and a node that never had a listener dispatches and removes without error.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Event } from "linkedom";
import { describe, expect, it } from "vitest";
import { EVENT_TARGET_FILE, withLazyListenerMaps } from "../../scripts/linkedom-listeners.mjs";

type Target = { addEventListener(type: string, listener: () => void, options?: { once?: boolean }): void; removeEventListener(type: string, listener: () => void): void; dispatchEvent(event: Event): boolean };

/** the ES module build's file, which the commands bundle */
const file = path.join(path.dirname(createRequire(import.meta.url).resolve("linkedom/package.json")), "esm", "interface", "event-target.js");

describe("linkedom's listener maps, made on a node's first listener", () => {
  it("the installed linkedom reads as the change expects", () => {
    expect(EVENT_TARGET_FILE.test(file)).toBe(true);
    const patched = withLazyListenerMaps(readFileSync(file, "utf8"));
    expect(patched).toBeDefined();
    expect(patched).not.toContain("wm.set(this, new Map);");
    expect(withLazyListenerMaps("class X { constructor() {} }")).toBeUndefined();
  });

  it("events behave as linkedom's own", async () => {
    const patched = withLazyListenerMaps(readFileSync(file, "utf8"))!;
    const { EventTarget } = (await import(`data:text/javascript,${encodeURIComponent(patched)}`)) as { EventTarget: new () => Target };
    const heard: string[] = [];
    const target = new EventTarget();
    const always = (): void => void heard.push("always");
    target.addEventListener("ping", always);
    target.addEventListener("ping", () => heard.push("once"), { once: true });
    expect(target.dispatchEvent(new Event("ping"))).toBe(true);
    expect(target.dispatchEvent(new Event("ping"))).toBe(true);
    expect(heard).toEqual(["always", "once", "always"]);
    target.removeEventListener("ping", always);
    target.dispatchEvent(new Event("ping"));
    expect(heard).toHaveLength(3);
    const silent = new EventTarget();
    expect(() => silent.removeEventListener("ping", always)).not.toThrow();
    expect(silent.dispatchEvent(new Event("ping"))).toBe(true);
  });
});
