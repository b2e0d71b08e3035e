// The presenter's secret: random per run unless given, and checked in constant time (both
// sides hashed first, so neither the comparison's time nor its length check says anything).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { SECRET_PATTERN } from "../shared/room-protocol.ts";

/** 144 random bits, URL-safe (24 characters). */
export function newSecret(): string {
  return randomBytes(18).toString("base64url");
}

export function isValidSecret(secret: string): boolean {
  return SECRET_PATTERN.test(secret);
}

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

export class SecretCheck {
  private readonly expected: Buffer;

  constructor(secret: string) {
    if (!isValidSecret(secret)) throw new Error("a secret is 8 to 128 letters, digits, _ or -");
    this.expected = digest(secret);
  }

  matches(candidate: string | undefined): boolean {
    return timingSafeEqual(digest(candidate ?? ""), this.expected);
  }
}
