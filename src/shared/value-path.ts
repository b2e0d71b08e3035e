// Reading a number by its dotted path — "deltas.c.1.0" into the grad CLI's output, "terms.1"
// into an example record — the same way in the build and in the browser.

/** Follows a dotted path; a key may itself contain dots ("deltas.c.2" as one key of a
 * record's values), so the longest key that matches wins at each level. */
export function valueAtPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  if (value === null || typeof value !== "object") return undefined;
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (key in (value as Record<string, unknown>)) {
      const found = valueAtPath((value as Record<string, unknown>)[key], parts.slice(n).join("."));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
