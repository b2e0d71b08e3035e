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
}

export interface MermaidRenderer extends DiagramRenderer {
  /** Start Chromium and load mermaid now, while other work goes on, for diagrams to come.
   * `sources` are the diagrams expected; nothing starts when all of them are cached. */
  prewarm(sources: readonly string[]): void;
}

export function createMermaidRenderer(options: MermaidRendererOptions): MermaidRenderer {
  const config = mermaidConfig(options.theme);
  const cacheFile = diagramCacheFiles(options.cacheDir, options.theme);

  return {
    async render(requests: readonly DiagramSource[]) {
      const results = new Map<string, DiagramResult>();
      const missing: DiagramSource[] = [];
      for (const r of requests) {
        const file = cacheFile(r.source);
        if (existsSync(file)) results.set(r.id, { svg: await readFile(file, "utf8") });
        else if (!missing.some((m) => m.id === r.id)) missing.push(r);
      }
      if (missing.length === 0) return results;

      options.onLaunch?.();
      const worker = options.worker();
      // all requests at once: the worker draws them in order while we write the cache
      const drawn = missing.map((r) => worker.render(r.id, r.source, config));
      drawn.forEach((d) => d.catch(() => undefined)); // the first failure is thrown below
      for (const [k, r] of missing.entries()) {
        const outcome = await drawn[k];
        if ("svg" in outcome) await writeFileAtomic(cacheFile(r.source), outcome.svg);
        results.set(r.id, outcome);
      }
      return results;
    },
    prewarm(sources) {
      if (!sources.every((source) => existsSync(cacheFile(source)))) options.worker();
    },
  };
}
