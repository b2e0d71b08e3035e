// Node WebSocket clients of the room for tests: each keeps every message the server sent
// and lets a test wait for the next one of a kind (an event, never a sleep).
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { ROOM_PATHS, type Channel, type ClientMessage, type RoomRole, type ServerMessage } from "../../src/shared/room-protocol.ts";

export interface TestClient {
  ws: WebSocket;
  messages: ServerMessage[];
  /** resolves with the next message of `type` not yet taken (or one already there) */
  next<T extends ServerMessage["type"]>(type: T, timeout?: number): Promise<Extract<ServerMessage, { type: T }>>;
  send(message: ClientMessage | string | Buffer): void;
  closed: Promise<{ code: number; reason: string }>;
}

export function socketUrl(base: string, channel: Channel): string {
  return `${base.replace(/^http/, "ws").replace(/\?.*$/, "")}${ROOM_PATHS.socket}?as=${channel}`;
}

export function rawClient(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  const messages: ServerMessage[] = [];
  const taken = new Set<ServerMessage>();
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    messages.push(JSON.parse(String(data)) as ServerMessage);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  const client: TestClient = {
    ws,
    messages,
    closed,
    send: (message) => ws.send(typeof message === "string" || Buffer.isBuffer(message) ? message : JSON.stringify(message)),
    next: (type, timeout = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeout} ms (got ${messages.map((m) => m.type).join(", ")})`)), timeout);
        const look = (): void => {
          const found = messages.find((m) => m.type === type && !taken.has(m));
          if (found) {
            taken.add(found);
            clearTimeout(timer);
            resolve(found as Extract<ServerMessage, { type: typeof type }>);
          } else waiters.push(look);
        };
        look();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("error", reject);
  });
}

/** A client that has said hello and received its welcome and first snapshot. */
export async function joinRoom(base: string, role: RoomRole, secret?: string): Promise<TestClient> {
  const client = await rawClient(socketUrl(base, secret ? "lead" : "follow"));
  client.send({ type: "hello", role, ...(secret ? { secret } : {}) });
  await client.next("welcome");
  await client.next("snapshot");
  return client;
}

/** A tiny built "deck" (an index.html and one asset) for server tests. */
export function fakeDist(): string {
  const root = mkdtempSync(path.join(tmpdir(), "room-dist-"));
  mkdirSync(path.join(root, "dist", "assets"), { recursive: true });
  writeFileSync(path.join(root, "dist", "index.html"), '<!doctype html><title>deck</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(path.join(root, "dist", "assets", "app.js"), 'document.title = "ok";');
  writeFileSync(path.join(root, "secret.txt"), "outside the site");
  return path.join(root, "dist");
}

export const stroke = (id: number, points = 10): { id: number; step: number; tool: 0; color: number; size: number; points: number[] } => ({
  id,
  step: -1,
  tool: 0,
  color: 1,
  size: 4,
  points: Array.from({ length: points }, (_, k) => [100 + k, 200 + k / 2, 0.5]).flat(),
});
