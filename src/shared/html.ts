// Small HTML pieces both the build and the browser write: escaping, and a snippet's table.

/** Text made safe for HTML content and for double-quoted attributes. */
/** JSON safe inside <script>: no "</script>" or "<!--" can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A table value as a real <table>; `cell` renders one header or body cell, told its row
 * (−1 for the header) and column. */
/** A table as a snippet gives it (`table(…)` of @deck/snippet). */
export interface TableData {
  header: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  caption?: string;
}

export function tableHtml(value: TableData, cell: (c: string | number, row: number, col: number) => string): string {
  const head = `<thead><tr>${value.header.map((h, col) => `<th>${cell(h, -1, col)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${value.rows.map((r, row) => `<tr>${r.map((c, col) => `<td>${cell(c, row, col)}</td>`).join("")}</tr>`).join("")}</tbody>`;
  const caption = value.caption ? `<caption>${escapeHtml(value.caption)}</caption>` : "";
  return `<table class="snippet-table">${caption}${head}${body}</table>`;
}
