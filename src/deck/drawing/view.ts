// The drawing layer on screen, loaded on first use: an SVG over reveal's slide frame in
// slide coordinates (1280×720, so strokes scale with the frame), showing the current slide's
// strokes of the steps reached, and — in drawing mode — taking pointer input (mouse, touch,
// pen with its pressure) for the pen, the highlighter and the eraser.
import { FRAME } from "../../shared/constants.ts";
import { DRAWING_LIMITS, HIGHLIGHTER, PEN, type Stroke } from "../../shared/drawing-format.ts";
import { ERASER_RADIUS, HIGHLIGHTER_SIZE, PEN_SIZE, type DrawingContext } from "./context.ts";
import { strokeElement, strokePath, svgElement, touches } from "./paths.ts";
import { currentSlideKey, currentStep } from "./slide-key.ts";
import { createToolbar, type Toolbar } from "./toolbar.ts";

/** What a pointer is doing between its down and its up. */
type Gesture = { kind: "draw"; slide: string; stroke: Stroke; live: SVGPathElement } | { kind: "erase"; slide: string; erased: number[] };

/** points closer than this to the last one (slide px) add nothing but bytes */
const MIN_STEP = 0.75;

export class DrawingView {
  private readonly layer: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly strokes: SVGGElement;
  private readonly toolbar: Toolbar;
  private readonly paths = new WeakMap<Stroke, string>();
  private gesture: Gesture | undefined;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly ctx: DrawingContext) {
    const doc = document;
    this.layer = doc.createElement("div");
    this.layer.className = "drawing-layer";
    this.svg = svgElement(doc, "drawing-svg", FRAME.width, FRAME.height);
    this.strokes = doc.createElementNS("http://www.w3.org/2000/svg", "g");
    this.svg.append(this.strokes);
    this.layer.append(this.svg);
    this.toolbar = createToolbar(ctx, () => this.sync());
    this.bind();
    this.sync();
  }

  /** Mode, tools and strokes as the state and the model say now. */
  sync(): void {
    const { active, tool } = this.ctx.state;
    this.layer.classList.toggle("drawing-active", active);
    this.layer.dataset.tool = tool;
    this.toolbar.sync();
    this.render();
  }

  destroy(): void {
    this.cleanups.forEach((c) => c());
    this.layer.remove();
    this.toolbar.destroy();
  }

  private render(): void {
    const slides = this.ctx.deck.getSlidesElement();
    if (slides && !this.layer.isConnected) slides.append(this.layer); // the dev server may replace the slides
    const key = currentSlideKey(this.ctx.deck);
    const step = currentStep(this.ctx.deck);
    const shown = key ? this.ctx.model.strokesOf(key).filter((s) => s.step <= step) : [];
    const elements = shown.map((stroke) => {
      const el = strokeElement(document, stroke, true, this.paths.get(stroke));
      this.paths.set(stroke, el.getAttribute("d")!);
      return el;
    });
    this.strokes.replaceChildren(...elements);
    if (this.gesture?.kind === "draw") this.strokes.append(this.gesture.live);
  }

  private bind(): void {
    const { deck, model } = this.ctx;
    const render = (): void => this.render();
    for (const type of ["slidechanged", "fragmentshown", "fragmenthidden", "ready"]) {
      deck.on(type, render);
      this.cleanups.push(() => deck.off(type, render));
    }
    this.cleanups.push(model.subscribe(() => this.sync()));
    const keydown = (event: KeyboardEvent): void => this.onKey(event);
    document.addEventListener("keydown", keydown);
    this.cleanups.push(() => document.removeEventListener("keydown", keydown));
    const svg = this.svg;
    const down = (e: PointerEvent): void => this.onDown(e);
    const move = (e: PointerEvent): void => this.onMove(e);
    const up = (e: PointerEvent): void => this.onUp(e);
    const listeners: [string, EventListener][] = [
      ["pointerdown", down as EventListener],
      ["pointermove", move as EventListener],
      ["pointerup", up as EventListener],
      ["pointercancel", up as EventListener],
    ];
    for (const [type, listener] of listeners) svg.addEventListener(type, listener);
    this.cleanups.push(() => listeners.forEach(([type, listener]) => svg.removeEventListener(type, listener)));
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.ctx.state.active || !(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) this.ctx.model.undo();
    else if (key === "y" || (key === "z" && event.shiftKey)) this.ctx.model.redo();
    else return;
    event.preventDefault();
  }

  /** The pointer's place in slide coordinates, clamped to the frame. */
  private point(e: PointerEvent): [number, number, number] {
    const box = this.svg.getBoundingClientRect();
    const x = Math.min(FRAME.width, Math.max(0, ((e.clientX - box.left) / box.width) * FRAME.width));
    const y = Math.min(FRAME.height, Math.max(0, ((e.clientY - box.top) / box.height) * FRAME.height));
    // only a pen measures pressure; a mouse reports 0.5 while pressed, a finger varies
    const pressure = e.pointerType === "pen" && e.pressure > 0 ? e.pressure : 0.5;
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10, Math.round(pressure * 100) / 100];
  }

  private onDown(e: PointerEvent): void {
    const { state, model, deck } = this.ctx;
    if (!state.active || this.gesture || (e.pointerType === "mouse" && e.button !== 0 && e.button !== 5)) return;
    const slide = currentSlideKey(this.ctx.deck);
    if (!slide) return;
    e.stopPropagation();
    e.preventDefault();
    this.svg.setPointerCapture(e.pointerId);
    // a pen's eraser end (button 5) erases whatever tool is chosen
    if (state.tool === "eraser" || e.button === 5) {
      this.gesture = { kind: "erase", slide, erased: [] };
      this.erase(e);
      return;
    }
    const tool = state.tool === "highlighter" ? HIGHLIGHTER : PEN;
    const stroke: Stroke = { id: model.nextId(), step: currentStep(deck), tool, color: state.color, size: tool === HIGHLIGHTER ? HIGHLIGHTER_SIZE : PEN_SIZE, points: this.point(e) };
    const live = strokeElement(document, stroke, false);
    this.gesture = { kind: "draw", slide, stroke, live };
    this.strokes.append(live);
  }

  private onMove(e: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture) return;
    e.stopPropagation();
    if (gesture.kind === "erase") return this.erase(e);
    const points = gesture.stroke.points;
    for (const event of e.getCoalescedEvents?.() ?? [e]) {
      if (points.length >= 3 * DRAWING_LIMITS.maxPoints) break;
      const p = this.point(event);
      const n = points.length;
      if (Math.hypot(p[0] - points[n - 3], p[1] - points[n - 2]) >= MIN_STEP) points.push(...p);
    }
    gesture.live.setAttribute("d", strokePath(gesture.stroke, false));
  }

  private onUp(e: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture) return;
    e.stopPropagation();
    this.gesture = undefined;
    if (this.svg.hasPointerCapture(e.pointerId)) this.svg.releasePointerCapture(e.pointerId);
    if (gesture.kind === "erase") {
      this.ctx.model.erase(gesture.slide, gesture.erased);
      return;
    }
    gesture.live.remove();
    if (!this.ctx.model.draw(gesture.slide, gesture.stroke)) this.toolbar.say("This slide holds as many strokes as a drawing may: erase or clear some first.");
  }

  /** The eraser under the pointer: every shown stroke it touches goes (for good on up). */
  private erase(e: PointerEvent): void {
    const gesture = this.gesture;
    if (gesture?.kind !== "erase") return;
    const [x, y] = this.point(e);
    const step = currentStep(this.ctx.deck);
    for (const stroke of this.ctx.model.strokesOf(gesture.slide)) {
      if (stroke.step <= step && !gesture.erased.includes(stroke.id) && touches(stroke, x, y, ERASER_RADIUS)) {
        gesture.erased.push(stroke.id);
        this.strokes.querySelector(`[data-stroke-id="${stroke.id}"]`)?.remove();
      }
    }
  }
}

export function createDrawingView(ctx: DrawingContext): DrawingView {
  return new DrawingView(ctx);
}
