// `npm run present`'s server: Node's HTTP server for the built site and the room's browser
// code, and one WebSocket endpoint (ws) for the room, on two channels with their own
// bounds: `?as=lead` for pages holding the secret (larger messages: a stroke, a restore;
// few connections), `?as=follow` for the audience (tiny messages; many connections).
import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { CHANNELS, ROOM_PATHS, type Channel } from "../shared/room-protocol.ts";
import { allowedHosts, lanAddress, originAllowed } from "./hosts.ts";
import { contentSecurityPolicy, siteHandler } from "./http-handler.ts";
import { Room } from "./room.ts";
import type { RoomLimits } from "./room-state.ts";
import { SecretCheck } from "./secret.ts";
import { inlineScriptHashes, loadSite, type SiteFile } from "./static-site.ts";

/** Largest message a channel takes: a whole drawing document on lead (a restore or an
 * import: 200 000 points at full precision), a hello on follow. */
export const MAX_PAYLOAD: Readonly<Record<Channel, number>> = { lead: 8 * 1024 * 1024, follow: 4 * 1024 };

export interface PresentServerOptions {
  distDir: string;
  /** 0: any free port */
  port: number;
  /** listen on every interface and give the LAN address in the URLs (default: loopback only) */
  lan?: boolean;
  secret: string;
  /** the room's browser code (bundleRoomClient) */
  roomClient: SiteFile;
  limits?: RoomLimits;
}

export interface PresentServer {
  port: number;
  urls: { presenter: string; audience: string; remote: string };
  room: Room;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/** What Node's HTTP parser found wrong with a connection ('clientError'), answered as Node's
 * own handler would. Nothing on a connection that was reset, or that has had a response
 * already: its client would take a late answer for the answer to its next request. 408 to
 * a connection that sent no request in time: Chromium opens connections before it needs
 * them, and one answered 408 it sends its request again on another — one answered 400 made
 * a presenter's reload show "bad request". 431 for headers too large; else 400. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex & { bytesWritten?: number }): void {
  if (error.code === "ECONNRESET" || !socket.writable || (socket.bytesWritten ?? 0) > 0) return void socket.destroy();
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return reject(socket, 408, "Request Timeout");
  if (error.code === "HPE_HEADER_OVERFLOW") return reject(socket, 431, "Request Header Fields Too Large");
  reject(socket, 400, "Bad Request");
}

function channelOf(req: IncomingMessage): Channel | undefined {
  const [pathname, query = ""] = (req.url ?? "").split("?", 2);
  if (pathname !== `/${ROOM_PATHS.socket}`) return undefined;
  const as = new URLSearchParams(query).get("as");
  return CHANNELS.find((c) => c === as);
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: Error & { code?: string }) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is in use (--port 0 picks a free one)`) : error),
    );
    server.listen({ port, host }, () => resolve((server.address() as { port: number }).port));
  });
}

export async function startPresentServer(options: PresentServerOptions): Promise<PresentServer> {
  const site = await loadSite(options.distDir);
  const csp = contentSecurityPolicy(inlineScriptHashes(site));
  const room = new Room({ secret: new SecretCheck(options.secret), limits: options.limits });
  const hosts = new Set<string>();
  const server = createServer(siteHandler({ site, roomClient: options.roomClient, csp, hosts }));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const sockets = Object.fromEntries(
    CHANNELS.map((c) => [c, new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD[c], perMessageDeflate: false, clientTracking: false })]),
  ) as Record<Channel, WebSocketServer>;
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const channel = channelOf(req);
    if (!channel) return reject(socket, 404, "Not Found");
    if (!originAllowed(req.headers.origin, req.headers.host, hosts)) return reject(socket, 403, "Forbidden");
    if (!room.hasRoom(channel)) return reject(socket, 503, "Service Unavailable");
    sockets[channel].handleUpgrade(req, socket, head, (ws) => room.attach(ws, channel));
  });
  server.on("clientError", answerClientError);

  const port = await listen(server, options.port, options.lan ? "0.0.0.0" : "127.0.0.1");
  allowedHosts(port, options.lan ?? false).forEach((h) => hosts.add(h));
  const base = `http://${options.lan ? (lanAddress() ?? "127.0.0.1") : "127.0.0.1"}:${port}/`;
  const secret = encodeURIComponent(options.secret);
  return {
    port,
    urls: { presenter: `${base}?room=presenter&secret=${secret}`, audience: `${base}?room=audience`, remote: `${base}?room=remote&secret=${secret}` },
    room,
    close: async () => {
      room.close(); // every room connection told "going away" (1001)
      for (const ws of Object.values(sockets)) ws.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
