// `npm run --silent grad -- <case.json>`: see src/cli/grad.ts.
import { readFile } from "node:fs/promises";
import { runGradCli } from "../src/cli/grad.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

process.exitCode = await runGradCli(process.argv.slice(2), {
  readText: (file) => (file === "-" ? readStdin() : readFile(file, "utf8")),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
