// TeX spelled for a message: δf̄ᵗ rather than \delta\bar{\mathbf{f}}^{t}. Best effort for
// the deck's notation; anything it does not know stays as TeX.
const SYMBOLS: Readonly<Record<string, string>> = {
  "\\delta": "δ", "\\Delta": "Δ", "\\sigma": "σ", "\\partial": "∂", "\\odot": " ⊙ ", "\\cdot": "·", "\\top": "ᵀ",
  "\\prime": "′", "\\ast": "∗", "\\star": "⋆", "\\tau": "τ", "\\phi": "φ", "\\theta": "θ", "\\varepsilon": "ε",
  "\\lVert": "‖", "\\rVert": "‖", "\\leq": " ≤ ", "\\geq": " ≥ ", "\\sum": "Σ", "\\prod": "∏", "\\tanh": "tanh",
};
const SUPERSCRIPT: Readonly<Record<string, string>> = { t: "ᵗ", k: "ᵏ", j: "ʲ", T: "ᵀ", "0": "⁰", "1": "¹", "2": "²", "3": "³", "-": "⁻", "+": "⁺", i: "ⁱ", n: "ⁿ", "⟨": "", "⟩": "" };
/** a superscript already spelled (ᵀ from \\top) stays as it is */
const SUPERSCRIPT_CHARS: Readonly<Record<string, string>> = { ...SUPERSCRIPT, "ᵀ": "ᵀ", "′": "′" };
const SUBSCRIPT: Readonly<Record<string, string>> = { t: "ₜ", k: "ₖ", j: "ⱼ", "0": "₀", "1": "₁", "2": "₂", "-": "₋", "+": "₊", i: "ᵢ", h: "ₕ", o: "ₒ", x: "ₓ", n: "ₙ", a: "ₐ", e: "ₑ", l: "ₗ", m: "ₘ", p: "ₚ", r: "ᵣ", s: "ₛ", u: "ᵤ", v: "ᵥ" };

function script(text: string, table: Readonly<Record<string, string>>, mark: string): string {
  const chars = [...text];
  if (chars.every((c) => c in table)) return chars.map((c) => table[c]).join("");
  return chars.length === 1 ? `${mark}${text}` : `${mark}(${text})`;
}

export function readable(tex: string): string {
  // thin and negative spaces (\, \; \!) are typesetting, not symbols
  let out = tex.replace(/\\[,;:!]/g, " ").replace(/\\([A-Za-z]+)(?![A-Za-z]) ?/g, (m, name: string) => SYMBOLS[`\\${name}`] ?? m);
  // innermost first: a group with no braces inside is rewritten, until none is left
  for (let before = ""; before !== out; ) {
    before = out;
    out = out
      .replace(/\^\{([^{}]*)\}/g, (_m, s: string) => script(s, SUPERSCRIPT, "^"))
      .replace(/_\{([^{}]*)\}/g, (_m, s: string) => script(s, SUBSCRIPT, "_"))
      .replace(/\\(?:mathbf|mathrm|operatorname|text)\{([^{}]*)\}/g, "$1")
      .replace(/\\bar\{([^{}]*)\}/g, (_m, x: string) => `${x}\u0304`)
      .replace(/\\tilde\{([^{}]*)\}/g, (_m, x: string) => `${x}\u0303`)
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2")
      .replace(/\\pd\{([^{}]*)\}\{([^{}]*)\}/g, "∂$1/∂$2"); // the deck's partial derivative
  }
  // a one-character script written without braces (R_z^\top)
  out = out.replace(/\^([^\s{}\\])/g, (_m, s: string) => script(s, SUPERSCRIPT_CHARS, "^")).replace(/_([A-Za-z0-9])/g, (_m, s: string) => script(s, SUBSCRIPT, "_"));
  return out.replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
}

export function formatNumbers(values: readonly number[] | undefined, digits = 6): string {
  if (!values) return "0";
  const shown = values.map((v) => Number(v.toPrecision(digits)).toString().replace("-", "−"));
  return values.length === 1 ? shown[0] : `[${shown.join(", ")}]`;
}

/** A scalar, a vector [a, b] or a matrix [a, b; c, d], at `digits` significant digits. */
export function formatValue(value: number | number[] | number[][], digits = 4): string {
  if (typeof value === "number") return formatNumbers([value], digits);
  if (value.every((v) => typeof v === "number")) return formatNumbers(value as number[], digits);
  return `[${(value as number[][]).map((row) => formatNumbers(row, digits).replace(/^\[|\]$/g, "")).join("; ")}]`;
}
