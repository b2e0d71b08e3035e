// From KaTeX's tree to an expression the checker can evaluate. The supported constructs
// are a closed list — numbers, bound symbols (slides/notation.ts), + and −, juxtaposition
// (a matrix product), \cdot, \odot, ^\top, powers, fractions, \frac{\partial…}{\partial…}
// as a bound symbol, function application, norms, |·|, \sum and \prod with limits,
// parentheses of every size; \hl, \step and \stepat are transparent and \underbrace labels
// ignored. Anything else is a FormulaError at its place in the source.
import type { Linear } from "./index-expr.ts";
import { parseIndex } from "./index-expr.ts";
import { bindSymbol, type BoundSymbol, type CompiledNotation } from "./notation-table.ts";
import { adjacent, isAtom, peek, splitTopLevelCommas, startsSymbol, type Cursor } from "./cursor.ts";
import { canon, delimiter, isNode, listOf, splice, type TexNode } from "./tex-tree.ts";

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "index"; form: Linear }
  | { kind: "symbol"; symbol: BoundSymbol; nodes: TexNode[]; tex: string }
  | { kind: "sum"; terms: { sign: 1 | -1; expr: Expr }[] }
  | { kind: "product"; op: "juxt" | "cdot" | "odot"; left: Expr; right: Expr }
  | { kind: "transpose"; expr: Expr }
  | { kind: "power"; base: Expr; exponent: Expr }
  | { kind: "divide"; numerator: Expr; denominator: Expr }
  | { kind: "call"; fn: string; args: Expr[] }
  | { kind: "norm"; expr: Expr; name: string }
  | { kind: "abs"; expr: Expr }
  | { kind: "bigop"; op: "sum" | "prod"; variable: string; from?: Linear; to?: Linear; body: Expr };

/** A construct the checker does not support, or a symbol the notation does not know. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly nodes: readonly TexNode[] = [],
  ) {
    super(message);
  }
}

/** Delimiters a formula may group with: opening → closing. */
const PAIRS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "\\lVert": "\\rVert", "\\lvert": "\\rvert", "\\|": "\\|" };

/** Functions every formula may use, besides the notation's own. */
const BUILTIN: Readonly<Record<string, string>> = {
  "\\tanh": "tanh",
  "\\exp": "exp",
  "\\log": "log",
  "\\min": "min",
  "\\max": "max",
  "\\operatorname{diag}": "diag",
  "\\operatorname{softmax}": "softmax",
};

export class ExpressionParser {
  /** every symbol bound while parsing, for showing its value */
  readonly symbols: { nodes: TexNode[]; symbol: BoundSymbol; tex: string }[] = [];

  constructor(
    private readonly notation: CompiledNotation,
    private readonly source: string,
  ) {}

  parse(nodes: readonly TexNode[]): Expr {
    const list = splice(nodes).filter((n) => n.type !== "spacing" && n.type !== "kern");
    if (list.length > 1 && list[list.length - 1].text === ".") list.pop(); // a sentence's full stop
    if (list.length === 0) throw new FormulaError("an empty side", [...nodes]);
    const cursor = { nodes: list, at: 0 };
    const expr = this.sum(cursor);
    if (cursor.at < list.length) throw new FormulaError(`unexpected ${canon(list[cursor.at])}`, [list[cursor.at]]);
    return expr;
  }

  private sum(c: Cursor): Expr {
    const terms: { sign: 1 | -1; expr: Expr }[] = [];
    let sign: 1 | -1 = 1;
    if (isAtom(peek(c), "-")) {
      c.at++;
      sign = -1;
    } else if (isAtom(peek(c), "+")) c.at++;
    terms.push({ sign, expr: this.term(c) });
    for (let n = peek(c); n && (isAtom(n, "+") || isAtom(n, "-")); n = peek(c)) {
      c.at++;
      terms.push({ sign: isAtom(n, "-") ? -1 : 1, expr: this.term(c) });
    }
    return terms.length === 1 && terms[0].sign === 1 ? terms[0].expr : { kind: "sum", terms };
  }

