// The build's diagram renderer draws the diagrams it is told of ahead (prewarm) at once, and
// the compile's render() takes those drawings rather than drawing again; once everything
// asked for is drawn it says so (a build then closes Chromium), and a drawn diagram is read
// from the disk cache afterwards without a worker. The worker here is a stand-in that
// records what it was asked: Chromium itself is tested by the build and deck tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMermaidRenderer } from "../../src/chromium/mermaid-renderer.ts";
import type { MermaidWorkerClient } from "../../src/chromium/mermaid-worker-client.ts";
import type { DiagramResult } from "../../src/shared/diagrams.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A worker that answers each source with an SVG naming it, when `release()` is called. */
function standInWorker() {
  const asked: string[] = [];
  const waiting: (() => void)[] = [];
  const worker = {
    render(_id: string, source: string): Promise<DiagramResult> {
      asked.push(source);
      if (source.includes("broken")) return Promise.resolve({ error: "Parse error on line 1" });
      return new Promise((resolve) => waiting.push(() => resolve({ svg: `<svg>${source}</svg>` })));
    },
  };
  const release = (): void => waiting.splice(0).forEach((go) => go());
  // the renderer calls only render(): the rest of the client is not needed here
  return { asked, release, worker: worker as unknown as MermaidWorkerClient };
}

function renderer(worker: MermaidWorkerClient, events: string[]) {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "deck-diagrams-"));
  dirs.push(cacheDir);
  return {
    cacheDir,
    make: () => createMermaidRenderer({ worker: () => worker, cacheDir, theme: "light", onLaunch: () => events.push("launch"), onIdle: () => events.push("idle") }),
  };
}

describe("the mermaid renderer", () => {
  it("draws prewarmed diagrams once: render() takes the drawings in flight, then idles", async () => {
    const { asked, release, worker } = standInWorker();
    const events: string[] = [];
    const mermaid = renderer(worker, events).make();
    mermaid.prewarm([
      { id: "a", source: "flowchart LR\n a --> b" },
      { id: "b", source: "flowchart TD\n c --> d" },
    ]);
    expect(asked).toEqual(["flowchart LR\n a --> b", "flowchart TD\n c --> d"]);
    expect(events).toEqual(["launch"]);
    const rendering = mermaid.render([
      { id: "b", source: "flowchart TD\n c --> d" },
      { id: "a", source: "flowchart LR\n a --> b" },
    ]);
    release();
    const results = await rendering;
    expect(asked).toHaveLength(2);
    expect(results.get("a")).toEqual({ svg: "<svg>flowchart LR\n a --> b</svg>" });
    expect(results.get("b")).toEqual({ svg: "<svg>flowchart TD\n c --> d</svg>" });
    expect(events).toEqual(["launch", "idle"]);
  });

  it("reads what it drew from the disk cache in a later renderer, without a worker", async () => {
    const first = standInWorker();
    const events: string[] = [];
    const { make, cacheDir } = renderer(first.worker, events);
    const drawing = make().render([{ id: "a", source: "flowchart LR\n a --> b" }]);
    first.release();
    await drawing;
    const noWorker = () => {
      throw new Error("no worker should be started");
    };
    const later = createMermaidRenderer({ worker: noWorker, cacheDir, theme: "light" });
    later.prewarm([{ id: "a", source: "flowchart LR\n a --> b" }]);
    expect((await later.render([{ id: "a", source: "flowchart LR\n a --> b" }])).get("a")).toEqual({ svg: "<svg>flowchart LR\n a --> b</svg>" });
  });

  it("hands a diagram's error to render() and does not cache it: it is drawn again next time", async () => {
    const { asked, worker } = standInWorker();
    const events: string[] = [];
    const mermaid = renderer(worker, events).make();
    mermaid.prewarm([{ id: "x", source: "broken diagram" }]);
    expect((await mermaid.render([{ id: "x", source: "broken diagram" }])).get("x")).toEqual({ error: "Parse error on line 1" });
    await mermaid.render([{ id: "x", source: "broken diagram" }]);
    expect(asked).toEqual(["broken diagram", "broken diagram"]);
  });
});
