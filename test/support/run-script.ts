// Runs one of the project's npm scripts as a real process (as `npm run NAME` does, without
// npm's own start-up), in any folder, and reports how it ended.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const LAUNCHER = path.resolve("scripts/launch.mjs");

export interface ScriptOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runScript(script: "build" | "check" | "pdf" | "grad" | "present", args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ScriptOutcome> {
  const file = path.resolve("scripts", `${script}.ts`);
  return run("node", [LAUNCHER, file, ...args], { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", maxBuffer: 16 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

