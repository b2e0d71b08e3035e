// The worker process for the build's WebAssembly tools — 7-Zip's LZMA encoder, for the
// offline file (the fonts are cut in the runtime bundler's own process). A WebAssembly
// instance's memory only ever grows, and 7-Zip's grows to tens of MiB; in a process that
// ends when its work is done (wasm-tools.ts), that memory goes back to the system instead of
// staying with the build until it exits (a thread's would: the process keeps what its
// threads' allocations grew to).
import { rawLzmaOf7z } from "./seven-zip-archive.ts";
import type { WasmToolReply, WasmToolRequest } from "./wasm-tools.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone

// loaded as the process starts (the build may start it before it has anything to pack)
const sevenZip = import("7z-wasm").then(({ default: load }) => load({ print: () => undefined, printErr: () => undefined }));
sevenZip.catch(() => undefined); // the first request that needs it says so

/** `data` packed by 7-Zip as a raw LZMA stream with the request's literal and position
 * parameters, at its best settings: the longest matches it looks for, the binary-tree
 * match finder, a dictionary as large as the data (7-Zip cuts 64 MiB to the data's size). */
async function lzma({ id, data, properties }: WasmToolRequest): Promise<Uint8Array> {
  const { FS, callMain } = await sevenZip;
  const { lc, lp, pb } = properties;
  const [input, archive] = [`/data-${id}`, `/data-${id}.7z`];
  FS.writeFile(input, data);
  try {
    // typed void, but returns main()'s exit status
    const status: unknown = callMain(["a", "-t7z", `-m0=LZMA:d=64m:fb=273:mf=bt4:lc=${lc}:lp=${lp}:pb=${pb}`, "-mhc=off", "-mtm=off", "-mtc=off", "-mta=off", archive, input]);
    if (status !== 0) throw new Error(`7-Zip's LZMA encoder stopped with status ${String(status)}`);
    return rawLzmaOf7z(FS.readFile(archive), properties);
  } finally {
    FS.unlink(input);
    try {
      FS.unlink(archive);
    } catch {
      // not written: 7-Zip stopped first
    }
  }
}

async function answer(request: WasmToolRequest): Promise<Uint8Array> {
  if (request.tool !== "lzma") throw new Error(`no tool named ${String(request.tool)}`);
  return lzma(request);
}

const reply = (message: WasmToolReply): void => void process.send!(message);
process.on("message", (request: WasmToolRequest) => {
  answer(request).then(
    (bytes) => reply({ id: request.id, bytes }),
    (error: unknown) => reply({ id: request.id, error: String((error as Error)?.message ?? error) }),
  );
});
