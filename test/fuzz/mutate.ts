/**
 * Byte-level mutations of real inputs, driven by a seeded PRNG so that every run
 * replays: the mutations a half-broken export or a bad copy-paste makes.
 */
import { prng } from '../../bench/lib/prng.mjs';

// CSV, YAML and JSON syntax, and numbers no inventory should hold
const INSERTS = [
  ...['"', ',', '""', '"\n', ',,,,,,,,', '\0', '\r', '\n', '\t', '\uFEFF'],
  ...[': [', '&a', '*a', '{', '}', '[', ']', 'null', '"kind": "Node", '],
  ...['1e308', '1e999', '99999999999999999999999', '-', 'NaN'],
].map((s) => Buffer.from(s));
const NOT_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe9, 0x41]), Buffer.from([0xed, 0xa0, 0x80])];

type Mutation = (bytes: Buffer, pick: () => number) => { bytes: Buffer; what: string };

const at = (bytes: Buffer, pick: () => number) => Math.floor(pick() * (bytes.length + 1));
const lineStarts = (bytes: Buffer): number[] => [0, ...[...bytes.keys()].filter((i) => bytes[i - 1] === 0x0a)];

const MUTATIONS: Mutation[] = [
  (b, pick) => {
    const i = Math.min(at(b, pick), b.length - 1);
    const out = Buffer.from(b);
    out[i] = Math.floor(pick() * 256);
    return { bytes: out, what: `byte ${i} set to 0x${out[i]!.toString(16)}` };
  },
  (b, pick) => {
    const i = Math.min(at(b, pick), b.length - 1);
    const out = Buffer.from(b);
    out[i]! ^= 1 << Math.floor(pick() * 8);
    return { bytes: out, what: `bit flipped in byte ${i}` };
  },
  (b, pick) => {
    const n = at(b, pick);
    return { bytes: b.subarray(0, n), what: `truncated to ${n} bytes` };
  },
  (b, pick) => {
    const starts = lineStarts(b);
    const k = Math.floor(pick() * starts.length);
    const line = b.subarray(starts[k], starts[k + 1] ?? b.length);
    const where = starts[Math.floor(pick() * starts.length)]!;
    return { bytes: Buffer.concat([b.subarray(0, where), line, b.subarray(where)]), what: `line ${k + 1} duplicated at byte ${where}` };
  },
  (b, pick) => {
    const starts = lineStarts(b);
    const k = Math.floor(pick() * starts.length);
    return { bytes: Buffer.concat([b.subarray(0, starts[k]), b.subarray(starts[k + 1] ?? b.length)]), what: `line ${k + 1} deleted` };
  },
  (b, pick) => {
    const i = at(b, pick);
    const s = INSERTS[Math.floor(pick() * INSERTS.length)]!;
    return { bytes: Buffer.concat([b.subarray(0, i), s, b.subarray(i)]), what: `${JSON.stringify(s.toString())} inserted at byte ${i}` };
  },
  (b, pick) => {
    const i = at(b, pick);
    const s = NOT_UTF8[Math.floor(pick() * NOT_UTF8.length)]!;
    return { bytes: Buffer.concat([b.subarray(0, i), s, b.subarray(i)]), what: `bytes ${s.toString('hex')} (not UTF-8) inserted at byte ${i}` };
  },
];

/** One to three mutations of `bytes`, chosen by `seed`; `what` says which, to replay a failure. */
export function mutate(bytes: Buffer, seed: number): { bytes: Buffer; what: string } {
  const pick = prng(seed);
  if (bytes.length === 0) return { bytes, what: 'empty, unchanged' };
  let out = bytes;
  const what: string[] = [];
  const n = 1 + Math.floor(pick() * 3);
  for (let k = 0; k < n && out.length > 0; k++) {
    const m = MUTATIONS[Math.floor(pick() * MUTATIONS.length)]!(out, pick);
    out = m.bytes;
    what.push(m.what);
  }
  return { bytes: out, what: what.join('; ') };
}
