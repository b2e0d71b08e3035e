// The room server's HTTP side: the built site from its table (static-site.ts) and the
// room's browser code, for GET and HEAD only, to the server's own host names only, with a
// Content-Security-Policy the deck works under and no MIME sniffing.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROOM_PATHS } from "../shared/room-protocol.ts";
import { siteKeyOf, type Site, type SiteFile } from "./static-site.ts";

/** The policy: scripts from the server only (plus the inline ones the site runs, by hash);
 * styles may be inline because KaTeX's formulas carry style attributes; the WebSocket back
 * to the server; frames only of the server's own pages (reveal.js's speaker view). */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${scriptHashes.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

export interface SiteHandlerOptions {
  site: Site;
  /** the room's browser code (JavaScript) */
  roomClient: SiteFile;
  csp: string;
  hosts: ReadonlySet<string>;
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store", ...extra }).end(`${text}\n`);
}

export function siteHandler(options: SiteHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const clientKey = `/${ROOM_PATHS.client}`;
  return (req, res) => {
    if (!options.hosts.has((req.headers.host ?? "").toLowerCase())) return plain(res, 421, "misdirected request");
    if (req.method !== "GET" && req.method !== "HEAD") return plain(res, 405, "method not allowed", { allow: "GET, HEAD" });
    const key = siteKeyOf(req.url ?? "");
    if (key === "bad") return plain(res, 400, "bad request");
    const file = key === clientKey ? options.roomClient : options.site.get(key);
    if (!file) return plain(res, 404, "not found");
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? file.gzip! : file.body;
    res.writeHead(200, {
      "content-type": file.type,
      "content-length": String(body.length),
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      vary: "accept-encoding",
      "cache-control": "no-cache",
      "content-security-policy": options.csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
