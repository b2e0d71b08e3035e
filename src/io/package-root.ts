// The folder of the backprop-deck package itself (where src/ lives), found once from this
// module's own location, bundled or not. The deck being compiled may live elsewhere.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "backprop-deck") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the backprop-deck package root above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** Absolute path of the package root (computed once, never changes). */
export const PACKAGE_ROOT: string = findPackageRoot(import.meta.url);
