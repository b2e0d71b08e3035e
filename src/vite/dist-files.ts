// Finding the files of a built dist/ (kept apart from build.ts, so reading them loads no Vite).
import { readFileSync } from "node:fs";
import path from "node:path";

/** The offline file of a built deck: its name is recorded in the site's page. */
export function singleFileOf(distDir: string): string {
  const index = readFileSync(path.join(distDir, "index.html"), "utf8");
  const name = /<meta name="deck-name" content="([^"]+)"/.exec(index)?.[1] ?? "deck";
  return path.join(distDir, `${name}.html`);
}
