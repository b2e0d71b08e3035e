// Chromium for diagrams, started before the compiler is even loaded — loading it keeps one
// core busy for about a third of a second while the other would idle — when a build will
// need it: a ```mermaid fence in the slides whose SVG neither theme's cache holds. A guess
// from the raw Markdown: a wrong guess starts Chromium for nothing, or not early; the
// compile still decides what is drawn, and the session owns (and closes) the worker.
import { existsSync } from "node:fs";
import { rawFences } from "../shared/raw-fences.ts";
import { cacheDir } from "../io/cache-dir.ts";
import { rawChapters } from "../io/raw-chapters.ts";
import { findBuildChromium } from "./find-chromium.ts";
import { diagramCacheFiles } from "./mermaid-renderer.ts";
import { MermaidWorkerClient } from "./mermaid-worker-client.ts";

/** The bodies of the mermaid fences in `markdown`, as the compiler passes them on. */
export function mermaidFenceSources(markdown: string): string[] {
  return rawFences(markdown)
    .filter(({ info }) => /^mermaid\b/.test(info))
    .map(({ body }) => body);
}

/** A started diagram worker when the deck in `deckRoot` looks like it needs one. */
export function startDiagramWorkerEarly(deckRoot: string, slidesDir = "slides"): MermaidWorkerClient | undefined {
  const executablePath = findBuildChromium();
  if (!executablePath) return undefined;
  const sources = rawChapters(deckRoot, slidesDir)?.flatMap(mermaidFenceSources) ?? [];
  const cache = cacheDir(deckRoot, "diagrams");
  const light = diagramCacheFiles(cache, "light");
  const dark = diagramCacheFiles(cache, "dark");
  const uncached = (source: string): boolean => !existsSync(light(source)) && !existsSync(dark(source));
  // a worker that fails to start says so to the first diagram that asks it, in the session
  return sources.some(uncached) ? new MermaidWorkerClient(executablePath) : undefined;
}
