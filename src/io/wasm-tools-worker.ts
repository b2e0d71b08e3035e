// The worker process for the build's WebAssembly tools — 7-Zip's LZMA encoder, for the
// offline file, and subset-font, which cuts KaTeX's fonts to a deck's characters. A WebAssembly
// instance's memory only ever grows, and 7-Zip's grows to tens of MiB; in a process that
// ends when its work is done (wasm-tools.ts), that memory goes back to the system instead of
// staying with the build until it exits (a thread's would: the process keeps what its
// threads' allocations grew to).
import { rawLzmaOf7z } from "./seven-zip-archive.ts";
import { subsetWoff2 } from "./subset-woff2.ts";
import type { ToWasmTools, WasmToolName, WasmToolReply, WasmToolRequest } from "./wasm-tools.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone

type SevenZip = Awaited<ReturnType<typeof import("7z-wasm").default>>;

/** 7-Zip's module, loaded and instantiated. */
const loadSevenZip = (): Promise<SevenZip> => import("7z-wasm").then(({ default: make }) => make({ print: () => undefined, printErr: () => undefined }));

/** `data` packed by 7-Zip as a raw LZMA stream with the request's literal and position
 * parameters, at its best settings: the longest matches it looks for, the binary-tree
 * match finder, a dictionary as large as the data (7-Zip cuts 64 MiB to the data's size). */
async function lzma(sevenZip: Promise<SevenZip>, { id, data, properties }: Extract<WasmToolRequest, { tool: "lzma" }>): Promise<Uint8Array> {
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

/** Answers each request with its tool. 7-Zip is loaded once: as the process starts when it
 * is the tool the process was started for (`preload`: the build may start it before it has
 * anything to pack), or when it is told to load it, else on the first request that needs
 * it; subset-font likewise. */
function serve(preload: WasmToolName | undefined): void {
  let sevenZip: Promise<SevenZip> | undefined;
  const sevenZipLoaded = (): Promise<SevenZip> => (sevenZip ??= loadSevenZip());
  const load = (tool: WasmToolName | undefined): void => {
    if (tool === "lzma") sevenZipLoaded().catch(() => undefined); // the first request says so
    if (tool === "subset") import("subset-font").catch(() => undefined); // the same
  };
  load(preload);
  const answer = async (request: WasmToolRequest): Promise<Uint8Array> => {
    if (request.tool === "lzma") return lzma(sevenZipLoaded(), request);
    if (request.tool === "subset") return subsetWoff2(request.data, request.text);
    throw new Error(`no tool named ${String((request as { tool: unknown }).tool)}`);
  };
  const reply = (message: WasmToolReply): void => void process.send!(message);
  process.on("message", (request: ToWasmTools) => {
    if ("preload" in request) return load(request.preload);
    answer(request).then(
      (bytes) => reply({ id: request.id, bytes }),
      (error: unknown) => reply({ id: request.id, error: String((error as Error)?.message ?? error) }),
    );
  });
}

serve(process.argv[2] as WasmToolName | undefined); // the tool it is for (wasm-tools.ts)
