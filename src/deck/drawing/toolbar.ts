// The drawing tools, shown next to the toggle button while drawing mode is on: pen colours
// (the text colour and the route colours), pen, highlighter, eraser, undo, redo, clear the
// slide, export to a JSON file and import one. Buttons with names and pressed states.
import { DRAWING_COLORS } from "../../shared/drawing-format.ts";
import type { DrawingContext, DrawingTool } from "./context.ts";
import { currentSlideKey } from "./slide-key.ts";
import { iconButton } from "./toolbar-button.ts";

export interface Toolbar {
  sync(): void;
  /** a short message for the presenter (an import that failed, a full slide) */
  say(message: string): void;
  destroy(): void;
}

const TOOLS: readonly { tool: DrawingTool; label: string }[] = [
  { tool: "pen", label: "Pen" },
  { tool: "highlighter", label: "Highlighter" },
  { tool: "eraser", label: "Eraser (removes the strokes it touches)" },
];

export function createToolbar(ctx: DrawingContext, changed: () => void): Toolbar {
  const doc = document;
  const tools = doc.createElement("div");
  tools.className = "drawing-tools";
  const message = doc.createElement("p");
  message.className = "drawing-message";
  message.setAttribute("role", "status");
  const colours = DRAWING_COLORS.map((colour, k) => {
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "drawing-button drawing-colour";
    button.setAttribute("aria-label", `Colour: ${colour.name}`);
    button.title = `Colour: ${colour.name}`;
    button.innerHTML = `<span class="drawing-swatch drawing-c${k}" aria-hidden="true"></span>`;
    button.addEventListener("click", () => {
      ctx.state.color = k;
      if (ctx.state.tool === "eraser") ctx.state.tool = "pen";
      changed();
    });
    return button;
  });
  const toolButtons = TOOLS.map(({ tool, label }) => {
    const button = iconButton(doc, tool, label);
    button.addEventListener("click", () => {
      ctx.state.tool = tool;
      changed();
    });
    return button;
  });
  const undo = iconButton(doc, "undo", "Undo (Ctrl+Z)");
  undo.addEventListener("click", () => ctx.model.undo());
  const redo = iconButton(doc, "redo", "Redo (Ctrl+Y)");
  redo.addEventListener("click", () => ctx.model.redo());
  const clear = iconButton(doc, "clear", "Clear this slide");
  clear.addEventListener("click", () => {
    const key = currentSlideKey(ctx.deck);
    if (key) ctx.model.clear(key);
  });
  const { exportButton, importButton, fileInput } = fileButtons(ctx, (text) => say(text));
  const group = (...items: HTMLElement[]): HTMLElement => {
    const div = doc.createElement("div");
    div.className = "drawing-group";
    div.append(...items);
    return div;
  };
  tools.append(group(...colours), group(...toolButtons), group(undo, redo, clear), group(exportButton, importButton, fileInput), message);
  const toggle = ctx.toolbar.querySelector(".drawing-toggle");
  ctx.toolbar.insertBefore(tools, toggle);

  const say = (text: string): void => {
    message.textContent = text;
  };
  return {
    sync() {
      const { active, tool, color } = ctx.state;
      tools.hidden = !active;
      if (!active) say("");
      colours.forEach((b, k) => b.setAttribute("aria-pressed", String(tool !== "eraser" && k === color)));
      toolButtons.forEach((b, k) => b.setAttribute("aria-pressed", String(TOOLS[k].tool === tool)));
      undo.disabled = !ctx.model.canUndo;
      redo.disabled = !ctx.model.canRedo;
    },
    say,
    destroy: () => tools.remove(),
  };
}

/** Export (a download of the document as JSON) and import (a file picker, then load). */
function fileButtons(ctx: DrawingContext, say: (text: string) => void): { exportButton: HTMLButtonElement; importButton: HTMLButtonElement; fileInput: HTMLInputElement } {
  const doc = document;
  const exportButton = iconButton(doc, "export", "Export the drawings (JSON file)");
  exportButton.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(ctx.model.toJSON())], { type: "application/json" }));
    const link = doc.createElement("a");
    link.href = url;
    link.download = `${ctx.deckName}-drawings.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
  const fileInput = doc.createElement("input");
  fileInput.type = "file";
  fileInput.accept = ".json,application/json";
  fileInput.hidden = true;
  fileInput.setAttribute("aria-label", "Drawings file to import");
  const importButton = iconButton(doc, "import", "Import drawings (replaces these)");
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    try {
      ctx.load(await file.text());
      say(`Imported ${file.name}.`);
    } catch (error) {
      say(`Not imported: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { exportButton, importButton, fileInput };
}
