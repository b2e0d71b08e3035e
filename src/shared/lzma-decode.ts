// A raw LZMA stream's decoder, for the offline file's boot (src/deck/offline-boot.ts): the
// file carries its code and slides packed with LZMA (src/vite/lzma-pack.ts), 5 % smaller
// than zstd's level 19, and this decoder is 2.8 KB minified against fzstd's 7 KB. Written
// here because the packages that decode LZMA in JavaScript are slower or larger: for this
// deck's 1.3 MB, LZMA-JS (lzma) takes 1.7 s and lzma-purejs (2013, AMD modules) 110–160 ms
// in Node, against 60–100 ms for this one; xz-decompress carries 20 KB of WebAssembly. The
// algorithm is Igor Pavlov's (the LZMA SDK's lzma-specification.txt): a range decoder over
// adaptive bit probabilities, literals coded under the previous byte's top `lc` bits,
// matches as lengths and distances with the last four distances kept. It unpacks as far as
// it is asked, and on from there when asked again.

/** The literal coder's and positions' parameters the stream was packed with. */
export interface LzmaProperties {
  lc: number;
  lp: number;
  pb: number;
}

// Where each group of bit probabilities starts in one array (the SDK's layout).
const IS_MATCH = 0;
const IS_REP = 192;
const IS_REP_G0 = 204;
const IS_REP_G1 = 216;
const IS_REP_G2 = 228;
const IS_REP0_LONG = 240;
const POS_SLOT = 432;
const SPEC_POS = 688;
const ALIGN = 802;
const LEN_CODER = 818;
const REP_LEN_CODER = 1332;
const LITERAL = 1846;
const PROBABILITY_ONE = 2048; // probabilities are 11-bit
const TOP = 0x1000000;

/** The range decoder with its bit probabilities: one object, so that its state lives in
 * fields the engine keeps in registers, not in variables shared with closures. */
class RangeDecoder {
  private at = 5; // the stream starts with a zero byte and the first four bytes of the code
  /** the range and the code, unsigned 32-bit, in a typed array rather than in fields: above
   * 2^30 they are no small integers, which fields keep boxed (Chromium unpacked this deck's
   * stream in 105 ms with fields, 77 ms with these) */
  private readonly registers = Uint32Array.of(0xffffffff, 0);

  constructor(
    private readonly input: Uint8Array,
    readonly probabilities: Uint16Array,
  ) {
    if (input.length < 5 || input[0] !== 0) throw new Error("lzma: not a raw LZMA stream");
    this.registers[1] = (input[1] << 24) | (input[2] << 16) | (input[3] << 8) | input[4];
  }

  /** The input read past its end: a truncated stream. */
  get overrun(): boolean {
    return this.at > this.input.length;
  }

  bit(index: number): number {
    const registers = this.registers;
    const probability = this.probabilities[index];
    const range = registers[0];
    const code = registers[1];
    const bound = (range >>> 11) * probability;
    let bit: number;
    if (code < bound) {
      registers[0] = bound;
      this.probabilities[index] = probability + ((PROBABILITY_ONE - probability) >>> 5);
      bit = 0;
    } else {
      registers[0] = range - bound;
      registers[1] = code - bound;
      this.probabilities[index] = probability - (probability >>> 5);
      bit = 1;
    }
    if (registers[0] < TOP) this.shift();
    return bit;
  }

  /** `count` bits with fixed probability one half, the highest first. */
  direct(count: number): number {
    const registers = this.registers;
    let value = 0;
    for (let i = 0; i < count; i++) {
      registers[0] >>>= 1;
      let bit = 0;
      if (registers[1] >= registers[0]) {
        registers[1] -= registers[0];
        bit = 1;
      }
      value = ((value << 1) | bit) >>> 0;
      if (registers[0] < TOP) this.shift();
    }
    return value;
  }

  /** A `count`-bit value coded highest bit first down a tree of probabilities at `base`. */
  tree(base: number, count: number): number {
    let node = 1;
    for (let i = 0; i < count; i++) node = (node << 1) | this.bit(base + node);
    return node - (1 << count);
  }

  /** The same, lowest bit first. */
  reverseTree(base: number, count: number): number {
    let node = 1;
    let value = 0;
    for (let i = 0; i < count; i++) {
      const bit = this.bit(base + node);
      node = (node << 1) | bit;
      value |= bit << i;
    }
    return value;
  }

  /** A match length less 2, from the length coder at `base`. */
  length(base: number, posState: number): number {
    if (!this.bit(base)) return this.tree(base + 2 + (posState << 3), 3);
    if (!this.bit(base + 1)) return 8 + this.tree(base + 130 + (posState << 3), 3);
    return 16 + this.tree(base + 258, 8);
  }

  private shift(): void {
    this.registers[0] <<= 8;
    this.registers[1] = (this.registers[1] << 8) | (this.input[this.at++] ?? 0);
  }
}

/** A literal: 8 bits under the probabilities at `base`; after a match, while its bits agree,
 * under those chosen by the byte the last distance points at (`matchByte`). */
