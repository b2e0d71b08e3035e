// The toolbar's buttons: an icon, a name for screen readers and a tooltip.

/** 24×24 line icons (stroked with the text colour). */
export const ICONS = {
  pen: "M4 20l1-4L16 5l3 3L8 19zM14 7l3 3",
  highlighter: "M9 15l-3-3 9-9 3 3zM6 12l-2 5 5-2M3 21h18",
  eraser: "M8 20h12M4 15l9-9 6 6-7 8H8zM9 10l6 6",
  undo: "M9 5L4 10l5 5M4 10h10a5 5 0 0 1 0 10h-3",
  redo: "M15 5l5 5-5 5M20 10H10a5 5 0 0 0 0 10h3",
  clear: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
  export: "M12 3v12M7 10l5 5 5-5M4 20h16",
  import: "M12 15V3M7 8l5-5 5 5M4 20h16",
} as const;

export function iconButton(doc: Document, icon: keyof typeof ICONS, label: string, className = ""): HTMLButtonElement {
  const button = doc.createElement("button");
  button.type = "button";
  button.className = `drawing-button ${className}`.trim();
  button.setAttribute("aria-label", label);
  button.title = label;
  button.innerHTML = `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="${ICONS[icon]}"/></svg>`;
  return button;
}
