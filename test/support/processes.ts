// Processes on this machine as /proc shows them: for the tests that check a worker process
// started, stayed one, or is gone. Each only counts what it started itself (other test
// files start the same kinds of process meanwhile).
import { readdirSync, readFileSync } from "node:fs";

/** Every process id now. */
const pids = (): string[] => readdirSync("/proc").filter((d) => /^\d+$/.test(d));

/** The parent of process `pid` (undefined: it is gone). */
function parentOf(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1];
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The processes whose command line names `text`. */
export function processesNaming(text: string): string[] {
  return pids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** The processes this process started whose command line names `text`. */
export function childrenNaming(text: string): string[] {
  return processesNaming(text).filter((pid) => parentOf(pid) === String(process.pid));
}

/** The processes started by process `pid`, and theirs. */
export function descendantsOf(pid: string): string[] {
  const parents = new Map(pids().map((d) => [d, parentOf(d)]));
  const found: string[] = [];
  for (let grown = true; grown; ) {
    grown = false;
    for (const [child, parent] of parents) {
      if (parent !== undefined && (parent === pid || found.includes(parent)) && !found.includes(child)) {
        found.push(child);
        grown = true;
      }
    }
  }
  return found;
}
