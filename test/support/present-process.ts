// `npm run present` as a real process: started in a folder with arguments, its three URL
// lines read from its output as they come, stopped by a signal (SIGKILL for a crash).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface PresentProcess {
  child: ChildProcess;
  urls: { presenter: string; audience: string; remote: string };
  port: number;
  /** everything printed so far */
  output(): { stdout: string; stderr: string };
  /** sends `signal` and resolves with the exit code (null after a kill) */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startPresent(args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<PresentProcess> {
  const child = spawn(process.execPath, [path.resolve("scripts/launch.mjs"), path.resolve("scripts/present.ts"), ...args], { cwd: options.cwd ?? process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run present printed no URLs within ${options.timeout ?? 60_000} ms:\n${stdout}\n${stderr}`)), options.timeout ?? 60_000);
    const look = (): void => {
      const found = /^presenter: (\S+)\naudience: (\S+)\nremote: (\S+)$/m.exec(stdout);
      if (!found) return;
      clearTimeout(timer);
      resolve({
        child,
        urls: { presenter: found[1], audience: found[2], remote: found[3] },
        port: Number(new URL(found[1]).port),
        output: () => ({ stdout, stderr }),
        stop: (signal = "SIGTERM") => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on("data", (d) => {
      stdout += String(d);
      look();
    });
    child.stderr!.on("data", (d) => (stderr += String(d)));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm run present exited (${code}) before printing its URLs:\n${stdout}\n${stderr}`));
    });
  });
}
