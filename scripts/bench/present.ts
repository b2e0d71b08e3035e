// Benchmarks of the room (npm run present): the server as a real process with 300 audience
// clients (Node WebSockets) on loopback; how long the presenter's step takes to reach every
// one of them (median and 95th percentile over many steps), a 200-point stroke likewise,
// and the server's memory while it holds them all; then a step from a presenter page to an
// audience page in Chromium.
import { spawn } from "node:child_process";
import path from "node:path";
import WebSocket from "ws";
import { PACKAGE_ROOT } from "../../src/io/package-root.ts";
import { ROOM_PATHS, type ClientMessage, type ServerMessage } from "../../src/shared/room-protocol.ts";
import { processMemory } from "./memory.ts";
import { timeFollowing } from "./present-browser.ts";
import { median, percentile, type BenchRow } from "./report.ts";

const CLIENTS = 300;
const STEPS = 200;
const STROKES = 30;
const SECRET = "bench-secret-0123456789";

interface Server {
  pid: number;
  base: string;
  stop(): void;
}

function startServer(root: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts/present.ts"), "--port", "0", "--secret", SECRET, "--no-qr"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr.on("data", (d) => (out += String(d)));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`npm run present exited (${code}): ${out}`)));
    child.stdout.on("data", (d) => {
      out += String(d);
      const url = /^audience: (http:\S+)\?/m.exec(out)?.[1];
      if (url) resolve({ pid: child.pid!, base: url, stop: () => child.kill("SIGTERM") });
    });
  });
}

/** A client that hears every change: `onChange(seq)` at each view or draw. */
function connect(base: string, hello: ClientMessage, onChange: (seq: number) => void): Promise<WebSocket> {
  const channel = hello.type === "hello" && hello.secret ? "lead" : "follow";
  const ws = new WebSocket(`${base.replace(/^http/, "ws")}${ROOM_PATHS.socket}?as=${channel}`);
  return new Promise((resolve, reject) => {
    ws.on("error", reject);
    ws.on("open", () => ws.send(JSON.stringify(hello)));
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === "snapshot") resolve(ws);
      else if (message.type === "view" || message.type === "draw") onChange(message.seq);
    });
  });
}

const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** What the audience clients heard: how many have each change, and who waits for all. */
class Deliveries {
  private readonly counts = new Map<number, number>();
  private readonly waiters = new Map<number, () => void>();

  readonly heard = (seq: number): void => {
    const count = (this.counts.get(seq) ?? 0) + 1;
    this.counts.set(seq, count);
    if (count === CLIENTS) this.waiters.get(seq)?.();
  };

  /** Resolves once every client has change `seq`. */
  all(seq: number): Promise<void> {
    return new Promise((resolve) => (this.counts.get(seq) === CLIENTS ? resolve() : this.waiters.set(seq, resolve)));
  }
}

/** Sends `make(n)` from the presenter `times` times, one after the other; for each, the
 * time until every audience client had it. */
async function timeDeliveries(presenter: WebSocket, deliveries: Deliveries, times: number, make: (n: number) => ClientMessage): Promise<number[]> {
  const latencies: number[] = [];
  let seq = await new Promise<number>((resolve) => {
    presenter.once("message", (data) => resolve((JSON.parse(String(data)) as { seq: number }).seq));
    presenter.send(JSON.stringify({ type: "sync" }));
  });
  for (let n = 1; n <= times; n++) {
    const started = performance.now();
    const everyone = deliveries.all(++seq);
    presenter.send(JSON.stringify(make(n)));
    await everyone;
    latencies.push(performance.now() - started);
  }
  return latencies;
}

export async function benchPresent(root: string): Promise<BenchRow[]> {
  const server = await startServer(root);
  const deliveries = new Deliveries();
  try {
    const connecting = performance.now();
    const audience: WebSocket[] = [];
    for (let k = 0; k < CLIENTS; k += 50) audience.push(...(await Promise.all(Array.from({ length: 50 }, () => connect(server.base, { type: "hello", role: "audience" }, deliveries.heard)))));
    const joined = performance.now() - connecting;
    const presenter = await connect(server.base, { type: "hello", role: "presenter", secret: SECRET }, () => undefined);
    const steps = await timeDeliveries(presenter, deliveries, STEPS, (n) => ({ type: "view", n, view: { h: n % 50, v: 0, f: (n % 3) - 1, overview: false, theme: "light" } }));
    const points = Array.from({ length: 200 }, (_, k) => [100 + k * 2, 300 + 100 * Math.sin(k / 20), 0.5]).flat().map((x) => Math.round(x * 100) / 100);
    const strokes = await timeDeliveries(presenter, deliveries, STROKES, (n) => ({ type: "draw", n: STEPS + n, change: { kind: "add", slide: `bench-${n % 5}`, stroke: { id: n, step: -1, tool: 0, color: 0, size: 4, points } } }));
    const memory = processMemory(server.pid);
    [...audience, presenter].forEach((ws) => ws.terminate());
    const pages = await timeFollowing(`${server.base}?room=presenter&secret=${SECRET}`, `${server.base}?room=audience`);
    const mib = (x: number | undefined): string => (x === undefined ? "n/a" : `${x.toFixed(0)} MiB`);
    return [
      { name: `present: ${CLIENTS} audience clients joined`, value: ms(joined), detail: "connect, hello, first snapshot; 50 at a time" },
      { name: "present: presenter's step → all clients, median", value: ms(median(steps)), detail: `${STEPS} steps, one after the other; goal p95 ≤ 100 ms` },
      { name: "present: presenter's step → all clients, p95", value: ms(percentile(steps, 0.95)) },
      { name: "present: 200-point stroke → all clients, median", value: ms(median(strokes)), detail: `${STROKES} strokes; p95 ${ms(percentile(strokes, 0.95))}` },
      { name: `present: server memory with ${CLIENTS} clients, RSS`, value: mib(memory?.rss), detail: "goal ≤ 150 MiB" },
      { name: `present: server memory with ${CLIENTS} clients, PSS`, value: mib(memory?.pss), detail: "proportional set size: shared pages split among their processes" },
      pages
        ? { name: "present: presenter page's step → audience page's, median", value: ms(median(pages)), detail: `Chromium, ${pages.length} steps; p95 ${ms(percentile(pages, 0.95))}, most ${ms(Math.max(...pages))}; goal ≤ 300 ms` }
        : { name: "present: presenter page's step → audience page's", value: "skipped", detail: "no Chromium found" },
    ];
  } finally {
    server.stop();
  }
}
