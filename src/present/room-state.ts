// The room's authoritative state: where the presenter is (slide, step, overview, theme),
// every stroke on every slide, a sequence number that counts the changes, and the room's
// clock. Changes are idempotent (a stroke id already there, a removal of one that is not:
// no change, no new number) and bounded (strokes and points in the whole room).
import { DRAWING_LIMITS, emptyDrawingDocument, type DrawingChange, type DrawingDocument, type Stroke } from "../shared/drawing-format.ts";
import { MAX_ELAPSED_MS, sameView, type RoomView } from "../shared/room-protocol.ts";

export interface RoomLimits {
  /** strokes in the whole room */
  strokes: number;
  /** points in the whole room (a point is x, y, pressure) */
  points: number;
}
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

const pointsOf = (stroke: Stroke): number => stroke.points.length / 3;

export class RoomState {
  private seqNo = 0;
  private known = false;
  private current: RoomView = { h: 0, v: 0, f: -1, overview: false, theme: "light" };
  /** slide key → stroke id → stroke, in drawing order (a Map keeps insertion order) */
  private slides = new Map<string, Map<number, Stroke>>();
  /** stroke id → its slide: ids are unique in the whole document */
  private ids = new Map<number, string>();
  private points = 0;
  private clockStart: number;

  constructor(
    private readonly limits: RoomLimits = ROOM_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
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
    const slides: [string, Stroke[]][] = [...this.slides].map(([key, strokes]) => [key, [...strokes.values()]]);
    return {
      seq: this.seqNo,
      fresh: !this.known,
      view: { ...this.current },
      drawings: { ...emptyDrawingDocument(), slides: Object.fromEntries(slides) },
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
        if (this.ids.has(change.stroke.id)) return "same";
        const strokes = this.slides.get(change.slide);
        if ((!strokes && this.slides.size >= DRAWING_LIMITS.maxSlides) || (strokes?.size ?? 0) >= DRAWING_LIMITS.maxStrokes) return "full";
        if (this.ids.size + 1 > this.limits.strokes || this.points + pointsOf(change.stroke) > this.limits.points) return "full";
        const slide = strokes ?? new Map<number, Stroke>();
        this.slides.set(change.slide, slide);
        slide.set(change.stroke.id, change.stroke);
        this.ids.set(change.stroke.id, change.slide);
        this.points += pointsOf(change.stroke);
        return this.bump(false);
      }
      case "remove": {
        const slide = this.slides.get(change.slide);
        const stroke = slide?.get(change.id);
        if (!slide || !stroke) return "same";
        slide.delete(change.id);
        this.ids.delete(change.id);
        this.points -= pointsOf(stroke);
        if (slide.size === 0) this.slides.delete(change.slide);
        return this.bump(false);
      }
      case "clear": {
        const slide = this.slides.get(change.slide);
        if (!slide) return "same";
        for (const stroke of slide.values()) {
          this.ids.delete(stroke.id);
          this.points -= pointsOf(stroke);
        }
        this.slides.delete(change.slide);
        return this.bump(false);
      }
      case "load": {
        const loaded = this.replaceDrawings(change.doc);
        return loaded === "ok" ? this.bump(false) : loaded;
      }
    }
  }

  /** A restarted server takes the state a presenter's page kept; only while fresh. */
  restore(view: RoomView, drawings: DrawingDocument, elapsedMs: number): ChangeResult | "not-fresh" {
    if (this.known) return "not-fresh";
    const loaded = this.replaceDrawings(drawings);
    if (loaded !== "ok") return loaded;
    this.current = { ...view };
    this.clockStart = this.now() - elapsedMs;
    return this.bump();
  }

  private replaceDrawings(doc: DrawingDocument): "ok" | "full" | "invalid" {
    const entries = Object.entries(doc.slides).filter(([, strokes]) => strokes.length > 0);
    const all = entries.flatMap(([slide, strokes]) => strokes.map((stroke) => [slide, stroke] as const));
    const points = all.reduce((sum, [, s]) => sum + pointsOf(s), 0);
    const ids = new Map(all.map(([slide, s]) => [s.id, slide]));
    if (ids.size !== all.length) return "invalid";
    if (all.length > this.limits.strokes || points > this.limits.points) return "full";
    this.slides = new Map(entries.map(([slide, strokes]) => [slide, new Map(strokes.map((s) => [s.id, s]))]));
    this.ids = ids;
    this.points = points;
    return "ok";
  }

  /** a new sequence number; `known`: the presenter's state is now the room's */
  private bump(known = true): "applied" {
    this.known ||= known;
    this.seqNo++;
    return "applied";
  }
}
