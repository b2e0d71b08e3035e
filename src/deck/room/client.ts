// The room's browser code, loaded by the room plugin only on a page opened with a room
// query (the server serves it beside the deck): joins the room once the deck is ready and
// sets the page up for its role — the presenter leads, the audience follows (and may
// wander off), the remote is a phone with big buttons and the notes.
import { READY_DATASET_KEY, READY_EVENT } from "../../shared/constants.ts";
import { ROOM_ROLES, type RoomRole } from "../../shared/room-protocol.ts";
import { slideNumberOf } from "./deck-view.ts";
import { FollowControl } from "./follow-control.ts";
import { RemoteView } from "./remote-view.ts";
import { RoomNotice } from "./room-notice.ts";
import { ROOM_STYLE } from "./room-style.ts";
import { RoomSync } from "./room-sync.ts";
import type { DrawingLayer, RoomDeck, RoomMode } from "./types.ts";

/** The drawing layer, if the deck has one with the API the room needs. */
function drawingLayerOf(deck: RoomDeck): DrawingLayer | undefined {
  const plugin = deck.getPlugin("drawing") as Partial<DrawingLayer> | undefined;
  const api: (keyof DrawingLayer)[] = ["toJSON", "onChange", "apply", "applyChecked", "setReadOnly"];
  return plugin && api.every((name) => typeof plugin[name] === "function") ? (plugin as DrawingLayer) : undefined;
}

const R_KEY = 82;

function joinRoom(deck: RoomDeck, mode: RoomMode): () => void {
  const style = document.createElement("style");
  style.textContent = ROOM_STYLE;
  document.head.append(style);
  const dock = document.createElement("div");
  dock.className = "room-ui room-dock";
  document.body.append(dock);
  const notice = new RoomNotice(dock);
  const remote = mode.role === "remote" ? new RemoteView(deck) : undefined;
  let follow: FollowControl | undefined;
  const sync: RoomSync = new RoomSync(
    deck,
    mode,
    {
      onFollow: (following, presenter) => follow?.update(following, () => presenter && slideNumberOf(deck, presenter)),
      onStatus: (status) => {
        notice.status(status);
        remote?.setStatus(status);
        if (status !== "open" && status !== "wrong-secret") document.documentElement.dataset.room = status;
      },
      onClock: (start) => remote?.setClock(start),
      // html[data-room]: "joined" once in the room, "connecting" / "closed" while not (for tests and styles)
      onJoined: () => (document.documentElement.dataset.room = "joined"),
    },
    drawingLayerOf(deck),
  );
  if (mode.role !== "remote") {
    follow = new FollowControl(dock, () => sync.follow(), mode.secret ? undefined : "R");
    if (!mode.secret) deck.addKeyBinding({ keyCode: R_KEY, key: "R", description: "Return to the presenter's place and follow" }, () => sync.follow());
  }
  sync.start();
  return () => {
    sync.stop();
    if (follow && !mode.secret) deck.removeKeyBinding(R_KEY);
    follow?.remove();
    remote?.remove();
    notice.remove();
    dock.remove();
    style.remove();
    delete document.documentElement.dataset.room;
  };
}

/** The room mode the page's address names: `?room=ROLE` and, for the presenter and the
 * remote, `&secret=…`; none for an unknown role. */
export function roomModeOf(search: string): RoomMode | undefined {
  const query = new URLSearchParams(search);
  const role = query.get("room");
  if (!ROOM_ROLES.includes(role as RoomRole)) return undefined;
  const secret = query.get("secret");
  return { role: role as RoomRole, ...(secret ? { secret } : {}) };
}

export function startRoom(deck: RoomDeck): () => void {
  const mode = roomModeOf(location.search);
  if (!mode) {
    console.warn("room: ?room= names no role (presenter, audience or remote)");
    return () => undefined;
  }
  let leave: (() => void) | undefined;
  const join = (): void => void (leave = joinRoom(deck, mode));
  // the room moves the deck only once it is fully rendered and laid out
  if (document.documentElement.dataset[READY_DATASET_KEY] === "true") join();
  else document.addEventListener(READY_EVENT, join, { once: true });
  return () => {
    document.removeEventListener(READY_EVENT, join);
    leave?.();
  };
}
