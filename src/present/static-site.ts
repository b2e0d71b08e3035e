// The built site (dist/) as the room's server serves it: every regular file below the folder
// read once at start into a table, so a request can only ever name one of them. A request
// path is decoded once and refused when it tries anything else (dot segments, encoded
// slashes or backslashes, NUL, dotfiles); a file whose real path leaves the folder (a
// symlink out) is never in the table; a folder is never listed.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".pdf": "application/pdf",
  ".ico": "image/x-icon",
};
const COMPRESSIBLE: ReadonlySet<string> = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json"]);
/** More than this in dist/ is not a deck: refuse to load it all into memory. */
const MAX_SITE_BYTES = 256 * 1024 * 1024;

export interface SiteFile {
  body: Buffer;
  /** gzip of the body, for text files where it saves */
  gzip?: Buffer;
  type: string;
}

/** URL path ("/index.html", "/assets/x.js") → file. */
export type Site = ReadonlyMap<string, SiteFile>;

async function listFiles(root: string, realRoot: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir)) {
      if (entry.startsWith(".")) continue;
      const file = path.join(dir, entry);
      const info = await lstat(file);
      // follow a symlink only to a place inside the folder
      const real = await realpath(file).catch(() => undefined);
      if (!real || (real !== realRoot && !real.startsWith(realRoot + path.sep))) continue;
      const target = info.isSymbolicLink() ? await lstat(real) : info;
      if (target.isDirectory() && !info.isSymbolicLink()) await walk(file);
      else if (target.isFile()) found.push(file);
    }
  };
  await walk(root);
  return found;
}

export async function loadSite(distDir: string): Promise<Site> {
  const root = path.resolve(distDir);
  const realRoot = await realpath(root);
  const site = new Map<string, SiteFile>();
  let total = 0;
  for (const file of await listFiles(root, realRoot)) {
    const body = await readFile(file);
    total += body.length;
    if (total > MAX_SITE_BYTES) throw new Error(`${distDir} holds more than ${MAX_SITE_BYTES >> 20} MiB: not a built deck`);
    const ext = path.extname(file).toLowerCase();
    const zipped = COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 6 }) : undefined;
    const key = "/" + path.relative(root, file).split(path.sep).join("/");
    site.set(key, { body, type: TYPES[ext] ?? "application/octet-stream", gzip: zipped && zipped.length < body.length * 0.9 ? zipped : undefined });
  }
  if (!site.has("/index.html")) throw new Error(`${distDir} has no index.html: not a built deck (npm run build)`);
  return site;
}

/** The table key a request target names: "bad" for a target that tries something
 * (malformed escapes, encoded separators, NUL, dot segments, dotfiles, backslashes). */
export function siteKeyOf(target: string): string | "bad" {
  const rawPath = target.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith("/") || /%(2f|5c|00)|[\\\0-\x1f\x7f]/i.test(rawPath)) return "bad";
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return "bad";
  }
  const segments = decoded.split("/").slice(1);
  if (segments.some((s, k) => s.startsWith(".") || (s === "" && k < segments.length - 1))) return "bad";
  return decoded === "/" ? "/index.html" : decoded;
}

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** JavaScript string or template escapes turned into the characters they stand for. */
function cookJsString(raw: string): string {
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", 0: "\0" };
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_m, e: string) => {
    if (e.startsWith("u{")) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (/^[ux]/.test(e) && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === "\n" || e === "\r\n" || e === "\r" || e === "\u2028" || e === "\u2029") return "";
    return simple[e] ?? e;
  });
}

/** Hashes for the Content-Security-Policy of every inline script the site runs: those of
 * its HTML pages (the offline file's), and those a script writes into a page of its own —
 * reveal.js's speaker view is a popup written with document.write whose script is a
 * string in the bundle (`<script>…<\/script>`); a popup inherits the page's policy. */
export function inlineScriptHashes(site: Site): string[] {
  const scripts: string[] = [];
  const written = (code: string): void => {
    for (const m of code.matchAll(/<script>([\s\S]*?)<\\\/script>/g)) {
      if (!/(^|[^\\])\$\{/.test(m[1])) scripts.push(cookJsString(m[1])); // an interpolated one cannot be known
    }
  };
  for (const [key, file] of site) {
    const text = key.endsWith(".js") || key.endsWith(".mjs") || key.endsWith(".html") ? file.body.toString("utf8") : "";
    if (key.endsWith(".html")) {
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        if (/\bsrc\s*=/i.test(m[1]) || /type\s*=\s*"application\/(json|octet-stream)"/i.test(m[1])) continue;
        scripts.push(m[2]);
        written(m[2]);
      }
    } else if (text) written(text);
  }
  return [...new Set(scripts.map(sha256))].sort();
}
