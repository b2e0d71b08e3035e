// The room's server with real WebSocket clients (Node's ws): roles and the secret, the
// sequence of changes, late joiners and restores, and everything a hostile room can send —
// wrong secrets, state changes without one, binary, garbage, floods, huge frames, a
// half-sent frame — refused, counted, and never the end of the server or of anyone's step.
import { connect } from "node:net";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPresentServer, type PresentServer } from "../../src/present/present-server.ts";
import type { RoomView } from "../../src/shared/room-protocol.ts";
import { fakeDist, joinRoom, rawClient, socketUrl, stroke, type TestClient } from "../support/room-clients.ts";

const SECRET = "test-secret-0123456789";
const roomClient = { body: Buffer.from("export function startRoom() { return () => {}; }"), type: "text/javascript; charset=utf-8" };
const view = (h: number, f = -1): RoomView => ({ h, v: 0, f, overview: false, theme: "light" });

async function start(): Promise<PresentServer> {
  return startPresentServer({ distDir: fakeDist(), port: 0, secret: SECRET, roomClient });
}

describe("the room's server", () => {
  let server: PresentServer;
  let base: string;
  const clients: TestClient[] = [];
  const join = async (...args: Parameters<typeof joinRoom> extends [string, ...infer R] ? R : never): Promise<TestClient> => {
    const client = await joinRoom(base, ...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await start();
    base = `http://127.0.0.1:${server.port}/`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.ws.terminate());
    await server.close();
  });

  it("prints URLs for the three roles, the secret only in the presenter's and the remote's", () => {
    expect(server.urls.presenter).toBe(`${base}?room=presenter&secret=${SECRET}`);
    expect(server.urls.remote).toBe(`${base}?room=remote&secret=${SECRET}`);
    expect(server.urls.audience).toBe(`${base}?room=audience`);
  });

  it("welcomes the presenter as lead and the audience as followers; a change reaches everyone once, in sequence", async () => {
    const presenter = await join("presenter", SECRET);
    const audience = [await join("audience"), await join("audience")];
    expect(presenter.messages[0]).toEqual({ type: "welcome", role: "presenter", lead: true });
    expect(audience[0].messages[0]).toEqual({ type: "welcome", role: "audience", lead: false });
    const seq0 = (audience[0].messages[1] as { seq: number }).seq;
    presenter.send({ type: "view", n: 1, view: view(3, 0) });
    expect(await presenter.next("ack")).toEqual({ type: "ack", n: 1, seq: seq0 + 1 });
    for (const a of audience) expect(await a.next("view")).toEqual({ type: "view", seq: seq0 + 1, view: view(3, 0) });
    presenter.send({ type: "draw", n: 2, change: { kind: "add", slide: "intro", stroke: stroke(11) } });
    presenter.send({ type: "draw", n: 3, change: { kind: "add", slide: "intro", stroke: stroke(11) } }); // again: no change
    expect(await presenter.next("ack")).toEqual({ type: "ack", n: 2, seq: seq0 + 2 });
    expect(await presenter.next("ack")).toEqual({ type: "ack", n: 3, seq: seq0 + 2 });
    for (const a of audience) expect(await a.next("draw")).toEqual({ type: "draw", seq: seq0 + 2, change: { kind: "add", slide: "intro", stroke: stroke(11) } });
    expect(presenter.messages.filter((m) => m.type === "view" || m.type === "draw")).toEqual([]); // no echo to the sender
  });

  it("gives a late joiner (or a page that asks after a gap) the whole state at once", async () => {
    const late = await join("audience");
    expect(late.messages[1]).toMatchObject({ type: "snapshot", fresh: false, view: view(3, 0), drawings: { slides: { intro: [stroke(11)] } } });
    late.send({ type: "sync" });
    expect(await late.next("snapshot")).toMatchObject({ seq: server.room.state.seq });
  });

  it("refuses a state change from a page without the secret: counted, no effect, nobody hears of it", async () => {
    const presenter = await join("presenter", SECRET);
    const intruder = await join("audience");
    const before = { state: server.room.state.snapshot(), refused: server.room.stats.refused["not-allowed"] };
    intruder.send({ type: "view", n: 1, view: view(9) });
    intruder.send({ type: "draw", n: 2, change: { kind: "clear", slide: "intro" } });
    intruder.send({ type: "restore", n: 3, view: view(9), drawings: { format: "backprop-deck-drawings", version: 1, slides: {} }, elapsedMs: 0 });
    expect(await intruder.next("refused")).toEqual({ type: "refused", n: 1, reason: "not-allowed" });
    await intruder.next("refused");
    await intruder.next("refused");
    expect(server.room.stats.refused["not-allowed"]).toBe(before.refused + 3);
    const { elapsedMs: _a, ...now } = server.room.state.snapshot();
    const { elapsedMs: _b, ...then } = before.state;
    expect(now).toEqual(then);
    presenter.send({ type: "sync" }); // the presenter's next message is that snapshot: nothing came between
    await presenter.next("snapshot");
    expect(presenter.messages.slice(2).map((m) => m.type)).toEqual(["snapshot"]);
  });

  it("closes the lead channel on a wrong or missing secret; the follow channel never leads", async () => {
    for (const hello of [{ type: "hello", role: "presenter", secret: "wrong-secret-123" }, { type: "hello", role: "remote" }]) {
      const client = await rawClient(socketUrl(base, "lead"));
      client.send(JSON.stringify(hello));
      expect(await client.next("refused")).toEqual({ type: "refused", reason: "bad-secret" });
      expect((await client.closed).code).toBe(4401);
    }
    const sneaky = await rawClient(socketUrl(base, "follow"));
    sneaky.send({ type: "hello", role: "presenter", secret: SECRET });
    expect(await sneaky.next("welcome")).toEqual({ type: "welcome", role: "audience", lead: false });
    sneaky.ws.close();
  });

  it("refuses WebSockets from another origin or host name, and unknown paths", async () => {
    await expect(rawClient(socketUrl(base, "follow"), { origin: "http://evil.example" })).rejects.toThrow(/403/);
    await expect(rawClient(socketUrl(base, "follow"), { headers: { host: "evil.example" } })).rejects.toThrow(/403/);
    await expect(rawClient(socketUrl(base, "follow").replace("as=follow", "as=admin"))).rejects.toThrow(/404/);
    const same = await rawClient(socketUrl(base, "follow"), { origin: base.slice(0, -1) });
    same.ws.close();
  });

  it("survives binary, garbage, floods, huge frames and half-sent frames, and keeps everyone in step", async () => {
    const presenter = await join("presenter", SECRET);
    const watcher = await join("audience");
    const stats = server.room.stats;
    const invalidBefore = stats.refused.invalid;
    const junk = await join("audience");
    junk.send(Buffer.from([0, 1, 2, 255]));
    junk.send("{not json");
    junk.send(JSON.stringify({ type: "view", n: 1, view: { h: "<script>" } }));
    expect(await junk.next("refused")).toEqual({ type: "refused", reason: "invalid" });
    await junk.next("refused");
    await junk.next("refused");
    expect(stats.refused.invalid).toBe(invalidBefore + 3);

    const flooder = await join("audience");
    const rateBefore = stats.refused.rate;
    for (let k = 0; k < 1000; k++) flooder.send({ type: "sync" });
    expect((await flooder.closed).code).toBe(1008); // refused 500 times: let go
    expect(stats.refused.rate - rateBefore).toBeGreaterThan(500);

    const huge = await join("audience");
    huge.send("x".repeat(64 * 1024));
    expect((await huge.closed).code).toBe(1009); // over the follow channel's bound: "message too big"
    const hugeLead = await join("presenter", SECRET);
    hugeLead.send("x".repeat(9 * 1024 * 1024)); // over the lead channel's 8 MiB
    await hugeLead.closed;
    expect(stats.oversized).toBeGreaterThanOrEqual(2);

    const half = await join("audience");
    // a text frame announcing 1000 bytes, 10 sent, then the connection dropped
    const socket = (half.ws as unknown as { _socket: Socket })._socket; // ws keeps its TCP socket private
    socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | 126, 0x03, 0xe8, 1, 2, 3, 4]), Buffer.alloc(10)]));
    socket.destroy();
    await half.closed;

    presenter.send({ type: "view", n: 7, view: view(5, 2) });
    expect(await watcher.next("view")).toMatchObject({ view: view(5, 2) });
    expect(server.room.state.snapshot().view).toEqual(view(5, 2));
  });

  it("refuses strokes over the room's bounds without disturbing the rest", async () => {
    const small = await startPresentServer({ distDir: fakeDist(), port: 0, secret: SECRET, roomClient, limits: { strokes: 2, points: 1000 } });
    const smallBase = `http://127.0.0.1:${small.port}/`;
    const presenter = await joinRoom(smallBase, "presenter", SECRET);
    for (const id of [1, 2, 3]) presenter.send({ type: "draw", n: id, change: { kind: "add", slide: "a", stroke: stroke(id) } });
    expect((await presenter.next("ack")).n).toBe(1);
    expect((await presenter.next("ack")).n).toBe(2);
    expect(await presenter.next("refused")).toEqual({ type: "refused", n: 3, reason: "full" });
    expect(small.room.state.snapshot().drawings.slides.a.map((s) => s.id)).toEqual([1, 2]);
    presenter.ws.terminate();
    await small.close();
  });

  it("lets only a few strangers hold the lead channel without a hello (its messages are large)", async () => {
    const fresh = await start();
    const freshBase = `http://127.0.0.1:${fresh.port}/`;
    const strangers = await Promise.all(Array.from({ length: 4 }, () => rawClient(socketUrl(freshBase, "lead"))));
    await expect(rawClient(socketUrl(freshBase, "lead"))).rejects.toThrow(/503/);
    const audience = await joinRoom(freshBase, "audience"); // the follow channel is not affected
    strangers[0].ws.close();
    await strangers[0].closed;
    const presenter = await joinRoom(freshBase, "presenter", SECRET); // a place is free again
    [...strangers, audience, presenter].forEach((c) => c.ws.terminate());
    await fresh.close();
  });

  it("a restarted server takes the presenter's state (restore), not a remote's, and tells the waiting audience", async () => {
    const fresh = await start();
    const freshBase = `http://127.0.0.1:${fresh.port}/`;
    const audience = await joinRoom(freshBase, "audience");
    expect(audience.messages[1]).toMatchObject({ type: "snapshot", fresh: true, seq: 0 });
    const remote = await joinRoom(freshBase, "remote", SECRET);
    remote.send({ type: "restore", n: 1, view: view(2), drawings: { format: "backprop-deck-drawings", version: 1, slides: {} }, elapsedMs: 0 });
    expect(await remote.next("refused")).toEqual({ type: "refused", n: 1, reason: "not-allowed" });
    remote.send({ type: "view", n: 2, view: view(3) }); // the remote may move the room meanwhile
    expect(await audience.next("view")).toMatchObject({ seq: 1, view: view(3) });
    remote.ws.terminate();
    const presenter = await joinRoom(freshBase, "presenter", SECRET);
    expect(presenter.messages[1]).toMatchObject({ type: "snapshot", fresh: true });
    const drawings = { format: "backprop-deck-drawings" as const, version: 1 as const, slides: { a: [stroke(4)] } };
    presenter.send({ type: "restore", n: 1, view: view(7, 1), drawings, elapsedMs: 90_000 });
    expect(await presenter.next("ack")).toEqual({ type: "ack", n: 1, seq: 2 });
    const restored = await audience.next("snapshot");
    expect(restored).toMatchObject({ fresh: false, seq: 2, view: view(7, 1), drawings });
    expect(restored.elapsedMs).toBeGreaterThanOrEqual(90_000);
    const second = await joinRoom(freshBase, "presenter", SECRET);
    second.send({ type: "restore", n: 1, view: view(0), drawings: { ...drawings, slides: {} }, elapsedMs: 0 });
    expect(await second.next("refused")).toEqual({ type: "refused", n: 1, reason: "not-fresh" });
    expect(await second.next("snapshot")).toMatchObject({ view: view(7, 1) });
    [audience, presenter, second].forEach((c) => c.ws.terminate());
    await fresh.close();
  });
});

