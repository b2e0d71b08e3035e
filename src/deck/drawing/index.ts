// The drawing layer as a reveal.js plugin (`Reveal.getPlugin("drawing")`): its API, the D
// key, the toggle button and the drawings kept per deck and build. This part is always
// loaded and small; the layer itself (perfect-freehand, the SVG, pointer input, the tools)
// is imported when drawing starts or when there are strokes to show.
import type { RevealApi } from "reveal.js";
import { ANNOTATIONS_GLOBAL, DrawingFormatError, parseDrawingChange, slideKey, SLIDE_KEY_ATTRIBUTE, type CheckedDrawingChange, type DrawingApi, type DrawingChange, type DrawingDocument } from "../../shared/drawing-format.ts";
import type { DrawingContext, DrawingState } from "./context.ts";
import { DrawingModel } from "./model.ts";
import { currentSlideKey, slideKeyOf } from "./slide-key.ts";
import { drawingStore, type DrawingStore } from "./storage.ts";
import { iconButton } from "./toolbar-button.ts";
import type { DrawingView } from "./view.ts";
import "./drawing.css";

export interface DrawingPluginOptions {
  /** the deck's name (file names, the storage key) */
  deckName: string;
  /** the build's id (the storage key): drawings of another build stay with it */
  buildId: string;
  /** default: window.localStorage */
  storage?: Storage;
}

export interface DrawingPlugin extends DrawingApi {
  id: "drawing";
  /** the room's changes, checked as its messages came in */
  applyChecked(change: CheckedDrawingChange): void;
  init(deck: RevealApi): Promise<void>;
  destroy(): void;
}

/** D, as reveal.js's help overlay (?) lists it */
const KEY: Readonly<{ keyCode: number; key: string; description: string }> = { keyCode: 68, key: "D", description: "Draw on the slide (pen, highlighter, eraser; Ctrl+Z undoes)" };

