// The room's messages (npm run present): what a presenter, an audience page and a remote
// say to the server and what it says back, and their validation. A strict, closed schema:
// numbers and enums wherever possible, every string matched against a pattern, unknown
// fields rejected, drawings checked with the drawing format's own parser. Pure (no DOM, no
// Node): the server and the browser check the same way.
import { parseDrawingChange, parseDrawingDocument, type CheckedDrawingChange, type CheckedDrawingDocument, type DrawingChange, type DrawingDocument } from "./drawing-format.ts";

export const ROOM_ROLES = ["presenter", "audience", "remote"] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Where the room lives, relative to the deck's page (the server serves both). */
export const ROOM_PATHS = {
  /** the room's browser code: the page loads it only when opened with a room query */
  client: "__room/client.js",
  /** the WebSocket endpoint; `?as=lead` for pages holding the secret, `?as=follow` otherwise */
  socket: "__room/socket",
} as const;
export const CHANNELS = ["lead", "follow"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The presenter's secret: URL-safe, long enough to guess never. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** A room's timer never runs longer than a week. */
export const MAX_ELAPSED_MS = 7 * 24 * 3600 * 1000;
const MAX_INDEX = 10_000;

/** Where the presenter is: slide (h, v), step (f: the fragment index, -1 before any),
 * the overview, the theme. */
export interface RoomView {
  h: number;
  v: number;
  f: number;
  overview: boolean;
  theme: Theme;
}

/** Client → server. `n` numbers a page's state changes, for its acknowledgement. */
export type ClientMessage =
  | { type: "hello"; role: RoomRole; secret?: string }
  | { type: "view"; n: number; view: RoomView }
  | { type: "draw"; n: number; change: DrawingChange }
  /** a page holding the secret gives a restarted server (one that knows nothing yet) the
   * state it had */
  | { type: "restore"; n: number; view: RoomView; drawings: DrawingDocument; elapsedMs: number }
  /** asks for a snapshot (after a gap in the sequence numbers) */
  | { type: "sync" };

export const REFUSAL_REASONS = ["not-allowed", "bad-secret", "invalid", "rate", "full", "not-fresh"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Server → client. `seq` counts the room's state changes. (Its drawings as checked on the
 * way in: CheckedServerMessage.) */
export type ServerMessage<Change extends DrawingChange = DrawingChange, Doc extends DrawingDocument = DrawingDocument> =
  | { type: "welcome"; role: RoomRole; lead: boolean }
  /** the whole state; `fresh`: the server has known nothing since it started */
  | { type: "snapshot"; seq: number; fresh: boolean; view: RoomView; drawings: Doc; elapsedMs: number }
  | { type: "view"; seq: number; view: RoomView }
  | { type: "draw"; seq: number; change: Change }
  | { type: "ack"; n: number; seq: number }
  | { type: "refused"; n?: number; reason: RefusalReason };

function fail(path: string, expected: string): never {
  throw new Error(`${path}: expected ${expected}`);
}

function fields(value: unknown, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("message", "an object");
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) if (!keys.includes(key) && !optional.includes(key)) fail(key, "no such field");
  for (const key of keys) if (!(key in object)) fail(key, "a value");
  return object;
}

function integer(value: unknown, min: number, max: number, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) fail(path, `an integer in [${min}, ${max}]`);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) fail(path, options.map((o) => `"${o}"`).join(" or "));
  return value as T;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, "true or false");
  return value;
}

export function parseView(value: unknown, path = "view"): RoomView {
  const v = fields(value, ["h", "v", "f", "overview", "theme"]);
  return {
    h: integer(v.h, 0, MAX_INDEX, `${path}.h`),
    v: integer(v.v, 0, MAX_INDEX, `${path}.v`),
    f: integer(v.f, -1, MAX_INDEX, `${path}.f`),
    overview: bool(v.overview, `${path}.overview`),
    theme: oneOf(v.theme, THEMES, `${path}.theme`),
  };
}

