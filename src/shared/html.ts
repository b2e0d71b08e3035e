// Small HTML pieces both the build and the browser write: escaping, and a snippet's table.
import type { DeckValue } from "./deck-values.ts";

/** Text made safe for HTML content and for double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A table value as a real <table>; `cell` renders one header or body cell. */
export function tableHtml(value: Extract<DeckValue, { __deck: "table" }>, cell: (c: string | number) => string): string {
  const head = `<thead><tr>${value.header.map((h) => `<th>${cell(h)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${value.rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join("")}</tr>`).join("")}</tbody>`;
  const caption = value.caption ? `<caption>${escapeHtml(value.caption)}</caption>` : "";
  return `<table class="snippet-table">${caption}${head}${body}</table>`;
}
