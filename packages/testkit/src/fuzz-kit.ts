// Fuzzing helpers shared by every package's test/fuzz/ suites (import them from '@titip/testkit/fuzz'). Quick form: a few thousand
// inputs per decoder in the unit suite. Long form: TITIP_FUZZ_RUNS=N
// (scripts/fuzz-long.mjs) gives each decoder N inputs in total, split over its properties by their `share`.
import fc from 'fast-check';

/** The fixed seed of every fuzz property (a failure replays exactly; fast-check prints the path to shrink it). */
export const FUZZ_SEED = 20241127;

const longRuns = Number(process.env['TITIP_FUZZ_RUNS'] ?? '0');

/** True in the long form. */
export const longForm = Number.isFinite(longRuns) && longRuns > 0;

/** Test timeout for a fuzz property: 30 s in the quick form, unbounded (6 h) in the long form. */
export const fuzzTimeout = longForm ? 6 * 3_600_000 : 30_000;

/**
 * fast-check parameters: `quick` runs normally; in the long form `share` × TITIP_FUZZ_RUNS (the shares of one
 * decoder's properties add up to 1). `salt` varies the seed between properties of one file.
 */
export function fuzzParams(quick: number, share: number, salt = 0): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: FUZZ_SEED + salt, numRuns: longForm ? Math.ceil(longRuns * share) : quick, endOnFailure: true };
}

/** Runs `fn`; returns its value, or the error when it is an instance of one of `allowed`; rethrows anything else. */
export function typedOutcome<T>(fn: () => T, allowed: readonly (abstract new (...args: never[]) => Error)[]): { ok: true; value: T } | { ok: false; error: Error } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return { ok: false, error: error as Error };
    throw error;
  }
}

/** Async form of {@link typedOutcome}. */
export async function typedOutcomeAsync<T>(
  fn: () => Promise<T>,
  allowed: readonly (abstract new (...args: never[]) => Error)[],
): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return { ok: false, error: error as Error };
    throw error;
  }
}

// ---- bytes --------------------------------------------------------------------------------------------------------

/** Bytes that mean something to CBOR decoders (heads of every major type, widths, indefinite, break, floats). */
const INTERESTING = [
  0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x38, 0x3b, 0x40, 0x57, 0x58, 0x5b, 0x5f, 0x60, 0x77,
  0x78, 0x7b, 0x7f, 0x80, 0x97, 0x98, 0x9b, 0x9f, 0xa0, 0xb7, 0xb8, 0xbb, 0xbf, 0xc0, 0xc2, 0xd8, 0xdb, 0xe0, 0xf4,
  0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xff, 0x7e, 0x81, 0xfe, 0xef, 0xbb, 0xc3, 0xed, 0xa0,
];

type ByteOp = readonly [kind: number, a: number, b: number, data: Uint8Array];

const byteOp: fc.Arbitrary<ByteOp> = fc.tuple(fc.nat(11), fc.nat(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 24 }));

function applyByteOp(input: Uint8Array, [kind, a, b, data]: ByteOp, donors: readonly Uint8Array[]): Uint8Array {
  const n = input.length;
  const at = n === 0 ? 0 : a % n;
  const out = (parts: Uint8Array[]) => {
    const total = parts.reduce((s, p) => s + p.length, 0);
    const bytes = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    return bytes;
  };
  switch (kind) {
    case 0: // flip one bit
    case 1: {
      if (n === 0) return input;
      const copy = Uint8Array.from(input);
      copy[at]! ^= 1 << (b % 8);
      return copy;
    }
    case 2: {
      // an interesting byte
      if (n === 0) return Uint8Array.of(INTERESTING[b % INTERESTING.length]!);
      const copy = Uint8Array.from(input);
      copy[at] = INTERESTING[b % INTERESTING.length]!;
      return copy;
    }
    case 3: {
      // nudge a byte (lengths and counts off by one)
      if (n === 0) return input;
      const copy = Uint8Array.from(input);
      copy[at] = (copy[at]! + (b % 2 === 0 ? 1 : 255)) & 0xff;
      return copy;
    }
    case 4: // truncate
      return input.slice(0, n === 0 ? 0 : b % (n + 1));
    case 5: // delete a range
      return out([input.subarray(0, at), input.subarray(Math.min(n, at + 1 + (b % 32)))]);
    case 6: // insert random bytes
      return out([input.subarray(0, at), data, input.subarray(at)]);
    case 7: {
      // overwrite with random bytes
      const copy = Uint8Array.from(input);
      copy.set(data.subarray(0, Math.max(0, n - at)), at);
      return copy;
    }
    case 8: {
      // splice in a slice of another valid input (crossover)
      const donor = donors[b % donors.length]!;
      const from = donor.length === 0 ? 0 : (b >>> 8) % donor.length;
      const piece = donor.subarray(from, from + 1 + (data[0]! % 64));
      const replace = data.length > 1 ? data[1]! % 8 : 0;
      return out([input.subarray(0, at), piece, input.subarray(Math.min(n, at + replace))]);
    }
    case 9: {
      // duplicate a slice in place
      const piece = input.subarray(at, at + 1 + (b % 48));
      return out([input.subarray(0, at), piece, input.subarray(at)]);
    }
    case 10: // append
      return out([input, data]);
    default: {
      // swap two slices
      if (n < 4) return input;
      const x = Math.min(at, (b % n));
      const y = Math.max(at, (b % n));
      const len = Math.min(1 + (data[0]! % 16), y - x, n - y);
      if (len <= 0) return input;
      const copy = Uint8Array.from(input);
      copy.set(input.subarray(y, y + len), x);
      copy.set(input.subarray(x, x + len), y);
      return copy;
    }
  }
}