/** One raw HTTP request (no client-side normalisation of the path): status and body. */
function rawRequest(port: number, requestLine: string, headers = `Host: 127.0.0.1:${port}`): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${requestLine}\r\n${headers}\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const [head, ...body] = text.split("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body: body.join("\r\n\r\n") });
    });
  });
}

describe("the room's static server", () => {
  let server: PresentServer;
  beforeAll(async () => {
    const dist = fakeDist();
    const { symlinkSync } = await import("node:fs");
    symlinkSync("../secret.txt", `${dist}/link.txt`); // a symlink out of dist/
    symlinkSync("app.js", `${dist}/assets/same.js`); // one inside
    server = await startPresentServer({ distDir: dist, port: 0, secret: SECRET, roomClient });
  });
  afterAll(() => server.close());

  it("serves the site and the room's code with a CSP, nosniff and no referrer", async () => {
    for (const target of ["/", "/index.html", "/assets/app.js", "/assets/same.js", "/__room/client.js", "/?room=audience"]) {
      const response = await rawRequest(server.port, `GET ${target} HTTP/1.1`);
      expect(response.status, target).toBe(200);
      expect(response.headers).toContain("content-security-policy: default-src 'none'; script-src 'self'");
      expect(response.headers).toContain("x-content-type-options: nosniff");
      expect(response.headers).toContain("referrer-policy: no-referrer");
    }
    expect((await rawRequest(server.port, "HEAD / HTTP/1.1")).body).toBe("");
  });

  const traversals = [
    "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/%2E%2E/secret.txt", "/..%5csecret.txt",
    "/..\\secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/./index.html",
    "//secret.txt", "/assets//app.js", "/%00", "/index.html%00.js", "/index.html\0", "/.git/HEAD", "/.env", "/%2e/index.html",
    "/%c0%ae%c0%ae/secret.txt", "/%e0%80%ae%e0%80%ae/secret.txt", "/%252e%252e/secret.txt", "/..;/secret.txt", "/....//secret.txt",
    "/assets/", "/assets", "/link.txt", "/secret.txt", "/dist/index.html", "/%5c..%5csecret.txt", "/assets/%5c..%5c..%5csecret.txt",
    "/..%255csecret.txt", "/%2e%2e%5csecret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/assets/.%2e/.%2e/secret.txt",
    "/..%c0%afsecret.txt", "/..%u2215secret.txt", "/%u002e%u002e/secret.txt", "/\\..\\secret.txt", "/index.html/..",
    "/index.html/../../secret.txt", "/assets/app.js/../../../secret.txt", "/%", "/%zz", "/?/../secret.txt", "/#/../secret.txt",
    "http://127.0.0.1/../secret.txt", "*", "/ index.html",
  ];

  it(`refuses ${traversals.length} path traversals and directory listings, and stays up`, async () => {
    expect(traversals.length).toBeGreaterThanOrEqual(50);
    for (const target of traversals) {
      const response = await rawRequest(server.port, `GET ${target} HTTP/1.1`);
      expect([200, 400, 404], target).toContain(response.status);
      expect(response.body, target).not.toContain("outside the site");
      if (response.status === 200) expect(response.body, target).toContain("<title>deck</title>"); // "/?/../x": the page, its query ignored
    }
    expect((await rawRequest(server.port, "GET / HTTP/1.1")).status).toBe(200);
  });

  it("answers only GET and HEAD, and only to its own host names", async () => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "TRACE"]) {
      const response = await rawRequest(server.port, `${method} / HTTP/1.1`);
      expect(response.status, method).toBe(405);
      expect(response.headers).toContain("allow: get, head");
    }
    expect((await rawRequest(server.port, "GET / HTTP/1.1", "Host: evil.example")).status).toBe(421);
    expect((await rawRequest(server.port, "GET / HTTP/1.1", `Host: localhost:${server.port}`)).status).toBe(200);
  });
});