const sequence = (value: unknown, path: string): number => integer(value, 0, Number.MAX_SAFE_INTEGER, path);

/** A client's message, checked against the schema; throws naming the field. */
export function parseClientMessage(json: unknown): ClientMessage {
  const type = oneOf(fields(json, ["type"], ["role", "secret", "n", "view", "change", "drawings", "elapsedMs"]).type, ["hello", "view", "draw", "restore", "sync"] as const, "type");
  switch (type) {
    case "hello": {
      const m = fields(json, ["type", "role"], ["secret"]);
      if (m.secret !== undefined && (typeof m.secret !== "string" || !SECRET_PATTERN.test(m.secret))) fail("secret", "8 to 128 letters, digits, _ or -");
      return { type, role: oneOf(m.role, ROOM_ROLES, "role"), ...(m.secret === undefined ? {} : { secret: m.secret as string }) };
    }
    case "view": {
      const m = fields(json, ["type", "n", "view"]);
      return { type, n: sequence(m.n, "n"), view: parseView(m.view) };
    }
    case "draw": {
      const m = fields(json, ["type", "n", "change"]);
      return { type, n: sequence(m.n, "n"), change: parseDrawingChange(m.change) };
    }
    case "restore": {
      const m = fields(json, ["type", "n", "view", "drawings", "elapsedMs"]);
      return { type, n: sequence(m.n, "n"), view: parseView(m.view), drawings: parseDrawingDocument(m.drawings), elapsedMs: integer(m.elapsedMs, 0, MAX_ELAPSED_MS, "elapsedMs") };
    }
    case "sync":
      fields(json, ["type"]);
      return { type };
  }
}

/** A server's message as parseServerMessage gives it: what it carries is checked. */
export type CheckedServerMessage = ServerMessage<CheckedDrawingChange, CheckedDrawingDocument>;

/** A server's message, checked the same way (the page trusts nothing either). */
export function parseServerMessage(json: unknown): CheckedServerMessage {
  const type = oneOf(fields(json, ["type"], ["role", "lead", "seq", "fresh", "view", "drawings", "elapsedMs", "change", "n", "reason"]).type, ["welcome", "snapshot", "view", "draw", "ack", "refused"] as const, "type");
  switch (type) {
    case "welcome": {
      const m = fields(json, ["type", "role", "lead"]);
      return { type, role: oneOf(m.role, ROOM_ROLES, "role"), lead: bool(m.lead, "lead") };
    }
    case "snapshot": {
      const m = fields(json, ["type", "seq", "fresh", "view", "drawings", "elapsedMs"]);
      return { type, seq: sequence(m.seq, "seq"), fresh: bool(m.fresh, "fresh"), view: parseView(m.view), drawings: parseDrawingDocument(m.drawings), elapsedMs: integer(m.elapsedMs, 0, MAX_ELAPSED_MS, "elapsedMs") };
    }
    case "view": {
      const m = fields(json, ["type", "seq", "view"]);
      return { type, seq: sequence(m.seq, "seq"), view: parseView(m.view) };
    }
    case "draw": {
      const m = fields(json, ["type", "seq", "change"]);
      return { type, seq: sequence(m.seq, "seq"), change: parseDrawingChange(m.change) };
    }
    case "ack": {
      const m = fields(json, ["type", "n", "seq"]);
      return { type, n: sequence(m.n, "n"), seq: sequence(m.seq, "seq") };
    }
    case "refused": {
      const m = fields(json, ["type", "reason"], ["n"]);
      return { type, reason: oneOf(m.reason, REFUSAL_REASONS, "reason"), ...(m.n === undefined ? {} : { n: sequence(m.n, "n") }) };
    }
  }
}

/** Messages that change the room's state: only a connection holding the secret may send them. */
export const changesState = (message: ClientMessage): boolean => message.type === "view" || message.type === "draw" || message.type === "restore";

export const sameView = (a: RoomView, b: RoomView): boolean => a.h === b.h && a.v === b.v && a.f === b.f && a.overview === b.overview && a.theme === b.theme;
