// mermaid's SVG made small before it is cached (svgo): path data rewritten with relative
// commands and no zero-length or straight curves (mermaid draws rounded boxes as rough.js
// curves, ≈10 KB a box), numbers at one decimal (at most a twentieth of a unit off: a
// fraction of a pixel on a slide), the style block minified and cut to the rules something
// in the diagram uses; and two things mermaid leaves that nothing reads:
// arrowhead markers no edge points at (it defines ten a diagram) and each edge's points
// again as base64 JSON (data-points). Ids, classes and the other data attributes stay: the
// diagram's steps and routes find their nodes and edges by them. Only the diagram worker
// loads svgo; the cache key needs only its version.
import type { Config, CustomPlugin, XastElement, XastParent } from "svgo";
import { readPackageJson } from "../io/package-json.ts";

/** Drops <marker>s nothing refers to and data-points attributes. */
const dropUnreadParts: Readonly<CustomPlugin> = {
  name: "dropUnreadParts",
  fn: () => {
    const referenced = new Set<string>();
    const markers: { node: XastElement; parent: XastParent }[] = [];
    return {
      element: {
        enter(node, parent) {
          delete node.attributes["data-points"];
          for (const value of Object.values(node.attributes)) for (const m of value.matchAll(/url\(#([^)]+)\)|^#(.+)$/g)) referenced.add(m[1] ?? m[2]);
          if (node.name === "marker") markers.push({ node, parent });
        },
      },
      root: {
        exit() {
          for (const { node, parent } of markers) {
            if (!referenced.has(node.attributes.id)) parent.children = parent.children.filter((child) => child !== node);
          }
        },
      },
    };
  },
};

/** The plugins, and a version of our own for what the key cannot see (the custom one). */
export const SVG_OPTIMIZER_CONFIG: Readonly<Config> = {
  floatPrecision: 1,
  // svgo's Node entry picks the platform's line ends; the same SVG on every platform
  js2svg: { eol: "lf" },
  // minifyStyles first: it cuts mermaid's style block to the rules the diagram uses, and
  // convertPathData matches every rule left against every path (svgo compiles a selector
  // for each match), so after the cut it does a fraction of the work — the same bytes.
  plugins: ["minifyStyles", "convertPathData", "cleanupNumericValues", dropUnreadParts],
};
const OWN_PLUGINS_VERSION = 2;

/** What the optimised SVG depends on besides its input: part of the diagram cache's key. */
export function svgOptimizerKey(): string {
  const { version } = readPackageJson("svgo");
  return `svgo ${version} ${JSON.stringify(SVG_OPTIMIZER_CONFIG)} ${OWN_PLUGINS_VERSION}`;
}
