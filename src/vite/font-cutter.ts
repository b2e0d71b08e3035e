// The process that cuts KaTeX's fonts to a deck's characters: subset-font, in the build's
// WebAssembly tools' worker, whose memory goes back when it ends. (Started before the
// compiler loads, on a cold build, it made the benchmark deck's build no faster: the two
// cores were busy either way.)
import { WasmTools } from "../io/wasm-tools.ts";

/** subset-font's WebAssembly (HarfBuzz, the woff2 encoder) run by V8's baseline compiler
 * only: optimising it in the background cost ≈1 s of CPU for a dozen fonts, three times
 * what running them takes (subset-font alone, timed with /usr/bin/time). A build's packing
 * in the same process runs so too: the same CPU for this deck's slides, 7-Zip 0.07 s longer
 * (1.14x); a process started to pack (the fonts kept from the last build) optimises. */
const WASM_BASELINE_ONLY = ["--liftoff-only"] as const;

/** A font cutter, whose process starts on its first request and ends with its last (a
 * build packs its offline file with it too: build.ts). */
export const fontCutter = (): WasmTools => new WasmTools({ preload: "subset", execArgv: { subset: WASM_BASELINE_ONLY } });
