// What the compiler asks a diagram renderer for, and what it gets back (the renderer lives
// in src/chromium, the compiler in src/compile: both speak these types).

export interface DiagramSource {
  /** content hash of the source: the diagram's id in the slide */
  id: string;
  source: string;
}

export type DiagramResult = { svg: string } | { error: string };

/** Renders mermaid sources to SVG, keyed by id. */
export interface DiagramRenderer {
  render(requests: readonly DiagramSource[]): Promise<Map<string, DiagramResult>>;
  /** Draw these diagrams now, while other work goes on: render() then takes them. */
  prewarm?(diagrams: readonly DiagramSource[]): void;
}
