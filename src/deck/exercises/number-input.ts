// What a student types as a number, read as a person would write it: 0.0123, 1.23e-2, .5,
// −0.5 with a typographic minus, spaces around. A decimal comma (−0,5) is not read as
// anything else: it gets a message, never a silent wrong number.

export type ReadNumber = { value: number } | { problem: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function readNumber(text: string): ReadNumber {
  // typographic minus (U+2212) and en dash as a minus; thin and no-break spaces as spaces
  const plain = text.replace(/[\u2212\u2013]/g, "-").replace(/[\s\u00a0\u2009\u202f]+/g, "").replace(/\u00d7\s*10\^?/g, "e");
  if (plain === "") return { problem: "type a number first" };
  if (/^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(plain)) return { problem: `write the decimal point as a point: ${plain.replace(",", ".")}, not ${plain}` };
  if (!NUMBER.test(plain)) return { problem: `"${text.trim()}" is not a number: type it like 0.0123, 1.23e-2 or −0.5` };
  return { value: Number(plain) };
}