  /** Factors joined by ⊙, ·, × or juxtaposition, left to right. */
  private term(c: Cursor): Expr {
    let left = this.factor(c);
    for (;;) {
      const n = peek(c);
      if (!n || isAtom(n, "+") || isAtom(n, "-") || delimiter(n)?.side === "close" || (n.type === "atom" && n.family === "punct")) return left;
      let op: "juxt" | "cdot" | "odot" = "juxt";
      if (isAtom(n, "\\odot")) op = "odot";
      else if (isAtom(n, "\\cdot")) op = "cdot";
      else if (isAtom(n, "\\times")) throw new FormulaError("\\times is not supported (a scalar product is \\cdot or juxtaposition)", [n]);
      if (op !== "juxt") c.at++;
      left = { kind: "product", op, left, right: this.factor(c) };
    }
  }

  /** A primary with its scripts: a power, a transpose. */
  private factor(c: Cursor): Expr {
    const n = peek(c);
    if (!n) throw new FormulaError("a side ends too early", c.nodes.slice(-1));
    if (n.type === "op" && (n.name === "\\sum" || n.name === "\\prod")) return this.bigop(c, n, undefined);
    if (n.type === "supsub" && isNode(n.base) && n.base.type === "op" && (n.base.name === "\\sum" || n.base.name === "\\prod")) return this.bigop(c, n.base, n);
    return this.primary(c);
  }

  private bigop(c: Cursor, op: TexNode, scripts: TexNode | undefined): Expr {
    c.at++;
    const kind = op.name === "\\sum" ? "sum" : "prod";
    const sub = splice(listOf(scripts?.sub));
    const m = /^([A-Za-z])(?:=(.+))?$/.exec(canon(sub));
    if (!m) throw new FormulaError(`\\${kind} needs its index below it, like _{t=0} or _t`, [op]);
    const variable = m[1];
    const known = new Set([...this.notation.indices, ...this.notation.constants, variable]);
    const from = m[2] === undefined ? undefined : parseIndex(m[2], known);
    const to = scripts?.sup ? parseIndex(canon(splice(listOf(scripts.sup))), known) : undefined;
    if ((m[2] !== undefined && !from) || (scripts?.sup && !to)) throw new FormulaError(`the limits of \\${kind} must be index arithmetic (t, t-1, T-1, 0, …)`, [op]);
    if (kind === "prod" && (!from || !to)) throw new FormulaError("\\prod needs both limits, _{j=a}^{b}", [op]);
    return { kind: "bigop", op: kind, variable, from, to, body: this.term(c) };
  }

  private primary(c: Cursor): Expr {
    const n = c.nodes[c.at];
    if (delimiter(n)?.side === "open") return this.group(c);
    c.at++;
    switch (n.type) {
      case "textord":
      case "mathord":
        if (/^\d$/.test(String(n.text))) return this.number(c, n);
        return this.symbolOrCall(c, [n]);
      case "ordgroup":
        return this.parse(listOf(n.body));
      case "leftright":
        return this.scripted(this.leftRight(n), undefined, [n], String(n.left));
      case "genfrac":
        return this.fraction(c, n);
      case "sqrt":
        if (isNode(n.index)) throw new FormulaError("a root with an index (\\sqrt[n]{…}) is not supported", [n]);
        return { kind: "call", fn: "sqrt", args: [this.parse(listOf(n.body))] };
      case "horizBrace":
        return this.parse(listOf(n.base));
      case "op":
      case "operatorname":
        return this.call(c, canon(n), [n]);
      case "font":
        // \mathbf{0}, \mathbf{1}: a number (a zero or ones vector is the number, broadcast)
        if (/^\d$/.test(canon(listOf(n.body)))) return { kind: "number", value: Number(canon(listOf(n.body))) };
        return this.symbolOrCall(c, [n]);
      case "accent":
        return this.symbolOrCall(c, [n]);
      case "supsub":
        return this.supsub(c, n);
      default:
        // KaTeX spells some commands' expansions with @ (\cdots → \@cdots): name what was written
        throw new FormulaError(`${canon(n).replace(/^\\@/, "\\")} is not supported in a checked formula`, [n]);
    }
  }

  /** Digits written together (not apart by a space: 2\,3 is a product), and 10^{-12}. */
  private number(c: Cursor, first: TexNode): Expr {
    let text = String(first.text);
    let last = first;
    for (let n = peek(c); n; n = peek(c)) {
      const digit = (n.type === "textord" || n.type === "mathord") && /^[\d.]$/.test(String(n.text));
      const power = n.type === "supsub" && isNode(n.base) && /^\d$/.test(String(n.base.text ?? ""));
      if ((!digit && !power) || !adjacent(last, power ? (n.base as TexNode) : n)) break;
      c.at++;
      if (power) return this.withSuperscript({ kind: "number", value: Number(text + String((n.base as TexNode).text)) }, n.sup, [n]);
      text += String(n.text);
      last = n;
    }
    return { kind: "number", value: Number(text) };
  }

