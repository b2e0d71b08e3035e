// The room's WebSocket, kept open: it says hello on every (re)connection, hands on every
// message that passes the schema, and after a drop tries again with exponential backoff
// and jitter (capped, so a restarted server has every page back within about 2 s).
import { ROOM_PATHS, parseServerMessage, type Channel, type CheckedServerMessage, type ClientMessage } from "../../shared/room-protocol.ts";

/** First retry after about BASE ms, doubling, never more than CAP ms (both ± jitter). */
const BACKOFF = { baseMs: 200, capMs: 1000 } as const;

export type SocketStatus = "connecting" | "open" | "closed";

export interface RoomSocketOptions {
  /** which channel to (re)connect on: "lead" while the page holds a valid secret */
  channel(): Channel;
  /** the hello to say first */
  hello(): ClientMessage;
  onMessage(message: CheckedServerMessage): void;
  onStatus(status: SocketStatus): void;
}

export class RoomSocket {
  private ws?: WebSocket;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(private readonly options: RoomSocketOptions) {}

  start(): void {
    this.connect();
  }

  /** The connection works: the next drop starts the backoff afresh. */
  settled(): void {
    this.attempt = 0;
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  send(message: ClientMessage): boolean {
    if (!this.open) return false;
    this.ws!.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close(1000, "page left the room");
  }

  private connect(): void {
    const url = new URL(`${ROOM_PATHS.socket}?as=${this.options.channel()}`, location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    this.options.onStatus("connecting");
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.options.onStatus("open");
      ws.send(JSON.stringify(this.options.hello()));
    };
    ws.onmessage = (event) => {
      let message: CheckedServerMessage;
      try {
        message = parseServerMessage(JSON.parse(String(event.data)));
      } catch (error) {
        return console.warn(`room: ignored a message from the server (${String(error)})`);
      }
      this.options.onMessage(message);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      this.options.onStatus("closed");
      const delay = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** this.attempt++) * (0.5 + Math.random() * 0.5);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}
