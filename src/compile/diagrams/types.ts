import type { DiagramRequest } from "../markdown/env.ts";

export type DiagramResult = { svg: string } | { error: string };

/** Renders mermaid sources to SVG, keyed by the request's id. */
export interface DiagramRenderer {
  render(requests: readonly DiagramRequest[]): Promise<Map<string, DiagramResult>>;
}
