// mermaid settings shared by build-time rendering (Chromium) and runtime rendering (the
// deck in the browser): SVG text labels (not HTML in foreignObject), so diagrams print as
// vectors with real text.
export function mermaidConfig(theme: "light" | "dark"): Record<string, unknown> {
  return {
    startOnLoad: false,
    theme: theme === "dark" ? "dark" : "default",
    securityLevel: "strict",
    // mermaid draws some shapes with seeded jitter: a fixed seed keeps builds byte-identical
    handDrawnSeed: 1,
    deterministicIds: true,
    fontFamily: "Helvetica, Arial, sans-serif",
    // labels for the back row: the slide shows a diagram at about its natural size or larger
    themeVariables: { fontSize: "24px" },
    htmlLabels: false,
    flowchart: { htmlLabels: false, useMaxWidth: true },
  };
}