function literal(decoder: RangeDecoder, base: number, matchByte: number): number {
  let symbol = 1;
  if (matchByte >= 0) {
    do {
      const matchBit = (matchByte >>> 7) & 1;
      matchByte <<= 1;
      const bit = decoder.bit(base + ((1 + matchBit) << 8) + symbol);
      symbol = (symbol << 1) | bit;
      if (matchBit !== bit) break;
    } while (symbol < 0x100);
  }
  while (symbol < 0x100) symbol = (symbol << 1) | decoder.bit(base + symbol);
  return symbol & 0xff;
}

/** A new match's distance less 1, for a match of `length` less 2. */
function distance(decoder: RangeDecoder, length: number): number {
  const slot = decoder.tree(POS_SLOT + ((length < 3 ? length : 3) << 6), 6);
  if (slot < 4) return slot;
  const bits = (slot >>> 1) - 1;
  const base = (2 | (slot & 1)) << bits;
  if (slot < 14) return base + decoder.reverseTree(SPEC_POS + base - slot - 1, bits);
  return base + decoder.direct(bits - 4) * 16 + decoder.reverseTree(ALIGN, 4);
}

/** A raw LZMA stream (no header, packed with `properties`) of `length` bytes, unpacked as far
 * as it is asked to: the offline file's boot unpacks the chunks of code the deck starts
 * with, and the rest — what only some slides use — when it is first needed. A stream that
 * is not one, or ends early, is an error. */
export class LzmaReader {
  /** the bytes unpacked so far are out[0 … unpacked) */
  readonly out: Uint8Array;
  private unpacked = 0;
  private readonly decoder: RangeDecoder;
  // what the last few packets were (literals, matches, repeats), 0–11, and the last four
  // distances: kept between reads
  private state = 0;
  private readonly reps = [0, 0, 0, 0];

  constructor(
    stream: Uint8Array,
    private readonly properties: LzmaProperties,
    readonly length: number,
  ) {
    this.out = new Uint8Array(length);
    this.decoder = new RangeDecoder(stream, new Uint16Array(LITERAL + (0x300 << (properties.lc + properties.lp))).fill(PROBABILITY_ONE >>> 1));
  }

  /** Unpacks at least the first `end` bytes (at most `length`); returns `out`. */
  readTo(end: number): Uint8Array {
    const target = Math.min(end, this.length);
    if (this.unpacked < target) {
      this.unpacked = this.run(target);
      if (this.decoder.overrun) throw new Error("lzma: the stream ends before its length");
    }
    return this.out;
  }

  /** The decoding loop from where the last read stopped to `target` or a little past it (to
   * the end of a match); its state in local variables, which the engine keeps in registers. */
  private run(target: number): number {
    const { out, decoder, length, reps } = this;
    const { lc, lp, pb } = this.properties;
    const pbMask = (1 << pb) - 1;
    const lpMask = (1 << lp) - 1;
    let [rep0, rep1, rep2, rep3] = reps;
    let state = this.state;
    let at = this.unpacked;
    while (at < target) {
      const posState = at & pbMask;
      if (!decoder.bit(IS_MATCH + (state << 4) + posState)) {
        const previous = at > 0 ? out[at - 1] : 0;
        const base = LITERAL + 0x300 * (((at & lpMask) << lc) + (previous >>> (8 - lc)));
        out[at] = literal(decoder, base, state >= 7 ? out[at - rep0 - 1] : -1);
        at++;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let matchLength: number;
      if (decoder.bit(IS_REP + state)) {
        if (at === 0) throw new Error("lzma: a repeated match before any byte");
        if (!decoder.bit(IS_REP_G0 + state)) {
          if (!decoder.bit(IS_REP0_LONG + (state << 4) + posState)) {
            state = state < 7 ? 9 : 11; // one byte again, at the last distance
            out[at] = out[at - rep0 - 1];
            at++;
            continue;
          }
        } else {
          let repeated: number;
          if (!decoder.bit(IS_REP_G1 + state)) repeated = rep1;
          else {
            if (!decoder.bit(IS_REP_G2 + state)) repeated = rep2;
            else {
              repeated = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = repeated;
        }
        matchLength = decoder.length(REP_LEN_CODER, posState);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        matchLength = decoder.length(LEN_CODER, posState);
        state = state < 7 ? 7 : 10;
        rep0 = distance(decoder, matchLength);
      }
      if (rep0 >= at) throw new Error(rep0 === 0xffffffff ? "lzma: the stream ends before its length" : "lzma: a match reaches before the start");
      const end = Math.min(at + matchLength + 2, length);
      if (rep0 + 1 >= end - at) {
        out.copyWithin(at, at - rep0 - 1, end - rep0 - 1); // source and target do not overlap
        at = end;
      } else for (; at < end; at++) out[at] = out[at - rep0 - 1];
    }
    this.state = state;
    reps[0] = rep0;
    reps[1] = rep1;
    reps[2] = rep2;
    reps[3] = rep3;
    return at;
  }
}

/** The `length` bytes that `stream` (raw LZMA, no header, packed with `properties`) holds.
 * A stream that is not one, or ends early, is an error. */
export function lzmaDecode(stream: Uint8Array, properties: LzmaProperties, length: number): Uint8Array {
  return new LzmaReader(stream, properties, length).readTo(length);
}
