// When a page joins a room: only over HTTP with a room query, never in reveal.js's
// speaker-view previews or print view; and which role and secret its address names.
import { describe, expect, it } from "vitest";
import { roomModeOf } from "../../src/deck/room/client.ts";
import { mayJoinRoom } from "../../src/deck/room/plugin.ts";

describe("the room's query", () => {
  it.each([
    ["http:", "?room=audience", true],
    ["https:", "?theme=dark&room=presenter&secret=abcdefgh", true],
    ["file:", "?room=audience", false],
    ["http:", "", false],
    ["http:", "?bedroom=1", false],
    ["http:", "?room=presenter&secret=abcdefgh&receiver&progress=false", false],
    ["http:", "?room=audience&print-pdf", false],
  ])("%s with %s joins: %s", (protocol, search, joins) => {
    expect(mayJoinRoom({ protocol, search })).toBe(joins);
  });

  it("names the role and the secret, or nothing for an unknown role", () => {
    expect(roomModeOf("?room=remote&secret=s3cret-xyz")).toEqual({ role: "remote", secret: "s3cret-xyz" });
    expect(roomModeOf("?room=audience")).toEqual({ role: "audience" });
    expect(roomModeOf("?room=admin&secret=x")).toBeUndefined();
  });
});
