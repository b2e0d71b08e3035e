// The worker process for the build's WebAssembly tools — zstd, for the offline file (the
// fonts are cut in the runtime bundler's own process). A WebAssembly instance's memory only
// ever grows, and zstd's grows to tens of MiB; in a process that ends when its work is done
// (wasm-tools.ts), that memory goes back to the system instead of staying with the build
// until it exits (a thread's would: the process keeps what its threads' allocations grew to).
import type { WasmToolReply, WasmToolRequest } from "./wasm-tools.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone

// loaded as the process starts (the build may start it before it has anything to pack)
const zstd = import("@hpcc-js/wasm-zstd").then(({ Zstd }) => Zstd.load());
zstd.catch(() => undefined); // the first request that needs it says so

async function answer(request: WasmToolRequest): Promise<Uint8Array> {
  if (request.tool !== "zstd") throw new Error(`no tool named ${String(request.tool)}`);
  return (await zstd).compress(request.data, request.level);
}

const reply = (message: WasmToolReply): void => void process.send!(message);
process.on("message", (request: WasmToolRequest) => {
  answer(request).then(
    (bytes) => reply({ id: request.id, bytes }),
    (error: unknown) => reply({ id: request.id, error: String((error as Error)?.message ?? error) }),
  );
});