/** Valid inputs with 1–4 mutations each (bit flips, interesting bytes, truncations, deletions, insertions, splices). */
export function mutatedBytes(seeds: readonly Uint8Array[], maxOps = 4): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(byteOp, { minLength: 1, maxLength: maxOps }))
    .map(([i, ops]) => ops.reduce((bytes, op) => applyByteOp(bytes, op, seeds), seeds[i]!));
}

/** Uniformly random bytes. */
export function randomBytes(maxLength = 512): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ maxLength });
}

function head(major: number, value: number | bigint, width: number): number[] {
  const m = major << 5;
  const v = BigInt(value);
  if (width === 0 && v < 24n) return [m | Number(v)];
  const sizes = [1, 2, 4, 8];
  const size = sizes.find((s, i) => i >= width - 1 && v < 1n << BigInt(8 * s)) ?? 8;
  const bytes = [m | (24 + sizes.indexOf(size))];
  for (let i = size - 1; i >= 0; i--) bytes.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return bytes;
}

const cborArgument = fc.oneof(fc.nat(30), fc.nat(300), fc.constantFrom(23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
const width = fc.constantFrom(0, 0, 0, 1, 2, 3, 4); // 0 = shortest form, else at least 1/2/4/8 bytes (non-canonical)

/**
 * Raw CBOR items, well-formed or nearly: every major type, non-shortest widths, indefinite lengths, tags, floats,
 * simple values, invalid UTF-8, lengths that lie. Returns the encoded bytes.
 */
export const rawCbor: fc.Arbitrary<Uint8Array> = fc
  .letrec<{ item: number[] }>((tie) => ({
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fc.constantFrom(0, 1), cborArgument, width).map(([m, v, w]) => head(m, v, w)),
      fc.tuple(fc.uint8Array({ maxLength: 40 }), width, fc.nat(3)).map(([b, w, lie]) => [...head(2, b.length + (lie === 3 ? 1 : 0), w), ...b]),
      fc.tuple(fc.string({ unit: 'binary', maxLength: 20 }), width).map(([s, w]) => {
        const b = [...new TextEncoder().encode(s)];
        return [...head(3, b.length, w), ...b];
      }),
      fc.uint8Array({ maxLength: 8 }).map((b) => [...head(3, b.length, 0), ...b]), // arbitrary bytes as text
      fc.tuple(fc.array(tie('item'), { maxLength: 5 }), width, fc.boolean()).map(([items, w, indefinite]) =>
        indefinite ? [0x9f, ...items.flat(), 0xff] : [...head(4, items.length, w), ...items.flat()],
      ),
      fc
        .tuple(fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }).map((s) => { const b = [...new TextEncoder().encode(s)]; return [...head(3, b.length, 0), ...b]; }), tie('item')), tie('item')), { maxLength: 5 }), width, fc.boolean())
        .map(([pairs, w, indefinite]) => (indefinite ? [0xbf, ...pairs.flat(2), 0xff] : [...head(5, pairs.length, w), ...pairs.flat(2)])),
      fc.tuple(cborArgument, tie('item')).map(([tag, item]) => [...head(6, tag, 0), ...item]),
      fc.constantFrom<number[]>([0xf4], [0xf5], [0xf6], [0xf7], [0xf8, 0x20], [0xf9, 0x3c, 0x00], [0xf9, 0x7e, 0x00], [0xfa, 0x7f, 0x80, 0, 0], [0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0], [0xff], [0xfc]),
    ),
  }))
  .item.map((bytes) => Uint8Array.from(bytes));

