// The room: every WebSocket connection of the presenter's pages, the remote and the
// audience, and the one state they share. A connection says hello first; on the lead
// channel it must hold the secret, on the follow channel it only ever receives. Every
// message is rate-limited, size-bounded (by the socket), parsed against the schema and, if
// it would change the state, refused unless the connection holds the secret. Whatever a
// client sends, the room counts what it refused and goes on.
import type { RawData, WebSocket } from "ws";
import { changesState, parseClientMessage, type Channel, type ClientMessage, type RefusalReason, type RoomRole, type ServerMessage } from "../shared/room-protocol.ts";
import { ROOM_LIMITS, RoomState, type ChangeResult, type RoomLimits } from "./room-state.ts";
import type { SecretCheck } from "./secret.ts";
import { TokenBucket } from "./token-bucket.ts";

/** What each channel allows a connection: messages at once and per second, how many
 * connections it takes, and how many of them may be still without a hello (the lead
 * channel's messages are large: few strangers may hold one half-sent). */
export const CHANNEL_LIMITS: Readonly<Record<Channel, { burst: number; perSecond: number; connections: number; pending: number }>> = {
  lead: { burst: 200, perSecond: 100, connections: 32, pending: 4 },
  follow: { burst: 20, perSecond: 4, connections: 2000, pending: 200 },
};
/** A connection that has not said hello by then is closed. */
const HELLO_TIMEOUT_MS = 5000;
/** Pings this often; a connection that did not answer the last one is dropped. */
const HEARTBEAT_MS = 20_000;
/** A client this far behind on what it was sent is dropped (it reconnects and gets a snapshot). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** A connection whose messages were refused this many times is closed. */
const MAX_REFUSED = 500;

export interface RoomStats {
  connections: Record<RoomRole | "pending", number>;
  received: number;
  accepted: number;
  /** messages dropped, by reason ("invalid" includes binary and unparsable ones) */
  refused: Record<RefusalReason, number>;
  /** frames over the socket's size bound (the socket closes them) */
  oversized: number;
  /** connections dropped for falling behind */
  slow: number;
}

interface Member {
  ws: WebSocket;
  channel: Channel;
  role?: RoomRole;
  lead: boolean;
  bucket: TokenBucket;
  alive: boolean;
  refused: number;
  helloTimer?: ReturnType<typeof setTimeout>;
}

export interface RoomOptions {
  secret: SecretCheck;
  limits?: RoomLimits;
}

export class Room {
  readonly state: RoomState;
  readonly stats: RoomStats = {
    connections: { presenter: 0, audience: 0, remote: 0, pending: 0 },
    received: 0,
    accepted: 0,
    refused: { "not-allowed": 0, "bad-secret": 0, invalid: 0, rate: 0, full: 0, "not-fresh": 0 },
    oversized: 0,
    slow: 0,
  };
  private readonly members = new Set<Member>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  /** the snapshot's JSON but for its clock, kept until the state changes */
  private snapshotCache?: { seq: number; json: string };

