// The routes by which the error reaches a step, as the deck names them — and, for the
// "break a route" slides, a backward pass with some of them left out: the gradient without
// that route, which finite differences then show to be wrong. The routes of each cell:
//   rnn   loss (∂Lᵗ/∂hᵗ), recurrent (W_hhᵀ δaᵗ⁺¹)
//   lstm  into δyᵗ: loss (Δᵗ), recurrent-z/-i/-f/-o (R∗ᵀ δ∗̄ᵗ⁺¹, one per gate);
//         into δcᵗ: cell (δcᵗ⁺¹ ⊙ fᵗ⁺¹), besides the route through yᵗ
// A route is left out where it leaves the step it comes from, outside the backward step
// itself (the code the deck shows stays as it is).
//   gru   loss, straight (δhᵗ⁺¹ ⊙ zᵗ⁺¹), recurrent-r/-z/-n (through W_hr, W_hz, W_hn)
import type { CellKind } from "./case.ts";

export const ROUTES = {
  rnn: ["loss", "recurrent"],
  lstm: ["loss", "recurrent-z", "recurrent-i", "recurrent-f", "recurrent-o", "cell"],
  gru: ["loss", "straight", "recurrent-r", "recurrent-z", "recurrent-n"],
} as const;

export type RnnRoute = (typeof ROUTES.rnn)[number];
export type LstmRoute = (typeof ROUTES.lstm)[number];
export type GruRoute = (typeof ROUTES.gru)[number];
export type Route = RnnRoute | LstmRoute | GruRoute;

/** Options of a backward pass: routes left out (default: none — the true gradient). */
export interface BackwardOptions<R extends Route = Route> {
  drop?: readonly R[];
}

/** The routes `names` for `cell`, or an error naming the first it does not have. */
export function routesOf(cell: CellKind, names: readonly string[]): Route[] {
  const known: readonly string[] = ROUTES[cell];
  for (const name of names) if (!known.includes(name)) throw new RangeError(`${cell} has no route "${name}" (its routes: ${known.join(", ")})`);
  return names as Route[]; // each one checked against the cell's routes just above
}
