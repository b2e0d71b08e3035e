// The room as a reveal.js plugin (id "room"): inert unless `npm run present` opened the page
// with a room query (?room=presenter|audience|remote) over HTTP. Only then does it load the
// room's code from the server (a module the server serves beside the deck), so the deck and
// its offline file carry just this file, and a page with no server tries nothing.
import { ROOM_PATHS, ROOM_ROLES, type RoomRole } from "../../shared/room-protocol.ts";
import type { RoomClientModule, RoomDeck, RoomMode } from "./types.ts";

/** The room mode of a page at `location`, if any: never in reveal.js's speaker-view
 * previews (?receiver) or print view, never from file://. */
export function roomModeOf(location: Pick<Location, "protocol" | "search">): RoomMode | undefined {
  if (location.protocol !== "http:" && location.protocol !== "https:") return undefined;
  const query = new URLSearchParams(location.search);
  const role = query.get("room");
  if (!ROOM_ROLES.includes(role as RoomRole) || query.has("receiver") || /print-pdf/i.test(location.search)) return undefined;
  const secret = query.get("secret");
  return { role: role as RoomRole, ...(secret ? { secret } : {}) };
}

export function createRoomPlugin(): { id: "room"; init(deck: RoomDeck): void; destroy(): void } {
  let stop: (() => void) | undefined;
  let destroyed = false;
  return {
    id: "room",
    init(deck) {
      const mode = roomModeOf(location);
      if (!mode) return;
      const url = new URL(ROOM_PATHS.client, location.href).href;
      // not awaited: the deck is ready without the room, which joins when it can
      import(/* @vite-ignore */ url)
        .then((module: RoomClientModule) => {
          if (!destroyed) stop = module.startRoom(deck, mode);
        })
        .catch((error: unknown) => console.warn(`room: cannot load ${url} (${String(error)}); the deck works alone`));
    },
    destroy() {
      destroyed = true;
      stop?.();
    },
  };
}
