// `{#id .class key=value}` after a fence's info string (markdown-it-attrs) lands on the
// element the fence becomes: classes are added to the element's own (never a second class
// attribute, which HTML would drop), other attributes set or replace.
import type { Token } from "markdown-it";
import { escapeHtml } from "../../shared/html.ts";

/** The attributes of the opening tag of `tag` with `baseClass`, merged with the token's;
 * `lastClass` goes after the token's classes. */
export function openTag(tag: string, baseClass: string, token: Token, extra: Record<string, string> = {}, lastClass = ""): string {
  const attrs = new Map<string, string>([["class", baseClass], ...Object.entries(extra)]);
  for (const [name, value] of token.attrs ?? []) {
    if (name === "class") attrs.set("class", [attrs.get("class"), String(value)].filter(Boolean).join(" "));
    else attrs.set(name, String(value));
  }
  if (lastClass) attrs.set("class", [attrs.get("class"), lastClass].filter(Boolean).join(" "));
  return `<${tag}${[...attrs].map(([n, v]) => ` ${n}="${escapeHtml(v)}"`).join("")}>`;
}

/** `html` (which starts with one element, e.g. shiki's <pre class="shiki …">) with the
 * token's attributes merged into that first tag. */
export function mergeIntoFirstTag(html: string, token: Token): string {
  if (!token.attrs?.length) return html;
  const m = /^<([a-z]+)([^>]*)>/.exec(html);
  if (!m) return html;
  let attributes = m[2];
  for (const [name, value] of token.attrs) {
    const existing = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
    const merged = name === "class" && existing ? `${existing[1]} ${value}` : value;
    const attribute = ` ${name}="${escapeHtml(String(merged))}"`;
    attributes = existing ? attributes.replace(existing[0], attribute) : attributes + attribute;
  }
  return `<${m[1]}${attributes}>${html.slice(m[0].length)}`;
}
