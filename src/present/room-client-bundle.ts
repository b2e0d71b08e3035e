// The room's browser code (src/deck/room/client.ts), bundled when the server starts: the
// deck's page loads it only when it was opened with a room query, so the deck itself (and
// the offline file) carries only the few lines that decide whether to.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import type { SiteFile } from "./static-site.ts";

export const ROOM_CLIENT_ENTRY = path.join(PACKAGE_ROOT, "src", "deck", "room", "client.ts");

export async function bundleRoomClient(entry = ROOM_CLIENT_ENTRY): Promise<SiteFile> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
    legalComments: "none",
  });
  const body = Buffer.from(result.outputFiles[0].contents);
  return { body, gzip: gzipSync(body), type: "text/javascript; charset=utf-8" };
}
