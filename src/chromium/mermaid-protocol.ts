// Messages between the mermaid renderer (main thread) and its worker (mermaid-worker.ts).
import type { DiagramResult } from "../shared/diagrams.ts";

export interface MermaidWorkerData {
  executablePath: string;
  /** mermaid's dist folder */
  distDir: string;
}

/** A diagram to draw with mermaid.initialize's `config` (the deck's theme). */
export type ToMermaidWorker = { type: "render"; request: number; id: string; source: string; config: unknown } | { type: "close" };

export type FromMermaidWorker =
  /** mermaid's SVG, or mermaid's own error for this diagram */
  | { type: "result"; request: number; result: DiagramResult }
  /** Chromium or the page failed: no diagram can be drawn */
  | { type: "failed"; request: number; message: string };