  /** The nodes of ( … ), \lVert … \rVert, \bigl( … \bigr) at the cursor, the cursor past it. */
  private readGroup(c: Cursor): { open: string; inner: TexNode[]; nodes: TexNode[] } {
    const start = c.at;
    const open = delimiter(c.nodes[start])!.text;
    if (!PAIRS[open]) throw new FormulaError(`the delimiter ${open} is not supported (supported: ( ), [ ], \\lVert \\rVert, \\lvert \\rvert)`, [c.nodes[start]]);
    let depth = 0;
    let end = start;
    for (; end < c.nodes.length; end++) {
      const d = delimiter(c.nodes[end]);
      if (d) depth += d.side === "open" ? 1 : -1;
      if (depth === 0) break;
    }
    if (end >= c.nodes.length) throw new FormulaError(`${open} is never closed`, [c.nodes[start]]);
    const close = delimiter(c.nodes[end])!.text;
    if (close !== PAIRS[open]) throw new FormulaError(`${open} is closed by ${close}`, [c.nodes[end]]);
    c.at = end + 1;
    return { open, inner: c.nodes.slice(start + 1, end), nodes: [c.nodes[start], c.nodes[end]] };
  }

  private group(c: Cursor): Expr {
    const { open, inner, nodes } = this.readGroup(c);
    return this.scripted(this.parseList(inner), undefined, nodes, open);
  }

  /** A bracketed list, for function arguments: (a, b). */
  private parseList(nodes: TexNode[]): Expr {
    const args = splitTopLevelCommas(nodes);
    if (args.length === 1) return this.parse(args[0]);
    return { kind: "call", fn: "tuple", args: args.map((a) => this.parse(a)) };
  }

  /** What delimiters mean: ‖·‖ a norm, |·| an absolute value, () a group. Scripts on the
   * group (on the closing delimiter, or on \left…\right) are a power, a transpose, or the
   * norm's name. */
  private scripted(inner: Expr, scripts: TexNode | undefined, nodes: TexNode[], open: string): Expr {
    const closing = nodes[nodes.length - 1];
    const sup = scripts?.sup ?? closing.sup;
    const sub = scripts?.sub ?? closing.sub;
    let expr: Expr = inner;
    const norm = open === "\\lVert" || open === "\\|";
    if (norm) expr = { kind: "norm", expr: inner, name: sub ? canon(splice(listOf(sub))) : "" };
    else if (open === "\\lvert" || open === "|") expr = { kind: "abs", expr: inner };
    else if (sub) throw new FormulaError("a subscript on parentheses is not supported", nodes);
    return this.withSuperscript(expr, sup, nodes);
  }

  /** \left( … \right): the same delimiters as the sized ones. */
  private leftRight(n: TexNode): Expr {
    const [open, close] = [String(n.left), String(n.right)];
    if (PAIRS[open] !== close) throw new FormulaError(`\\left${open} … \\right${close} is not supported`, [n]);
    return this.parseList(listOf(n.body));
  }

  private withSuperscript(expr: Expr, sup: unknown, nodes: TexNode[]): Expr {
    if (!isNode(sup)) return expr;
    const text = canon(splice(listOf(sup)));
    if (text === "\\top") return { kind: "transpose", expr };
    const form = parseIndex(text, this.notation.indices);
    if (form) return { kind: "power", base: expr, exponent: Object.keys(form.terms).length === 0 ? { kind: "number", value: form.constant } : { kind: "index", form } };
    return { kind: "power", base: expr, exponent: this.parse(splice(listOf(sup))) };
  }

  private fraction(c: Cursor, n: TexNode): Expr {
    if (n.hasBarLine === false) throw new FormulaError("a fraction without a bar (\\binom) is not supported", [n]);
    const numer = splice(listOf(n.numer));
    if (numer[0] && (numer[0].text === "\\partial" || numer[0].text === "d")) return this.symbolOrCall(c, [n]);
    return { kind: "divide", numerator: this.parse(numer), denominator: this.parse(listOf(n.denom)) };
  }

