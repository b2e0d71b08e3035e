// The room's authoritative state: where the presenter is (slide, step, overview, theme),
// every stroke on every slide (a StrokeStore), a sequence number that counts the changes,
// and the room's clock. Changes are idempotent (a stroke id already there, a removal of one
// that is not: no change, no new number) and bounded (strokes and points in the whole room).
import { DRAWING_LIMITS, type DrawingChange, type DrawingDocument } from "../shared/drawing-format.ts";
import { MAX_ELAPSED_MS, sameView, type RoomView } from "../shared/room-protocol.ts";
import { StrokeStore, type StrokeBounds } from "../shared/stroke-store.ts";

/** strokes and points in the whole room */
export type RoomLimits = StrokeBounds;
/** as many points as one drawing document may hold (a restore of any valid one fits) */
export const ROOM_LIMITS: Readonly<RoomLimits> = { strokes: 5000, points: DRAWING_LIMITS.maxTotalPoints };

export interface RoomSnapshot {
  seq: number;
  fresh: boolean;
  view: RoomView;
  drawings: DrawingDocument;
  elapsedMs: number;
}

/** "applied": the state changed (a new sequence number); "same": nothing to do; "full":
 * refused, the room's bounds would be passed; "invalid": refused, a document that uses one
 * stroke id twice. */
export type ChangeResult = "applied" | "same" | "full" | "invalid";

export class RoomState {
  private seqNo = 0;
  private known = false;
  private current: RoomView = { h: 0, v: 0, f: -1, overview: false, theme: "light" };
  private readonly strokes: StrokeStore;
  private clockStart: number;

  constructor(
    limits: RoomLimits = ROOM_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.strokes = new StrokeStore(limits);
    this.clockStart = now();
  }

  get seq(): number {
    return this.seqNo;
  }

  /** true until the presenter has said anything (after a restart, the presenter's page
   * restores): changes from elsewhere (the remote) are kept and numbered, but leave it fresh */
  get fresh(): boolean {
    return !this.known;
  }

  snapshot(): RoomSnapshot {
    return {
      seq: this.seqNo,
      fresh: !this.known,
      view: { ...this.current },
      drawings: this.strokes.toDocument(),
      elapsedMs: this.elapsedMs(),
    };
  }

  /** How long the room has been running (carried over a restart by the restore). */
  elapsedMs(): number {
    return Math.max(0, Math.min(MAX_ELAPSED_MS, Math.round(this.now() - this.clockStart)));
  }

  /** `byPresenter`: from the presenter's page (which makes the state known) */
  setView(view: RoomView, byPresenter = true): ChangeResult {
    if (this.seqNo > 0 && sameView(view, this.current)) return "same";
    this.current = { ...view };
    return this.bump(byPresenter);
  }

  draw(change: DrawingChange, byPresenter = true): ChangeResult {
    const result = this.drawChange(change);
    if (result === "applied") this.known ||= byPresenter;
    return result;
  }

  private drawChange(change: DrawingChange): ChangeResult {
    switch (change.kind) {
      case "add": {
        const added = this.strokes.add(change.slide, change.stroke);
        return added === "added" ? this.bump(false) : added;
      }
      case "remove":
        return this.strokes.remove(change.slide, change.id) ? this.bump(false) : "same";
      case "clear":
        return this.strokes.clear(change.slide).length > 0 ? this.bump(false) : "same";
      case "load": {
        const loaded = this.strokes.replace(change.doc);
        return loaded === "replaced" ? this.bump(false) : loaded;
      }
    }
  }

  /** A restarted server takes the state a presenter's page kept; only while fresh. */
  restore(view: RoomView, drawings: DrawingDocument, elapsedMs: number): ChangeResult | "not-fresh" {
    if (this.known) return "not-fresh";
    const loaded = this.strokes.replace(drawings);
    if (loaded !== "replaced") return loaded;
    this.current = { ...view };
    this.clockStart = this.now() - elapsedMs;
    return this.bump();
  }

  /** a new sequence number; `known`: the presenter's state is now the room's */
  private bump(known = true): "applied" {
    this.known ||= known;
    this.seqNo++;
    return "applied";
  }
}
