// The one LZMA stream in a .7z archive of one file that 7-Zip wrote with its header
// uncompressed (-mhc=off): 7-Zip's command line writes no bare LZMA stream, so the
// offline file's packer (src/io/wasm-tools-worker.ts) has it write an archive and takes the
// stream out. The layout read here is the 7z format's (7-Zip's DOC/7zFormat.txt): a 32-byte
// signature header saying where the header is, the packed streams from byte 32, then the
// header; only what this use needs is read, and an archive laid out otherwise is an error.

/** LZMA's literal context bits, literal position bits and position bits. */
export interface LzmaParameters {
  lc: number;
  lp: number;
  pb: number;
}

const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] as const;
const START = 32; // the signature header's length: the first packed stream starts here
const LZMA_CODER = [0x03, 0x01, 0x01] as const;

/** A 7z number (a first byte whose leading ones say how many little-endian bytes follow)
 * at `at`: its value and where the next field starts. */
function numberAt(bytes: Uint8Array, at: number): [number, number] {
  const first = bytes[at++];
  let value = 0;
  for (let i = 0, mask = 0x80; i < 8; i++, mask >>= 1) {
    if ((first & mask) === 0) return [value + (first & (mask - 1)) * 2 ** (8 * i), at];
    value += bytes[at++] * 2 ** (8 * i);
  }
  return [value, at];
}

/** A header reader that fails on the first field that is not what 7-Zip writes for one file
 * packed with one LZMA coder. */
class HeaderReader {
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {}

  expect(what: string, ...wanted: number[]): void {
    for (const byte of wanted) {
      if (this.bytes[this.at] !== byte) throw new Error(`7-Zip's archive is laid out otherwise than expected (${what})`);
      this.at++;
    }
  }

  number(): number {
    const [value, next] = numberAt(this.bytes, this.at);
    this.at = next;
    return value;
  }

  byte(): number {
    return this.bytes[this.at++];
  }
}

/** The raw LZMA stream of `archive` (a .7z of one file, header uncompressed), checked to be
 * packed with `properties`. */
export function rawLzmaOf7z(archive: Uint8Array, properties: LzmaParameters): Uint8Array {
  if (archive.length < START || SIGNATURE.some((byte, i) => archive[i] !== byte)) throw new Error("not a 7z archive");
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const headerAt = START + Number(view.getBigUint64(12, true));
  if (headerAt + Number(view.getBigUint64(20, true)) > archive.length) throw new Error("7z archive: its header is past its end");
  const header = new HeaderReader(archive, headerAt);
  header.expect("a plain header, its streams, their pack information", 0x01, 0x04, 0x06);
  if (header.number() !== 0) throw new Error("7z archive: its packed stream does not start after the signature header");
  if (header.number() !== 1) throw new Error("7z archive: more than one packed stream");
  header.expect("the packed stream's size", 0x09);
  const size = header.number();
  if (START + size !== headerAt) throw new Error("7z archive: its packed stream does not end at its header");
  header.expect("one folder of one LZMA coder with 5 bytes of properties", 0x00, 0x07, 0x0b, 0x01, 0x00, 0x01, 0x23, ...LZMA_CODER, 0x05);
  const { lc, lp, pb } = properties;
  if (header.byte() !== (pb * 5 + lp) * 9 + lc) throw new Error("7z archive: its LZMA stream has other literal and position parameters than asked for");
  return archive.subarray(START, START + size);
}
