// A package's package.json, found from its entry point: some packages do not export it
// (svgo, @shikijs/langs-precompiled), so `require.resolve("name/package.json")` fails.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The fields of a package.json the build reads. */
export interface PackageJson {
  name?: string;
  version: string;
  exports?: Record<string, unknown>;
}

/** Package `name`'s package.json, as Node resolves the package from this module. */
export function readPackageJson(name: string): PackageJson {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
      if (json.name === name) return json;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${name}'s package.json`);
    dir = path.dirname(dir);
  }
}