function parseJson(json: unknown): unknown {
  if (typeof json !== "string") return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new DrawingFormatError("document", `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

class DrawingLayerPlugin implements DrawingPlugin {
  readonly id = "drawing";
  private readonly model = new DrawingModel();
  private readonly state: DrawingState = { active: false, readOnly: false, tool: "pen", color: 1 };
  private deck: RevealApi | undefined;
  private view: Promise<DrawingView | undefined> | undefined;
  private toolbar: HTMLElement | undefined;
  private store: DrawingStore | undefined;
  private printing = false;
  private saving = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: DrawingPluginOptions) {
    // every change is kept (once per task, however many strokes an action touched) — but
    // not on a read-only page (the audience's): what it shows is the room's, which gives it
    // back on a reload, and it would write the whole document for every stroke it is sent
    this.model.subscribe(() => {
      if (!this.state.readOnly && !this.saving) {
        this.saving = true;
        queueMicrotask(() => {
          this.saving = false;
          this.store?.write(this.model.toJSON());
        });
      }
      if (!this.model.isEmpty) void this.loadView();
    });
  }

  async init(deck: RevealApi): Promise<void> {
    this.deck = deck;
    this.printing = deck.getConfig().view === "print";
    this.store = drawingStore(this.options.storage ?? globalThis.localStorage, this.options.deckName, this.options.buildId);
    if (this.printing) return preparePrint(deck, this.model, this.store);
    restore(this.model, this.store);
    const toolbar = toolbarShell(deck, () => this.toggle());
    this.toolbar = toolbar;
    deck.addKeyBinding(KEY, () => this.toggle());
    const off = (): void => void this.toggle(false);
    deck.on("overviewshown", off);
    this.cleanups.push(() => deck.off("overviewshown", off), () => deck.removeKeyBinding(KEY.keyCode), () => toolbar.remove());
    this.sync();
    if (!this.model.isEmpty) await this.loadView(); // stored strokes are on their slides when the deck is ready
  }

  destroy(): void {
    this.cleanups.forEach((c) => c());
    void this.view?.then((v) => v?.destroy());
  }

  toggle(on?: boolean): boolean {
    const deck = this.deck;
    const allowed = !!deck && !this.printing && !this.state.readOnly && !(deck as RevealApi & { isScrollView?(): boolean }).isScrollView?.() && !deck.isOverview();
    this.state.active = allowed && (on ?? !this.state.active);
    if (this.state.active) void this.loadView();
    this.sync();
    return this.state.active;
  }

  clear(slide?: string): void {
    const key = slide === undefined ? this.deck && currentSlideKey(this.deck) : slideKey(slide, "slide");
    if (key) this.model.clear(key);
  }

  toJSON(): DrawingDocument {
    return this.model.toJSON();
  }

  load(json: DrawingDocument | string): void {
    this.model.load(parseJson(json));
  }

  onChange(listener: (change: DrawingChange) => void): () => void {
    return this.model.subscribe((change, local) => {
      if (local) listener(change);
    });
  }

  apply(change: DrawingChange): void {
    this.model.apply(parseDrawingChange(change));
  }

  /** The room's changes, checked as its messages came in (not in DrawingApi: a script has
   * apply, which checks). */
  applyChecked(change: CheckedDrawingChange): void {
    this.model.apply(change);
  }

  setReadOnly(readOnly: boolean): void {
    this.state.readOnly = readOnly;
    if (readOnly) this.state.active = false;
    this.sync();
  }

  private sync(): void {
    this.toolbar?.querySelector(".drawing-toggle")?.setAttribute("aria-pressed", String(this.state.active));
    if (this.toolbar) this.toolbar.hidden = this.state.readOnly;
    void this.view?.then((v) => v?.sync());
  }

  /** The layer, imported and set up once (not in print, which draws on its pages). */
  private loadView(): Promise<DrawingView | undefined> {
    const { deck, toolbar } = this;
    if (!deck || !toolbar || this.printing) return Promise.resolve(undefined);
    const context: DrawingContext = { deck, model: this.model, state: this.state, toolbar, load: (json) => this.model.load(parseJson(json)), deckName: this.options.deckName };
    this.view ??= import("./view.ts").then(({ createDrawingView }) => createDrawingView(context)).catch((error: unknown) => {
      console.error("the drawing layer failed to load:", error);
      return undefined;
    });
    return this.view;
  }
}

export function createDrawingPlugin(options: DrawingPluginOptions): DrawingPlugin {
  return new DrawingLayerPlugin(options);
}

/** The stored drawings of this deck and build, if any and valid. */
function restore(model: DrawingModel, store: DrawingStore): void {
  const stored = store.read();
  if (stored === undefined) return;
  try {
    model.load(stored, false);
  } catch (error) {
    console.warn(`stored drawings ignored: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The print view: each slide stamped with its key while reveal.js still knows its place;
 * the strokes to print (those `npm run pdf -- --annotations` gave the page, else the stored
 * ones) drawn onto the pages once they are laid out. */
async function preparePrint(deck: RevealApi, model: DrawingModel, store: DrawingStore): Promise<void> {
  for (const section of deck.getSlides()) section.setAttribute(SLIDE_KEY_ATTRIBUTE, slideKeyOf(deck, section));
  const given = (globalThis as Record<string, unknown>)[ANNOTATIONS_GLOBAL];
  if (given === undefined) restore(model, store);
  else {
    try {
      model.load(given, false);
    } catch (error) {
      // npm run pdf checks the file before; whatever else put it there, the deck still prints
      console.error(`annotations not printed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (model.isEmpty) return;
  const { drawOnPages } = await import("./print.ts");
  deck.on("pdf-ready", () => drawOnPages(document, model));
}

/** The toolbar as it is before anything is drawn: one toggle button, top right. */
function toolbarShell(deck: RevealApi, toggle: () => void): HTMLElement {
  const toolbar = document.createElement("div");
  toolbar.className = "drawing-toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Drawing");
  const button = iconButton(document, "pen", "Draw on the slides (D)", "drawing-toggle");
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("click", toggle);
  toolbar.append(button);
  deck.getRevealElement()?.append(toolbar);
  return toolbar;
}
