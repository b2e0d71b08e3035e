// How the room's server answers a connection Node's HTTP parser finds wrong: never into a
// connection that was reset or already had its answer (its client would read it as the
// answer to its next request), 408 to one that sent no request in time (Chromium's
// connections opened ahead of need: it sends its request again elsewhere), 431 for headers
// too large, 400 for garbage — with fake sockets for each case, and the real server for
// the two a client can cause at once.
import { connect } from "node:net";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError, startPresentServer, type PresentServer } from "../../src/present/present-server.ts";
import { fakeDist } from "../support/room-clients.ts";

/** A socket that keeps what is written to it. */
function fakeSocket(bytesWritten = 0): { socket: PassThrough & { bytesWritten: number }; written: () => string } {
  const socket = Object.assign(new PassThrough(), { bytesWritten });
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  return { socket, written: () => Buffer.concat(chunks).toString("latin1") };
}

const failure = (code: string): Error & { code: string } => Object.assign(new Error(code), { code });

/** What the server sends back for `request`, until it closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
  });
}

describe("the room's server and a connection gone wrong", () => {
  it("answers 408 to a connection that sent no request in time, 431 to headers too large, 400 to garbage", async () => {
    for (const [code, status] of [["ERR_HTTP_REQUEST_TIMEOUT", "408 Request Timeout"], ["HPE_HEADER_OVERFLOW", "431 Request Header Fields Too Large"], ["HPE_INVALID_METHOD", "400 Bad Request"]]) {
      const { socket, written } = fakeSocket();
      answerClientError(failure(code), socket);
      await new Promise((r) => setImmediate(r));
      expect(written(), code).toMatch(new RegExp(`^HTTP/1\\.1 ${status}\\r\\nConnection: close\\r\\n`));
    }
  });

  it("writes nothing into a connection that was reset or has had an answer, and closes it", async () => {
    for (const [code, bytesWritten] of [["ECONNRESET", 0], ["ERR_HTTP_REQUEST_TIMEOUT", 5120], ["HPE_INVALID_METHOD", 200]] as const) {
      const { socket, written } = fakeSocket(bytesWritten);
      answerClientError(failure(code), socket);
      await new Promise((r) => setImmediate(r));
      expect(written(), code).toBe("");
      expect(socket.destroyed, code).toBe(true);
    }
  });

  describe("the real server", () => {
    let server: PresentServer;
    beforeAll(async () => {
      server = await startPresentServer({ distDir: fakeDist(), port: 0, secret: "test-secret-0123456789", roomClient: { body: Buffer.from(""), type: "text/javascript; charset=utf-8" } });
    });
    afterAll(() => server.close());

    it("answers garbage 400 and headers too large 431, and stays up", async () => {
      expect(await rawExchange(server.port, "NOT HTTP AT ALL\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
      const huge = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Filler: ${"x".repeat(64 * 1024)}\r\n\r\n`;
      expect(await rawExchange(server.port, huge)).toMatch(/^HTTP\/1\.1 431 /);
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
    });
  });
});