  /** A supsub: a symbol with indices, a symbol with a power or a transpose, a function
   * with a prime, or a group with scripts. */
  private supsub(c: Cursor, n: TexNode): Expr {
    const base = isNode(n.base) ? n.base : undefined;
    if (base && delimiter(base)?.side === "close") throw new FormulaError(`${canon(base)} without its opening delimiter`, [n]);
    if (base?.type === "leftright") return this.scripted(this.leftRight(base), n, [n], String(base.left));
    if (base?.type === "horizBrace") return this.parse(listOf(base.base)); // \underbrace{…}_{label}
    if (base && (base.type === "op" || base.type === "operatorname")) return this.call(c, canon(n), [n]);
    const sup = isNode(n.sup) ? canon(splice(listOf(n.sup))) : "";
    if (sup === "\\top") {
      const inner = this.symbolOrCall(c, [{ ...n, sup: undefined }]);
      return { kind: "transpose", expr: inner };
    }
    return this.symbolOrCall(c, [n]);
  }

  /** δ followed by a symbol is one symbol (δyᵗ); a symbol followed by ( is a call when the
   * notation says it is a function. */
  private symbolOrCall(c: Cursor, nodes: TexNode[]): Expr {
    const first = nodes[0];
    if ((first.text === "\\delta" || first.text === "\\Delta" || first.text === "d") && peek(c) && startsSymbol(peek(c)!)) {
      const joined = this.tryBind([first, peek(c)!]);
      if (joined) {
        c.at++;
        return joined;
      }
      if (first.text === "\\delta") throw this.unknown([first, peek(c)!]);
    }
    const key = canon(nodes);
    if (this.notation.functions.has(key) || BUILTIN[key]) return this.call(c, key, nodes);
    const bound = this.tryBind(nodes);
    if (bound) return bound;
    // a superscript that is not an index: a power or a transpose of the symbol
    const only = nodes.length === 1 ? nodes[0] : undefined;
    if (only?.type === "supsub" && isNode(only.sup)) {
      const inner = this.tryBind([{ ...only, sup: undefined }]);
      if (inner) return this.withSuperscript(inner, only.sup, nodes);
    }
    if (only && (only.type === "mathord" || only.type === "textord")) {
      const form = parseIndex(String(only.text), this.notation.indices);
      if (form) return { kind: "index", form };
    }
    throw this.unknown(nodes);
  }

  private tryBind(nodes: TexNode[]): Expr | undefined {
    const slots: string[] = [];
    const key = canon(nodes, slots);
    const bound = bindSymbol(this.notation, key, slots);
    if ("miss" in bound) return undefined;
    const tex = canon(nodes);
    this.symbols.push({ nodes, symbol: bound, tex });
    return { kind: "symbol", symbol: bound, nodes, tex };
  }

  private unknown(nodes: TexNode[]): FormulaError {
    const slots: string[] = [];
    const key = canon(nodes, slots);
    const bound = bindSymbol(this.notation, key, slots);
    const near = "miss" in bound && bound.near.length > 0 ? ` (the table has ${bound.near.join(", ")})` : "";
    return new FormulaError(`unknown symbol ${canon(nodes)}: not in the notation table${near}`, nodes);
  }

  /** f(x) or f\left(x\right); a script after the parentheses belongs to f(x): tanh(a)² is
   * (tanh a)², not tanh(a²). */
  private call(c: Cursor, key: string, nodes: TexNode[]): Expr {
    const fn = this.notation.functions.get(key) ?? BUILTIN[key];
    if (!fn) throw new FormulaError(`unknown function ${key}`, nodes);
    const next = peek(c);
    const leftRight = next?.type === "leftright" ? next : next?.type === "supsub" && isNode(next.base) && next.base.type === "leftright" ? next.base : undefined;
    let arg: Expr;
    let scripts: TexNode | undefined;
    if (leftRight) {
      c.at++;
      arg = this.leftRight(leftRight);
      scripts = next !== leftRight ? next : undefined;
    } else if (next && delimiter(next)?.side === "open") {
      const group = this.readGroup(c);
      if (group.open !== "(" && group.open !== "[") throw new FormulaError(`${key} needs its argument in parentheses`, nodes);
      arg = this.parseList(group.inner);
      scripts = group.nodes[1].type === "supsub" ? group.nodes[1] : undefined;
    } else throw new FormulaError(`${key} needs its argument in parentheses`, nodes);
    if (scripts?.sub) throw new FormulaError("a subscript after a function's parentheses is not supported", [scripts]);
    const args = arg.kind === "call" && arg.fn === "tuple" ? arg.args : [arg];
    return this.withSuperscript({ kind: "call", fn, args }, scripts?.sup, nodes);
  }
}
