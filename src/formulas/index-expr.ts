// Index arithmetic: a time index like t, t-1, t+1, T-1, k+1 or -1 as a linear form over
// index variables (T, the number of steps, is one of them).

export interface Linear {
  constant: number;
  /** variable → coefficient */
  terms: Record<string, number>;
}

/** Parses "t-1", "T-1", "-1", "t-k", "j"; undefined when it is not such an expression or
 * names a letter that is not in `variables`. */
export function parseIndex(text: string, variables: ReadonlySet<string>): Linear | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!/^[+-]?([A-Za-z]|\d+)([+-]([A-Za-z]|\d+))*$/.test(compact)) return undefined;
  const out: Linear = { constant: 0, terms: {} };
  for (const [, sign, term] of compact.matchAll(/([+-]?)([A-Za-z]|\d+)/g)) {
    const s = sign === "-" ? -1 : 1;
    if (/^\d+$/.test(term)) out.constant += s * Number(term);
    else if (variables.has(term) || term === "T") out.terms[term] = (out.terms[term] ?? 0) + s;
    else return undefined;
  }
  return out;
}

export function evaluateIndex(form: Linear, values: Readonly<Record<string, number>>): number | undefined {
  let sum = form.constant;
  for (const [name, coefficient] of Object.entries(form.terms)) {
    const v = values[name];
    if (v === undefined) return undefined;
    sum += coefficient * v;
  }
  return sum;
}

/** `form` with each variable replaced by a linear form of other variables. */
export function substitute(form: Linear, bindings: Readonly<Record<string, Linear>>): Linear {
  const out: Linear = { constant: form.constant, terms: {} };
  for (const [name, coefficient] of Object.entries(form.terms)) {
    const b = bindings[name];
    if (!b) {
      out.terms[name] = (out.terms[name] ?? 0) + coefficient;
      continue;
    }
    out.constant += coefficient * b.constant;
    for (const [n, c] of Object.entries(b.terms)) out.terms[n] = (out.terms[n] ?? 0) + coefficient * c;
  }
  return out;
}

export function sameIndex(a: Linear, b: Linear): boolean {
  if (a.constant !== b.constant) return false;
  const names = new Set([...Object.keys(a.terms), ...Object.keys(b.terms)]);
  return [...names].every((n) => (a.terms[n] ?? 0) === (b.terms[n] ?? 0));
}

export function variablesOf(form: Linear): string[] {
  return Object.entries(form.terms).filter(([n, c]) => c !== 0 && n !== "T").map(([n]) => n);
}
