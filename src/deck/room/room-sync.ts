// Keeps one page in step with the room. A page holding the secret (presenter, remote) leads:
// its moves and strokes go to the server, numbered, and stay in its outbox until
// acknowledged, so a dropped connection loses none (on reconnection they are sent again:
// stroke ids make that harmless). A restarted server, which knows nothing, gets the lead
// page's whole state back (restore). Every page follows the others' changes in sequence,
// asks for a snapshot when a number is missing, and the audience may wander off: following
// pauses until it returns to the presenter's place.
import { checkedLoad, emptyDrawingDocument, type DrawingChange } from "../../shared/drawing-format.ts";
import { sameView, type CheckedServerMessage, type ClientMessage, type RoomView } from "../../shared/room-protocol.ts";
import { RoomSocket, type SocketStatus } from "./connection.ts";
import { applyView, followsPlace, readView } from "./deck-view.ts";
import type { DrawingLayer, RoomDeck, RoomMode } from "./types.ts";

export interface RoomSyncHooks {
  /** the audience's following changed, or the presenter moved */
  onFollow(following: boolean, presenter: RoomView | undefined): void;
  onStatus(status: SocketStatus | "wrong-secret"): void;
  /** when the room's clock started, in this page's performance.now() */
  onClock(start: number): void;
  /** a snapshot was taken in: the page is in the room */
  onJoined(): void;
}

type Change = Extract<ClientMessage, { n: number }>;
const DECK_EVENTS: readonly string[] = ["slidechanged", "fragmentshown", "fragmenthidden", "overviewshown", "overviewhidden"];

