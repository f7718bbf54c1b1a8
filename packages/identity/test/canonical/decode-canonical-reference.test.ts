import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { CanonicalDecodingError } from '../../src/errors.js';
import { canonicalValue } from '../helpers/canonical-arbitrary.js';
import { referenceDecodeCanonical } from '../helpers/reference-decode.js';
import { FC_SEED } from '../helpers/seeded.js';

type Verdict = { ok: unknown } | { reason: string };

function verdict(decode: (b: Uint8Array, o?: { maxDepth?: number }) => unknown, bytes: Uint8Array, maxDepth?: number): Verdict {
  try {
    return { ok: decode(bytes, maxDepth === undefined ? {} : { maxDepth }) };
  } catch (error) {
    expect(error).toBeInstanceOf(CanonicalDecodingError);
    return { reason: (error as CanonicalDecodingError).reason };
  }
}

/** The single-pass decoder and the previous cborg-based one give the same value or the same refusal reason. */
function agree(bytes: Uint8Array, maxDepth?: number): Verdict {
  const fast = verdict(decodeCanonical, bytes, maxDepth);
  expect(fast, Buffer.from(bytes).toString('hex')).toEqual(verdict(referenceDecodeCanonical, bytes, maxDepth));
  if ('ok' in fast) expect(encodeCanonical(fast.ok as never)).toEqual(bytes);
  return fast;
}

function mutate(bytes: number[], edits: [number, number, 'set' | 'insert' | 'delete'][]): Uint8Array {
  for (const [at, byte, op] of edits) {
    const i = at % (bytes.length + 1);
    if (op === 'set' && i < bytes.length) bytes[i] = byte;
    else if (op === 'insert') bytes.splice(i, 0, byte);
    else if (op === 'delete' && bytes.length > 1) bytes.splice(i % bytes.length, 1);
  }
  return Uint8Array.from(bytes);
}

const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('set' as const, 'insert' as const, 'delete' as const)), { minLength: 1, maxLength: 3 });

describe('decodeCanonical against the previous (cborg-based) decoder', () => {
  it('agrees on every canonical value', () => {
    fc.assert(fc.property(canonicalValue, (value) => void agree(encodeCanonical(value))), { seed: FC_SEED, numRuns: 1000 });
  });

  it('agrees, value or reason, on mutated canonical bytes', () => {
    fc.assert(fc.property(canonicalValue, edits, (value, e) => void agree(mutate(Array.from(encodeCanonical(value)), e))), { seed: FC_SEED + 1, numRuns: 6000 });
  });

  it('agrees on random garbage', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 48 }), (bytes) => void (bytes.length > 0 && agree(bytes))), { seed: FC_SEED + 2, numRuns: 5000 });
  });

  it('agrees on every initial byte followed by short tails (heads, lengths, simple values, floats, tags)', () => {
    const tails = [[], [0x00], [0x17], [0x18], [0xff], [0x00, 0x00], [0x01, 0x00], [0xff, 0xff], [0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0], [0, 0x20, 0, 0, 0, 0, 0, 0], [0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x20, 0, 0, 0, 0, 0, 0, 0], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x61, 0x61], [0x61, 0x61, 0x01]];
    for (let initial = 0; initial < 256; initial++) for (const tail of tails) agree(Uint8Array.from([initial, ...tail]));
  });

  it('agrees on integer edges (2^32, 2^53, 2^64, negatives) and on text edge cases', () => {
    const ints = [0n, 23n, 24n, 255n, 256n, 65_535n, 65_536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 2n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n];
    for (const n of ints) {
      for (const major of [0x00, 0x20]) {
        for (const [minor, size] of [[24, 1], [25, 2], [26, 4], [27, 8]] as const) {
          if (n >= 2n ** BigInt(8 * size)) continue;
          const bytes = [major | minor];
          for (let i = size - 1; i >= 0; i--) bytes.push(Number((n >> BigInt(8 * i)) & 0xffn));
          agree(Uint8Array.from(bytes));
        }
      }
    }
    for (const text of ['\uFEFF', 'a\uFEFF', '\uFEFFa', 'é', '𝄞', 'x'.repeat(23), 'x'.repeat(24), `${'x'.repeat(30)}é`, '\u0000']) {
      const utf8 = new TextEncoder().encode(text);
      agree(Uint8Array.from([...encodeCanonical(text).subarray(0, utf8.length < 24 ? 1 : 2), ...utf8]));
    }
  });

  it('agrees on nesting around maxDepth and on map keys of every type', () => {
    for (const depth of [1, 2, 5]) {
      for (let n = 0; n < depth + 3; n++) {
        agree(Uint8Array.from([...new Array<number>(n).fill(0x81), 0x01]), depth);
        agree(Uint8Array.from([...new Array<number>(n).fill(0x81), 0x80]), depth);
        agree(Uint8Array.from([...new Array<number>(n).fill(0xa1).flatMap((b) => [b, 0x61, 0x61]), 0x01]), depth);
      }
    }
    for (const key of ['01', '20', '40', '4161', '80', '8101', 'a0', 'f4', 'f6', 'f7', 'f93c00', 'c001', '6161', '9f', 'ff']) {
      agree(Uint8Array.from(Buffer.from(`a1${key}01`, 'hex')));
      agree(Uint8Array.from(Buffer.from(`a2616101${key}01`, 'hex')));
    }
  });
});
