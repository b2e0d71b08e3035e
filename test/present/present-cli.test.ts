// `npm run present` as a user runs it: its help and its refusals, a build when dist/ is
// missing (said so), exactly three URL lines and a QR code, and a clean stop on SIGINT and
// SIGTERM.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runScript } from "../support/run-script.ts";
import { startPresent } from "../support/present-process.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

describe("npm run present", () => {
  it("explains itself and refuses what it cannot do", async () => {
    const help = await runScript("present", ["--help"], { cwd: process.cwd() });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run present/);
    for (const option of ["--port N", "--lan", "--secret S", "--dist DIR"]) expect(help.stdout).toContain(option);
    for (const [args, message] of [
      [["--port", "http"], /--port takes a number/],
      [["--port", "70000"], /--port takes a number/],
      [["--secret", "short"], /a secret is 8 to 128/],
      [["--secret", "has spaces in it"], /a secret is 8 to 128/],
      [["--frobnicate"], /unknown option --frobnicate/],
    ] as const) {
      const outcome = await runScript("present", [...args], { cwd: process.cwd() });
      expect(outcome.code, args.join(" ")).toBe(2);
      expect(outcome.stderr).toMatch(message);
    }
  });

  it("prints exactly three URL lines and the audience's QR code, and stops cleanly on SIGINT", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "present-"));
    cpSync(path.join(inject("builtSampleDeck"), "dist"), path.join(root, "built"), { recursive: true });
    const present = await startPresent(["--dist", path.join(root, "built"), "--port", "0", "--secret", "fixed-secret-123"]);
    const lines = present.output().stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `presenter: http://127.0.0.1:${present.port}/?room=presenter&secret=fixed-secret-123`,
      `audience: http://127.0.0.1:${present.port}/?room=audience`,
      `remote: http://127.0.0.1:${present.port}/?room=remote&secret=fixed-secret-123`,
    ]);
    await expect.poll(() => present.output().stdout.split("\n").filter((l) => /[█▀▄]/.test(l)).length).toBeGreaterThan(10);
    // then only the QR code's blocks
    expect(present.output().stdout.split("\n").slice(3).filter((l) => /\w/.test(l))).toEqual([]);
    expect((await fetch(present.urls.audience)).status).toBe(200);
    expect(await present.stop("SIGINT")).toBe(0);
    expect(present.output().stderr).toMatch(/present: stopped/);
  });

  it("makes a secret per run, and builds a missing dist/ first (saying so)", async () => {
    const root = copySampleDeck(); // no dist/
    const present = await startPresent(["--port", "0", "--no-qr"], { cwd: root, timeout: 120_000 });
    const { stdout } = present.output();
    expect(stdout).toMatch(/^dist\/ has no built deck: building it \(npm run build\)…$/m);
    expect(stdout).toMatch(/^built \d+ slides/m);
    const secret = new URL(present.urls.presenter).searchParams.get("secret")!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await present.stop("SIGTERM")).toBe(0);
    const again = await startPresent(["--port", "0", "--no-qr"], { cwd: root }); // dist/ now up to date: no build
    expect(again.output().stdout).not.toMatch(/building/);
    expect(new URL(again.urls.presenter).searchParams.get("secret")).not.toBe(secret);
    expect(await again.stop("SIGTERM")).toBe(0);
  }, 180_000);
});
