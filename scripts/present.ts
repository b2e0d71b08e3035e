// `npm run present`: the deck for a room. Builds dist/ first if it is missing or older than
// the sources (and says so), then serves it with the room: prints the presenter's, the
// audience's and the remote's URLs and a QR code of the audience's, and runs until Ctrl+C.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { renderUnicodeCompact } from "uqr";
import { PACKAGE_ROOT } from "../src/io/package-root.ts";
import { whyBuild } from "../src/present/build-freshness.ts";
import { lanAddress } from "../src/present/hosts.ts";
import { startPresentServer } from "../src/present/present-server.ts";
import { bundleRoomClient } from "../src/present/room-client-bundle.ts";
import { isValidSecret, newSecret } from "../src/present/secret.ts";
import { reportFailure } from "./lib/report-failure.ts";

const HELP = `usage: npm run present [-- --port N] [--lan] [--secret S] [--dist DIR] [--no-qr]

Serves the deck (dist/, built first if it is missing or older than the sources) for a
room, and prints three URLs and a QR code of the audience's:
  presenter: URL   your page: it leads (slide, step, overview, theme, drawings)
  audience: URL    for the students: follows the presenter, may browse on its own
  remote: URL      for your phone: next / previous, the notes, the timer
The presenter and remote URLs carry the secret: only they can change what the room sees.
  --port N     the port (default 8080; 0: any free port)
  --lan        listen on every interface and give the LAN address (default: this
               machine only, 127.0.0.1)
  --secret S   the secret (8 to 128 letters, digits, _ or -; default: a random one per run)
  --dist DIR   serve the deck built in DIR as it is (never builds)
  --no-qr      no QR code
Ctrl+C (or SIGTERM) stops the server.
`;

interface PresentArgs {
  port: number;
  lan: boolean;
  secret: string;
  dist?: string;
  qr: boolean;
}

function parseArgs(args: string[]): PresentArgs {
  const usage = (message: string): never => {
    console.error(`present: ${message}\n${HELP.split("\n")[0]}`);
    process.exit(2);
  };
  const parsed: PresentArgs = { port: 8080, lan: false, secret: "", qr: true };
  for (let k = 0; k < args.length; k++) {
    const value = (): string => args[++k] ?? usage(`${args[k - 1]} needs a value`);
    switch (args[k]) {
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) usage("--port takes a number from 0 to 65535");
        parsed.port = port;
        break;
      }
      case "--lan":
        parsed.lan = true;
        break;
      case "--secret":
        parsed.secret = value();
        if (!isValidSecret(parsed.secret)) usage("a secret is 8 to 128 letters, digits, _ or -");
        break;
      case "--dist":
        parsed.dist = path.resolve(value());
        break;
      case "--no-qr":
        parsed.qr = false;
        break;
      default:
        usage(`unknown option ${args[k]}`);
    }
  }
  return parsed;
}

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
const args = parseArgs(argv);
const deckRoot = process.cwd();
try {
  const distDir = args.dist ?? path.join(deckRoot, "dist");
  const reason = args.dist ? undefined : whyBuild(deckRoot, distDir);
  if (reason) {
    console.log(`${reason}: building it (npm run build)…`);
    const built = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts/build.ts")], { cwd: deckRoot, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed (above); nothing to serve");
  }
  const server = await startPresentServer({ distDir, port: args.port, lan: args.lan, secret: args.secret || newSecret(), roomClient: await bundleRoomClient() });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) process.exit(1); // a second Ctrl+C: now
    stopping = true;
    await server.close();
    const { refused, oversized, received } = server.room.stats;
    const dropped = Object.values(refused).reduce((a, b) => a + b, 0) + oversized;
    console.error(`present: stopped (${received} messages received, ${dropped} refused)`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // printed once the server can be stopped: whoever reads the URLs may stop it at once
  console.log(`presenter: ${server.urls.presenter}\naudience: ${server.urls.audience}\nremote: ${server.urls.remote}`);
  if (args.qr) console.log(renderUnicodeCompact(server.urls.audience, { border: 1 }));
  if (!args.lan) console.error("(this machine only: --lan lets phones and other computers in)");
  else if (!lanAddress()) console.error("(no network address found: the URLs are this machine's own)");
} catch (error) {
  process.exitCode = reportFailure("present", error);
}
