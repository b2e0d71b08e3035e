// The offline file's LZMA decoder (src/shared/lzma-decode.ts) against an independent encoder,
// 7-Zip's (7z-wasm, run here directly): whatever 7-Zip packs, with any literal and position
// parameters, unpacks to the same bytes — text with long and overlapping matches, bytes that
// do not compress (literals only), far matches (distances coded with direct bits). A stream
// cut short or not LZMA is an error, and a damaged one ends (an error or other bytes), never
// loops; unpacked in parts, as far as asked each time, it gives the same bytes. The 7z
// archive reader takes the stream out and refuses archives laid out otherwise.
import { randomBytes } from "node:crypto";
import SevenZip from "7z-wasm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { rawLzmaOf7z } from "../../src/io/seven-zip-archive.ts";
import { LzmaReader, lzmaDecode, type LzmaProperties } from "../../src/shared/lzma-decode.ts";

type SevenZipModule = Awaited<ReturnType<typeof SevenZip>>;
let sevenZip: SevenZipModule;
beforeAll(async () => {
  sevenZip = await SevenZip({ print: () => undefined, printErr: () => undefined });
});

/** `data` as 7-Zip's .7z archive, packed with one LZMA coder of `properties`. */
function archiveOf(data: Uint8Array, { lc, lp, pb }: LzmaProperties, dictionary = "1m"): Uint8Array {
  sevenZip.FS.writeFile("/in", data);
  try {
    sevenZip.FS.unlink("/out.7z");
  } catch {
    // none yet
  }
  sevenZip.callMain(["a", "-t7z", `-m0=LZMA:d=${dictionary}:fb=273:lc=${lc}:lp=${lp}:pb=${pb}`, "-mhc=off", "-mtm=off", "-mtc=off", "-mta=off", "/out.7z", "/in"]);
  return sevenZip.FS.readFile("/out.7z");
}

const packed = (data: Uint8Array, properties: LzmaProperties): Uint8Array => rawLzmaOf7z(archiveOf(data, properties), properties);

const TEXT = Buffer.from(
  Array.from({ length: 400 }, (_, t) => `<span class="mord mathnormal">h</span><span class="msupsub"><span class="vlist-t">${t % 7}</span></span>∂L/∂h_${t}\n`).join(""),
);

describe("lzmaDecode", () => {
  it("unpacks what 7-Zip packed: markup, incompressible bytes, runs, far matches", () => {
    const far = randomBytes(70_000); // a block seen again after 70 KB: distance slots above 14
    const cases: Uint8Array[] = [
      TEXT,
      randomBytes(5000),
      Buffer.alloc(3000, 0x61), // one byte repeated: matches overlapping what they copy
      Buffer.concat([far, randomBytes(70_000), far]),
      Buffer.from("x"),
    ];
    const properties: LzmaProperties = { lc: 2, lp: 0, pb: 0 };
    for (const data of cases) expect(Buffer.from(lzmaDecode(packed(data, properties), properties, data.length)).equals(Buffer.from(data))).toBe(true);
  });

  it("unpacks what 7-Zip packed with any literal and position parameters (property)", () => {
    const alphabet = fc.constantFrom(..."<span class=\"mord\">∂hWx_t</span>".split(""));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(alphabet, fc.string({ minLength: 1, maxLength: 40 })), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (pieces, lc, lp, pb) => {
          const data = Buffer.from(pieces.join("").repeat(3));
          const properties = { lc, lp, pb };
          expect(Buffer.from(lzmaDecode(packed(data, properties), properties, data.length)).toString()).toBe(data.toString());
        },
      ),
      { numRuns: 40 },
    );
  });

  it("unpacks a stream in parts, as far as asked each time, to the same bytes (property)", () => {
    const properties: LzmaProperties = { lc: 2, lp: 0, pb: 0 };
    const far = randomBytes(40_000);
    const data = Buffer.concat([TEXT, far, TEXT.subarray(0, 9000), far, Buffer.alloc(2000, 0x62)]);
    const stream = packed(data, properties);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: data.length + 100 }), { maxLength: 12 }), (stops) => {
        const reader = new LzmaReader(stream, properties, data.length);
        let asked = 0;
        for (const stop of stops) {
          asked = Math.max(asked, stop);
          // what was asked for is there, and right, however far past it a match went
          expect(Buffer.from(reader.readTo(stop).subarray(0, Math.min(asked, data.length))).equals(data.subarray(0, Math.min(asked, data.length)))).toBe(true);
        }
        expect(Buffer.from(reader.readTo(data.length)).equals(data)).toBe(true);
      }),
      { numRuns: 30 },
    );
    // a part asked for past a cut-short stream's end is an error, as the whole is
    expect(() => new LzmaReader(stream.subarray(0, stream.length >> 1), properties, data.length).readTo(data.length)).toThrow(/ends before its length|reaches before the start/);
  });

  it("a stream cut short, or not LZMA, is an error; a damaged one ends", () => {
    const properties: LzmaProperties = { lc: 2, lp: 0, pb: 0 };
    const stream = packed(TEXT, properties);
    expect(() => lzmaDecode(stream.subarray(0, stream.length >> 1), properties, TEXT.length)).toThrow(/ends before its length|reaches before the start/);
    expect(() => lzmaDecode(Uint8Array.of(1, 2, 3, 4, 5, 6), properties, 10)).toThrow(/not a raw LZMA stream/);
    expect(() => lzmaDecode(Uint8Array.of(0, 1), properties, 10)).toThrow(/not a raw LZMA stream/);
    for (let k = 0; k < 20; k++) {
      const damaged = Uint8Array.from(stream);
      damaged[5 + ((k * 977) % (damaged.length - 5))] ^= 1 << k % 8;
      let out: Uint8Array | undefined;
      try {
        out = lzmaDecode(damaged, properties, TEXT.length);
      } catch (error) {
        expect(String(error)).toMatch(/^Error: lzma: /);
      }
      if (out) expect(out).toHaveLength(TEXT.length);
    }
  });
});

describe("rawLzmaOf7z", () => {
  it("takes out the stream 7-Zip wrote with the parameters asked for, and refuses otherwise", () => {
    const properties: LzmaProperties = { lc: 3, lp: 0, pb: 2 };
    const archive = archiveOf(TEXT, properties);
    const stream = rawLzmaOf7z(archive, properties);
    expect(stream.length).toBeLessThan(TEXT.length / 10);
    expect(() => rawLzmaOf7z(archive, { lc: 2, lp: 0, pb: 0 })).toThrow(/other literal and position parameters/);
    expect(() => rawLzmaOf7z(Buffer.from("PK\u0003\u0004 not a 7z archive at all, a zip's start"), properties)).toThrow(/not a 7z archive/);
    sevenZip.FS.writeFile("/in", TEXT);
    sevenZip.FS.unlink("/out.7z");
    sevenZip.callMain(["a", "-t7z", "-m0=LZMA2", "-mhc=off", "/out.7z", "/in"]);
    expect(() => rawLzmaOf7z(sevenZip.FS.readFile("/out.7z"), properties)).toThrow(/laid out otherwise/);
  });
});
