// mermaid's SVG made small before it is cached (svgo): path data rewritten with relative
// commands and no zero-length or straight curves (mermaid draws rounded boxes as rough.js
// curves, ≈10 KB a box), numbers at two decimals, the style block minified and cut to the
// rules something in the diagram uses. Ids, classes and data attributes stay as they are:
// the diagram's steps and routes find their nodes and edges by them. Only the diagram
// worker loads svgo; the cache key needs only its version.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import type { Config } from "svgo";

export const SVG_OPTIMIZER_CONFIG: Config = {
  floatPrecision: 2,
  plugins: ["convertPathData", "cleanupNumericValues", "minifyStyles"],
};

/** What the optimised SVG depends on besides its input: part of the diagram cache's key. */
export function svgOptimizerKey(): string {
  // svgo does not export its package.json: read it beside its installed folder
  const manifest = path.join(PACKAGE_ROOT, "node_modules", "svgo", "package.json");
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  return `svgo ${version} ${JSON.stringify(SVG_OPTIMIZER_CONFIG)}`;
}
