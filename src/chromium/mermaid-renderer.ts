// Renders mermaid diagrams to SVG in headless Chromium, with mermaid's own code, at build
// time — in a worker thread (mermaid-worker.ts), so that Chromium starts and draws while
// the main thread compiles and bundles. Results are cached on disk by content hash (diagram
// source, mermaid version, configuration), so an unchanged diagram costs nothing next time.
// The worker belongs to the session's services, which start and close it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";
import type { DiagramRenderer, DiagramResult, DiagramSource } from "../shared/diagrams.ts";
import { mermaidConfig } from "../shared/mermaid-config.ts";
import type { MermaidWorkerClient } from "./mermaid-worker-client.ts";
import { svgOptimizerKey } from "./svg-optimize.ts";

const require = createRequire(import.meta.url);

/** Where the SVGs drawn in `theme` are cached: a function of the source, its key fixed
 * once (mermaid's version, svgo's settings and the configuration are part of it: a changed
 * font size must redraw every diagram). */
export function diagramCacheFiles(cacheDir: string, theme: "light" | "dark"): (source: string) => string {
  const version = (JSON.parse(readFileSync(require.resolve("mermaid/package.json"), "utf8")) as { version: string }).version;
  const prefix = `${version}\0${svgOptimizerKey()}\0${JSON.stringify(mermaidConfig(theme))}\0`;
  return (source) => path.join(cacheDir, `${createHash("sha256").update(prefix + source).digest("hex").slice(0, 24)}.svg`);
}

export interface MermaidRendererOptions {
  /** the worker that draws (started by whoever owns it, on first call) */
  worker: () => MermaidWorkerClient;
  cacheDir: string;
  theme: "light" | "dark";
  /** called when diagrams are about to be drawn (for progress output) */
  onLaunch?: () => void;
  /** called when every diagram asked for so far is drawn and cached (a build may then close
   * Chromium: a diagram asked for later starts a worker again) */
  onIdle?: () => void;
}

export interface MermaidRenderer extends DiagramRenderer {
  /** Draw `diagrams` now — the ones expected — while other work goes on: the compile's
   * render() then takes what is drawn. Nothing starts when all of them are cached. */
  prewarm(diagrams: readonly DiagramSource[]): void;
  /** whether a drawing is under way */
  readonly drawing: boolean;
}

export function createMermaidRenderer(options: MermaidRendererOptions): MermaidRenderer {
  const config = mermaidConfig(options.theme);
  const cacheFile = diagramCacheFiles(options.cacheDir, options.theme);
  /** drawings asked for and not yet cached, by source */
  const drawing = new Map<string, Promise<DiagramResult>>();
  let launched = false;

  /** Draws `source` (once, however often it is asked for) and caches its SVG. */
  const draw = (id: string, source: string): Promise<DiagramResult> => {
    let result = drawing.get(source);
    if (!result) {
      if (!launched) options.onLaunch?.();
      launched = true;
      result = options
        .worker()
        .render(id, source, config)
        .then(async (outcome) => {
          if ("svg" in outcome) await writeFileAtomic(cacheFile(source), outcome.svg);
          return outcome;
        });
      drawing.set(source, result);
      const settled = (): void => {
        drawing.delete(source);
        if (drawing.size === 0) options.onIdle?.();
      };
      result.then(settled, settled);
    }
    return result;
  };

  return {
    async render(requests: readonly DiagramSource[]) {
      const results = new Map<string, DiagramResult>();
      const pending: [string, Promise<DiagramResult>][] = [];
      for (const r of requests) {
        if (results.has(r.id) || pending.some(([id]) => id === r.id)) continue;
        const file = cacheFile(r.source);
        if (!drawing.has(r.source) && existsSync(file)) results.set(r.id, { svg: await readFile(file, "utf8") });
        else pending.push([r.id, draw(r.id, r.source)]);
      }
      pending.forEach(([, d]) => d.catch(() => undefined)); // the first failure is thrown below
      for (const [id, drawn] of pending) results.set(id, await drawn);
      return results;
    },
    get drawing() {
      return drawing.size > 0;
    },
    prewarm(diagrams) {
      for (const { id, source } of diagrams) {
        if (!drawing.has(source) && !existsSync(cacheFile(source))) draw(id, source).catch(() => undefined); // the compile asks again, and hears of a failure
      }
    },
  };
}
