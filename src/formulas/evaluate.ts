// Evaluates a parsed formula at one assignment of its index variables, on one example's
// values (by name, as the notation's value references say).
import type { Boundary, FunctionName } from "../author/notation.ts";
import type { Expr } from "./expression.ts";
import { evaluateIndex, type Linear } from "./index-expr.ts";
import type { BoundSymbol } from "./notation-table.ts";
import { add, applyElementwise, diag, isMatrix, divide, fromNested, hadamard, IDENTITY, multiply, negate, norm, power, scalarArgument, transpose, UNDEFINED, ValueError, ZERO, type Value } from "./algebra.ts";

export interface Scope {
  values: Readonly<Record<string, unknown>>;
  boundaries: Readonly<Record<string, Boundary>>;
  /** index variable → its value now (T included) */
  indices: Readonly<Record<string, number>>;
  /** the order \prod multiplies in (the notation states it) */
  product: "later-left" | "as-written";
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const ELEMENTWISE: Readonly<Record<FunctionName | "sqrt", (x: number) => number>> = {
  sigmoid,
  "sigmoid'": (x) => sigmoid(x) * (1 - sigmoid(x)),
  tanh: Math.tanh,
  "tanh'": (x) => 1 - Math.tanh(x) ** 2,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

/** A symbol's value: its name's numbers indexed by its indices, with the boundary rules
 * (index −1 → `before`; one past the end → zero when `after: "zero"`). */
export function lookup(symbol: BoundSymbol, scope: Scope): Value {
  let value: unknown = scope.values[symbol.name];
  if (value === undefined) throw new ValueError(`the example has no value "${symbol.name}"`);
  const boundary = scope.boundaries[symbol.name] ?? {};
  for (const [k, form] of symbol.indices.entries()) {
    const i = evaluateIndex(form, scope.indices);
    if (i === undefined) return UNDEFINED;
    if (!Array.isArray(value)) throw new ValueError(`"${symbol.name}" has no index ${k + 1}`);
    if (i >= 0 && i < value.length) {
      value = value[i];
      continue;
    }
    if (k === 0 && i === -1 && boundary.before) return lookup({ name: boundary.before, indices: symbol.indices.slice(1) }, scope);
    if (k === 0 && i === value.length && boundary.after === "zero") return ZERO;
    return UNDEFINED;
  }
  return fromNested(value);
}

/** softmax of a vector: exp(v − max v) / Σ exp(v − max v). */
function softmax(v: Value): Value {
  if (!isMatrix(v) || (v.cols !== 1 && v.rows !== 1)) return v === UNDEFINED ? UNDEFINED : failSoftmax();
  const top = Math.max(...v.data);
  const e = v.data.map((x) => Math.exp(x - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return { ...v, data: e.map((x) => x / sum) };
}

function failSoftmax(): never {
  throw new ValueError("softmax of something that is not a vector");
}

/** A \sum's or \prod's range holds at most this many steps (examples are small). */
const MAX_RANGE = 10_000;

function range(from: Linear | undefined, to: Linear | undefined, scope: Scope): number[] | undefined {
  const first = from ? evaluateIndex(from, scope.indices) : 0;
  const last = to ? evaluateIndex(to, scope.indices) : (scope.indices.T ?? 0) - 1;
  if (first === undefined || last === undefined) return undefined;
  if (last - first + 1 > MAX_RANGE) throw new ValueError(`a range of ${last - first + 1} steps (at most ${MAX_RANGE})`);
  return last < first ? [] : Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case "number":
      return expr.value;
    case "index": {
      const v = evaluateIndex(expr.form, scope.indices);
      return v === undefined ? UNDEFINED : v;
    }
    case "symbol":
      return lookup(expr.symbol, scope);
    case "sum":
      return expr.terms.reduce<Value>((acc, t) => add(acc, t.sign === 1 ? evaluate(t.expr, scope) : negate(evaluate(t.expr, scope))), ZERO);
    case "product": {
      const [a, b] = [evaluate(expr.left, scope), evaluate(expr.right, scope)];
      return expr.op === "odot" ? hadamard(a, b) : multiply(a, b, expr.op === "cdot");
    }
    case "transpose":
      return transpose(evaluate(expr.expr, scope));
    case "power":
      return power(evaluate(expr.base, scope), evaluate(expr.exponent, scope));
    case "divide":
      return divide(evaluate(expr.numerator, scope), evaluate(expr.denominator, scope));
    case "norm":
      return norm(evaluate(expr.expr, scope), expr.name);
    case "abs":
      return applyElementwise(evaluate(expr.expr, scope), Math.abs);
    case "call":
      return call(expr.fn, expr.args.map((a) => evaluate(a, scope)));
    case "bigop":
      return bigop(expr, scope);
  }
}

function call(fn: string, args: Value[]): Value {
  if (args.some((a) => a === UNDEFINED)) return UNDEFINED;
  if (fn === "tuple") throw new ValueError("a list in parentheses is only an argument list");
  if ((fn === "min" || fn === "max") !== args.length > 1) throw new ValueError(fn === "min" || fn === "max" ? `${fn} takes two or more arguments` : `${fn} takes one argument, not ${args.length}`);
  if (fn === "diag") return diag(args[0]);
  if (fn === "softmax") return softmax(args[0]);
  if (fn === "min" || fn === "max") {
    const numbers = args.map((a) => scalarArgument(a, fn));
    return fn === "min" ? Math.min(...numbers) : Math.max(...numbers);
  }
  const f = ELEMENTWISE[fn as FunctionName];
  if (!f) throw new ValueError(`unknown function ${fn}`);
  return applyElementwise(args[0], f);
}

/** \sum adds its body over the range; \prod multiplies in the order the notation states
 * ("later-left": M_b ⋯ M_a, as backpropagation applies them; "as-written": M_a ⋯ M_b). */
function bigop(expr: Extract<Expr, { kind: "bigop" }>, scope: Scope): Value {
  const steps = range(expr.from, expr.to, scope);
  if (!steps) return UNDEFINED;
  let acc: Value = expr.op === "sum" ? ZERO : IDENTITY;
  for (const j of steps) {
    const v = evaluate(expr.body, { ...scope, indices: { ...scope.indices, [expr.variable]: j } });
    acc = expr.op === "sum" ? add(acc, v) : scope.product === "later-left" ? multiply(v, acc) : multiply(acc, v);
  }
  return acc;
}
