// Which names the server answers to: the Host header of every request and the Origin of
// every WebSocket must be the server's own (a page of another site, or a name rebound to
// this machine by DNS, gets nothing).
import { hostname, networkInterfaces } from "node:os";

/** The machine's IPv4 address on the local network (the first that is not loopback). */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return undefined;
}

/** Every `host:port` (and bare host on port 80) a browser may use to reach the server. */
export function allowedHosts(port: number, lan: boolean): Set<string> {
  const names = ["localhost", "127.0.0.1", "[::1]"];
  if (lan) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.push(a.family === "IPv6" ? `[${a.address.toLowerCase()}]` : a.address);
    }
    const host = hostname().toLowerCase();
    names.push(host, `${host}.local`);
  }
  const hosts = new Set(names.map((n) => `${n}:${port}`));
  if (port === 80) names.forEach((n) => hosts.add(n));
  return hosts;
}

/** A WebSocket's Origin: none (a client that is not a browser: the secret guards the state)
 * or exactly http://HOST of this request, HOST being one of the server's. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: Set<string>): boolean {
  if (!host || !allowed.has(host.toLowerCase())) return false;
  return origin === undefined || origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
