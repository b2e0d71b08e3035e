// Whether dist/ must be built before the room serves it: missing, or older than a source
// the build reads (the deck's slides, the package's code and manifest).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../io/package-root.ts";

/** Folders of src/ that never reach the built deck (the server's own, the grad CLI). */
const NOT_BUILT: ReadonlySet<string> = new Set(["present", "cli"]);

function newestIn(target: string, skip: (dir: string) => boolean): { file: string; mtimeMs: number } | undefined {
  if (!existsSync(target)) return undefined;
  const info = statSync(target);
  if (info.isFile()) return { file: target, mtimeMs: info.mtimeMs };
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.name.startsWith(".") || entry.name === "node_modules" || (entry.isDirectory() && skip(full))) continue;
    const found = newestIn(full, skip);
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** Why `distDir` needs a build ("dist/ is missing", "… is older than slides/x.md"), or
 * undefined when it is up to date. */
export function whyBuild(deckRoot: string, distDir: string): string | undefined {
  const index = path.join(distDir, "index.html");
  const shown = path.relative(deckRoot, distDir) || distDir;
  if (!existsSync(index)) return `${shown}/ has no built deck`;
  const built = statSync(index).mtimeMs;
  const src = path.join(PACKAGE_ROOT, "src");
  const sources = [
    path.join(deckRoot, "slides"),
    src,
    path.join(PACKAGE_ROOT, "package.json"),
    path.join(PACKAGE_ROOT, "package-lock.json"),
  ].map((p) => newestIn(p, (dir) => path.dirname(dir) === src && NOT_BUILT.has(path.basename(dir))));
  const newer = sources.filter((s) => s && s.mtimeMs > built).sort((a, b) => b!.mtimeMs - a!.mtimeMs)[0];
  return newer ? `${shown}/ is older than ${path.relative(deckRoot, newer.file).split(path.sep).join("/")}` : undefined;
}
