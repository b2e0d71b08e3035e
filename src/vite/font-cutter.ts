// The process that cuts KaTeX's fonts to a deck's characters: subset-font, in the build's
// WebAssembly tools' worker, whose memory goes back when it ends. (Started before the
// compiler loads, on a cold build, it made the benchmark deck's build no faster: the two
// cores were busy either way.)
import { WasmTools } from "../io/wasm-tools.ts";

/** subset-font's WebAssembly (HarfBuzz, the woff2 encoder) run by V8's baseline compiler
 * only: optimising it in the background cost ≈1 s of CPU for a dozen fonts, three times
 * what running them takes (subset-font alone, timed with /usr/bin/time). */
const WASM_BASELINE_ONLY = ["--liftoff-only"] as const;

/** A font cutter, whose process starts on its first request and ends with its last. */
export const fontCutter = (): WasmTools => new WasmTools({ preload: "subset", execArgv: WASM_BASELINE_ONLY });
