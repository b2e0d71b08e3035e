// The gradient module's public API. Pure TypeScript on Float64Array: no Node, no DOM.
export { parseCase, CaseError, GATE_BLOCKS, type Case, type CellKind } from "./case.ts";
export { evaluateCase, caseLoss, casePreactivations, totalDerivative, type CaseResult, type GateRows, type GruGateRows } from "./evaluate.ts";
export { gruForward, gruBackward, GRU_GATES, type GruCache, type GruDeltas, type GruOut } from "./gru.ts";
export { rnnForward, rnnBackward, type RnnCache, type RnnDeltas } from "./rnn.ts";
export { lstmForward, lstmBackward, LSTM_GATES, type LstmCache, type LstmDeltas, type LstmGrads, type LstmOut } from "./lstm.ts";
export { evaluateLoss, type Loss } from "./loss.ts";
export { numericGradient, relError, maxRelError, gradCheck, type GradCheckResult } from "./gradcheck.ts";
export { zeros, fromRows, toRows, row, cloneMatrix, matMul, transpose, sigmoid, type Matrix } from "./tensor.ts";
export type { CellParams, CellGrads, Nudge } from "./affine.ts";
export { drawCase, isSeed, MAX_SEED, mulberry32 } from "./draw.ts";
export { ROUTES, routesOf, type Route, type RnnRoute, type LstmRoute, type GruRoute, type BackwardOptions } from "./routes.ts";
