// `npm run build`: placeholder until the deck compiler lands. Writes dist/ whole or not at
// all: into a temporary folder first, then renamed into place.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const root = process.cwd();
const dist = path.join(root, "dist");
const staging = path.join(root, `.dist-${process.pid}`);
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
await writeFile(
  path.join(staging, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>backprop-deck</title><p>The deck compiler is not built yet.</p>\n`,
);
await rm(dist, { recursive: true, force: true });
await rename(staging, dist);
console.log("wrote dist/index.html (placeholder deck)");