/** Deeply nested arrays or maps (stack depth), closed or left open. */
export const deepCbor: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.integer({ min: 30, max: 20_000 }), fc.constantFrom(0x81, 0xa1, 0x9f, 0xc1), fc.boolean())
  .map(([depth, opener, close]) => {
    const bytes = new Uint8Array(depth * (opener === 0xa1 ? 2 : 1) + 1);
    let at = 0;
    for (let i = 0; i < depth; i++) {
      if (opener === 0xa1) {
        bytes[at++] = 0xa1;
        bytes[at++] = 0x00; // key 0, value: the next level
      } else bytes[at++] = opener;
    }
    bytes[at] = close ? 0x00 : 0x81;
    return bytes;
  });

// ---- text and JSON ------------------------------------------------------------------------------------------------

type TextOp = readonly [kind: number, a: number, b: number, text: string];

const TEXT_PIECES = ['"', '\\', '{', '}', '[', ']', ',', ':', '0', '-1', '1e309', '1.5', 'null', 'true', '"__proto__"', '\\u0000', '\\ud800', '\u00e9', '\ud83d\ude00', '%', '%2F', '%ZZ', '%E0%A4%A', '/', '?', '#', '..', '\u0000', ' ', '\n'];

const textOp: fc.Arbitrary<TextOp> = fc.tuple(fc.nat(7), fc.nat(), fc.nat(), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...TEXT_PIECES)));

function applyTextOp(input: string, [kind, a, b, text]: TextOp, donors: readonly string[]): string {
  const n = input.length;
  const at = n === 0 ? 0 : a % (n + 1);
  switch (kind) {
    case 0:
      return input.slice(0, at) + text + input.slice(at); // insert
    case 1:
      return input.slice(0, at) + input.slice(Math.min(n, at + 1 + (b % 16))); // delete
    case 2:
      return input.slice(0, at) + text + input.slice(Math.min(n, at + text.length)); // overwrite
    case 3:
      return input.slice(0, b % (n + 1)); // truncate
    case 4: {
      // change one character's code
      if (n === 0) return text;
      const i = a % n;
      return input.slice(0, i) + String.fromCharCode((input.charCodeAt(i) + 1 + (b % 200)) & 0xffff) + input.slice(i + 1);
    }
    case 5: {
      // splice from another valid input
      const donor = donors[b % donors.length]!;
      const from = donor.length === 0 ? 0 : (b >>> 8) % donor.length;
      return input.slice(0, at) + donor.slice(from, from + 1 + (b % 40)) + input.slice(at);
    }
    case 6: {
      // duplicate a slice
      return input.slice(0, at) + input.slice(at, at + 1 + (b % 40)) + input.slice(at);
    }
    default:
      return input + text;
  }
}

/** Valid texts with 1–4 character-level mutations (insertions, deletions, truncations, splices, odd characters). */
export function mutatedText(seeds: readonly string[], maxOps = 4): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(textOp, { minLength: 1, maxLength: maxOps }))
    .map(([i, ops]) => ops.reduce((text, op) => applyTextOp(text, op, seeds), seeds[i]!));
}

/** JSON values likely to break a reader: wrong types, edge numbers, odd keys. */
export const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 99_999, 100_000, 2 ** 53, -(2 ** 53), 1e308, '', '0', '1906', 'null', [], {}, [null], { null: null }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'null', '0', ''), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

type JsonPathOp = readonly [path: number[], kind: number, value: unknown, key: string];

/** Rebuilds `value` with one node (chosen by `path`, indexes taken modulo the children) replaced, removed or given a key. */
function applyJsonOp(value: unknown, [path, kind, replacement, key]: JsonPathOp): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') {
    if (kind === 0) return replacement;
    if (kind === 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) return { ...(value as object), [key]: replacement };
    if (kind === 2 && Array.isArray(value)) return [...value, replacement];
    return replacement;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return kind === 3 ? value : [replacement];
    const i = path[0]! % value.length;
    if (kind === 3 && path.length === 1) return value.filter((_, j) => j !== i);
    const copy = [...value];
    copy[i] = applyJsonOp(value[i], [path.slice(1), kind, replacement, key]);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { [key]: replacement };
  const k = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (kind === 3 && path.length === 1) {
    delete copy[k];
    return copy;
  }
  Object.defineProperty(copy, k, { value: applyJsonOp((value as Record<string, unknown>)[k], [path.slice(1), kind, replacement, key]), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Parsed valid JSON documents with 1–3 structural mutations: a node replaced by an odd value, removed, or a key added. */
export function mutatedJson(seeds: readonly unknown[], maxOps = 3): fc.Arbitrary<unknown> {
  const op: fc.Arbitrary<JsonPathOp> = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.nat(3), oddJson, fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'null', 'chart', 'table', 'v', 'kind')));
  return fc.tuple(fc.nat(seeds.length - 1), fc.array(op, { minLength: 1, maxLength: maxOps })).map(([i, ops]) => ops.reduce((v, o) => applyJsonOp(v, o), seeds[i]));
}