  constructor(private readonly options: RoomOptions) {
    this.state = new RoomState(options.limits ?? ROOM_LIMITS);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Whether `channel` takes another connection. */
  hasRoom(channel: Channel): boolean {
    const on = [...this.members].filter((m) => m.channel === channel);
    const limits = CHANNEL_LIMITS[channel];
    return on.length < limits.connections && on.filter((m) => !m.role).length < limits.pending;
  }

  attach(ws: WebSocket, channel: Channel): void {
    const limits = CHANNEL_LIMITS[channel];
    const member: Member = { ws, channel, lead: false, bucket: new TokenBucket(limits.burst, limits.perSecond), alive: true, refused: 0 };
    member.helloTimer = setTimeout(() => ws.close(4408, "no hello"), HELLO_TIMEOUT_MS);
    this.members.add(member);
    this.stats.connections.pending++;
    ws.on("message", (data, isBinary) => this.receive(member, data, isBinary));
    ws.on("pong", () => (member.alive = true));
    ws.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") this.stats.oversized++;
      else this.stats.refused.invalid++;
    });
    ws.on("close", () => this.detach(member));
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const m of this.members) {
      clearTimeout(m.helloTimer);
      m.ws.close(1001, "server stopping");
    }
  }

  private detach(member: Member): void {
    clearTimeout(member.helloTimer);
    if (this.members.delete(member)) this.stats.connections[member.role ?? "pending"]--;
  }

  private beat(): void {
    for (const m of this.members) {
      if (!m.alive) m.ws.terminate();
      else {
        m.alive = false;
        m.ws.ping();
      }
    }
  }

  private refuse(member: Member, reason: RefusalReason, n?: number): void {
    this.stats.refused[reason]++;
    if (++member.refused > MAX_REFUSED) return void member.ws.close(1008, "too many refused messages");
    // a flood is not answered message by message
    if (reason !== "rate") this.send(member, { type: "refused", reason, ...(n === undefined ? {} : { n }) });
  }

  private receive(member: Member, data: RawData, isBinary: boolean): void {
    this.stats.received++;
    if (!member.bucket.take()) return this.refuse(member, "rate");
    let message: ClientMessage;
    try {
      if (isBinary) throw new Error("binary");
      message = parseClientMessage(JSON.parse(String(data)));
    } catch {
      return this.refuse(member, "invalid");
    }
    if (message.type === "hello") return this.hello(member, message);
    if (!member.role) return this.refuse(member, "invalid");
    if (changesState(message) && !member.lead) return this.refuse(member, "not-allowed", "n" in message ? message.n : undefined);
    this.stats.accepted++;
    switch (message.type) {
      case "sync":
        return this.sendSnapshot(member);
      case "view":
        return this.settle(member, message.n, this.state.setView(message.view, member.role === "presenter"), (seq) => ({ type: "view", seq, view: message.view }));
      case "draw":
        return this.settle(member, message.n, this.state.draw(message.change, member.role === "presenter"), (seq) => ({ type: "draw", seq, change: message.change }));
      case "restore": {
        // the presenter's page is the room's memory; a remote's copy may be older
        if (member.role !== "presenter") return this.refuse(member, "not-allowed", message.n);
        const result = this.state.restore(message.view, message.drawings, message.elapsedMs);
        if (result === "not-fresh") {
          this.refuse(member, "not-fresh", message.n);
          return this.sendSnapshot(member);
        }
        if (result !== "applied") return this.refuse(member, result === "full" ? "full" : "invalid", message.n);
        this.send(member, { type: "ack", n: message.n, seq: this.state.seq });
        for (const m of this.members) if (m !== member && m.role) this.sendSnapshot(m);
        return;
      }
    }
  }

  private hello(member: Member, message: Extract<ClientMessage, { type: "hello" }>): void {
    if (member.role) return this.refuse(member, "invalid");
    if (member.channel === "lead") {
      if (message.role === "audience") return this.refuse(member, "invalid");
      if (!this.options.secret.matches(message.secret)) {
        this.refuse(member, "bad-secret");
        return void member.ws.close(4401, "bad secret");
      }
      member.lead = true;
    }
    clearTimeout(member.helloTimer);
    member.role = member.channel === "lead" ? message.role : "audience";
    this.stats.connections.pending--;
    this.stats.connections[member.role]++;
    this.send(member, { type: "welcome", role: member.role, lead: member.lead });
    this.sendSnapshot(member);
  }

  /** After a change by `from` (numbered `n` by it): the others hear it (once, the same
   * bytes for all), `from` gets its acknowledgement. */
  private settle(from: Member, n: number, result: ChangeResult, broadcast: (seq: number) => ServerMessage): void {
    if (result === "full" || result === "invalid") return this.refuse(from, result, n);
    if (result === "applied") {
      const frame = Buffer.from(JSON.stringify(broadcast(this.state.seq)));
      for (const m of this.members) if (m !== from && m.role) this.sendFrame(m, frame);
    }
    this.send(from, { type: "ack", n, seq: this.state.seq });
  }

  private sendSnapshot(member: Member): void {
    const { seq } = this.state;
    if (this.snapshotCache?.seq !== seq) {
      const { elapsedMs: _clock, ...rest } = this.state.snapshot();
      this.snapshotCache = { seq, json: JSON.stringify(rest) };
    }
    this.sendFrame(member, Buffer.from(`{"type":"snapshot","elapsedMs":${this.state.elapsedMs()},${this.snapshotCache.json.slice(1)}`));
  }

  private send(member: Member, message: ServerMessage): void {
    this.sendFrame(member, Buffer.from(JSON.stringify(message)));
  }

  private sendFrame(member: Member, frame: Buffer): void {
    if (member.ws.readyState !== member.ws.OPEN) return;
    if (member.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.stats.slow++;
      return void member.ws.terminate();
    }
    member.ws.send(frame, { binary: false });
  }
}
