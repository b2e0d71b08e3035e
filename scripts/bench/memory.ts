// Peak memory of a command's whole process tree (Node, its workers, Chromium's processes):
// the sum of each process's proportional set size (PSS: a page shared by n processes counts
// 1/n in each, so Chromium's processes are not counted many times over), sampled every
// 50 ms. Linux only (/proc); elsewhere there is no figure. Sampling costs CPU, so the timed
// runs are separate.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Every process below `root` (and `root`). */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the command name may hold spaces, so split after ")"
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let k = 0; k < tree.length; k++) for (const [pid, ppid] of parent) if (ppid === tree[k]) tree.push(pid);
  return tree;
}

function pssKiB(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** A running process's memory now: its resident set (RSS) and its tree's proportional set
 * (PSS), in MiB; undefined without /proc. */
export function processMemory(pid: number): { rss: number; pss: number } | undefined {
  if (!existsSync("/proc/self/smaps_rollup")) return undefined;
  const rss = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return { rss: rss / 1024, pss: processTree(pid).reduce((sum, p) => sum + pssKiB(p), 0) / 1024 };
}

/** Runs `command` in `cwd`; its tree's peak PSS in MiB, or undefined without /proc. */
export function peakTreeMemory(command: string, args: readonly string[], cwd: string): Promise<number | undefined> {
  const measurable = existsSync("/proc/self/smaps_rollup");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: "ignore" });
    let peak = 0;
    const timer = measurable ? setInterval(() => (peak = Math.max(peak, processTree(child.pid!).reduce((sum, pid) => sum + pssKiB(pid), 0))), 50) : undefined;
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited with ${code}`));
      else resolve(measurable ? peak / 1024 : undefined);
    });
  });
}
