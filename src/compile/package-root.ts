// The folder of the backprop-deck package itself (where src/ lives), found from this
// module's own location, bundled or not. The deck being compiled may live elsewhere.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "backprop-deck") {
      return (cached = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the backprop-deck package root above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
