// The room as a reveal.js plugin (id "room"): inert unless `npm run present` opened the page
// with a room query (?room=presenter|audience|remote) over HTTP. Only then does it load the
// room's code from the server (a module the server serves beside the deck), so the deck and
// its offline file carry just this file, and a page with no server tries nothing.
import { ROOM_PATHS } from "../../shared/room-protocol.ts";
import type { RoomClientModule, RoomDeck } from "./types.ts";

/** Whether a page at `location` may be in a room: opened over HTTP with a room query, and
 * not one of reveal.js's speaker-view previews (?receiver) or its print view. The room's
 * code reads the role and the secret itself (roomModeOf). */
export function mayJoinRoom(location: Pick<Location, "protocol" | "search">): boolean {
  return /^https?:$/.test(location.protocol) && /[?&]room=/.test(location.search) && !/[?&]receiver|print-pdf/i.test(location.search);
}

/** reveal.js options a room page needs from its start: a remote on a phone is narrow enough
 * for reveal.js to turn the (hidden) deck into its scroll view, where steps count as slides
 * and the remote must step through the presenter's deck. The room's code, loaded after the
 * deck starts, would be too late: undoing the scroll view lays the whole deck out again
 * (9 s to a ready remote on a 390 px page here, against 1.3 s without). */
export function roomRevealOptions(location: Pick<Location, "protocol" | "search">): Record<string, unknown> {
  return mayJoinRoom(location) && new URLSearchParams(location.search).get("room") === "remote" ? { scrollActivationWidth: 0 } : {};
}

export function createRoomPlugin(): { id: "room"; init(deck: RoomDeck): void; destroy(): void } {
  let stop: (() => void) | undefined;
  let destroyed = false;
  return {
    id: "room",
    init(deck) {
      if (!mayJoinRoom(location)) return;
      // not awaited: the deck is ready without the room, which joins when it can
      import(/* @vite-ignore */ new URL(ROOM_PATHS.client, location.href).href)
        .then((module: RoomClientModule) => {
          if (!destroyed) stop = module.startRoom(deck);
        })
        .catch((error: unknown) => console.warn(`room: no room here (${String(error)})`));
    },
    destroy() {
      destroyed = true;
      stop?.();
    },
  };
}