export class RoomSync {
  private readonly socket: RoomSocket;
  private seq = -1;
  private lead = false;
  private wrongSecret = false;
  private following = true;
  private presenter?: RoomView;
  /** the theme the presenter last chose (a student's own choice stands until it changes) */
  private presenterTheme?: RoomView["theme"];
  /** the last place sent or followed: only a real move is sent */
  private lastView?: RoomView;
  private nextN = 1;
  private readonly outbox = new Map<number, Change>();
  private restoreN?: number;
  private syncAsked = false;
  private clockStart = performance.now();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly deck: RoomDeck,
    private readonly mode: RoomMode,
    private readonly hooks: RoomSyncHooks,
    private readonly drawing: DrawingLayer | undefined,
  ) {
    this.socket = new RoomSocket({
      channel: () => (this.mode.secret && !this.wrongSecret ? "lead" : "follow"),
      hello: () => (this.mode.secret && !this.wrongSecret ? { type: "hello", role: this.mode.role, secret: this.mode.secret } : { type: "hello", role: "audience" }),
      onMessage: (message) => this.receive(message),
      onStatus: (status) => this.hooks.onStatus(status),
    });
  }

  start(): void {
    // reveal.js announces a move before it has settled the slide's steps (a step index read
    // in the event can be one it renumbers a moment later): the place is read once the
    // move's synchronous work is done, in a microtask
    let queued = false;
    const onMove = (): void => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        this.moved();
      });
    };
    for (const type of DECK_EVENTS) this.deck.on(type, onMove);
    this.cleanups.push(() => DECK_EVENTS.forEach((type) => this.deck.off(type, onMove)));
    const themes = new MutationObserver(onMove);
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    this.cleanups.push(() => themes.disconnect());
    if (this.drawing) {
      this.drawing.setReadOnly(this.mode.role !== "presenter" || !this.mode.secret);
      this.cleanups.push(this.drawing.onChange((change) => this.queue({ type: "draw", n: this.nextN++, change })));
    }
    this.socket.start();
  }

  stop(): void {
    this.cleanups.forEach((cleanup) => cleanup());
    this.socket.stop();
  }

  /** The audience returns to the presenter's place and follows again. */
  follow(): void {
    this.setFollowing(true);
    if (this.presenter) applyView(this.deck, document, this.presenter, true);
  }

  elapsedMs(): number {
    return Math.max(0, Math.round(performance.now() - this.clockStart));
  }

  private moved(): void {
    const view = readView(this.deck, document);
    if (this.lead) this.send(view);
    else if (this.presenter) {
      this.setFollowing(followsPlace(this.deck, view, this.presenter));
    }
  }

  /** A lead page's place, sent unless it is where the room already is. */
  private send(view: RoomView): void {
    if (this.lastView && sameView(view, this.lastView)) return;
    this.lastView = view;
    for (const [n, m] of this.outbox) if (m.type === "view") this.outbox.delete(n); // only the latest place matters
    this.queue({ type: "view", n: this.nextN++, view });
  }

  private setFollowing(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    this.hooks.onFollow(following, this.presenter);
  }

  private queue(change: Change): void {
    if (!this.lead && !(this.mode.secret && !this.wrongSecret)) return; // an audience page never sends a change
    this.outbox.set(change.n, change);
    this.socket.send(change);
  }

  private receive(message: CheckedServerMessage): void {
    switch (message.type) {
      case "welcome":
        this.lead = message.lead;
        this.socket.settled();
        return;
      case "snapshot":
        return this.snapshot(message);
      case "view":
        this.sequence(message.seq);
        this.presenter = message.view;
        // a move of ours still unacknowledged comes after this one on the server: it wins
        if (this.lead && [...this.outbox.values()].some((m) => m.type === "view")) return;
        if (this.lead || this.following) this.goTo(message.view);
        this.hooks.onFollow(this.following, this.presenter);
        return;
      case "draw":
        this.sequence(message.seq);
        this.drawing?.applyChecked(message.change); // checked by parseServerMessage
        this.reapplyOwnStrokes();
        return;
      case "ack":
        if (message.seq > this.seq + 1) this.askSync();
        this.seq = Math.max(this.seq, message.seq);
        if (message.n === this.restoreN) for (const n of this.outbox.keys()) if (n <= message.n) this.outbox.delete(n);
        this.outbox.delete(message.n);
        return;
      case "refused":
        if (message.reason === "bad-secret") {
          // the server closes this connection; the page comes back as an audience page
          this.wrongSecret = true;
          this.outbox.clear();
          this.drawing?.setReadOnly(true);
          this.hooks.onStatus("wrong-secret");
        }
        if (message.n !== undefined) this.outbox.delete(message.n);
        return;
    }
  }

  private snapshot(s: Extract<CheckedServerMessage, { type: "snapshot" }>): void {
    this.syncAsked = false;
    this.seq = s.seq;
    this.hooks.onJoined();
    if (s.fresh) {
      // a server that knows nothing (just restarted): the presenter's page gives it the room
      // back; the others keep what they show until it has (a remote's copy may be older)
      if (!this.lead || this.mode.role !== "presenter") return;
      this.restoreN = this.nextN++;
      const view = readView(this.deck, document);
      this.lastView = view;
      this.socket.send({ type: "restore", n: this.restoreN, view, drawings: this.drawing?.toJSON() ?? emptyDrawingDocument(), elapsedMs: this.elapsedMs() });
      return;
    }
    this.clockStart = performance.now() - s.elapsedMs;
    this.hooks.onClock(this.clockStart);
    this.presenter = s.view;
    this.drawing?.applyChecked(checkedLoad(s.drawings));
    const ownMove = this.lead && [...this.outbox.values()].some((m) => m.type === "view");
    if (!ownMove && (this.lead || this.following)) this.goTo(s.view);
    if (this.lead) {
      this.reapplyOwnStrokes();
      for (const change of this.outbox.values()) this.socket.send(change);
    }
    this.hooks.onFollow(this.following, this.presenter);
  }

  private goTo(view: RoomView): void {
    if (this.lead) this.lastView = view;
    const withTheme = view.theme !== this.presenterTheme;
    this.presenterTheme = view.theme;
    applyView(this.deck, document, view, withTheme || this.lead);
  }

  /** Strokes of ours the server has not confirmed yet, on top of what it sent. */
  private reapplyOwnStrokes(): void {
    for (const m of this.outbox.values()) if (m.type === "draw") this.drawing?.apply(m.change as DrawingChange);
  }

  private sequence(seq: number): void {
    if (this.seq >= 0 && seq !== this.seq + 1) this.askSync();
    this.seq = Math.max(this.seq, seq);
  }

  private askSync(): void {
    if (this.syncAsked) return;
    this.syncAsked = true;
    this.socket.send({ type: "sync" });
  }
}
