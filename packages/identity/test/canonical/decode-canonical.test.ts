import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes/hex.js';
import { decodeCanonical } from '../../src/canonical/decode-canonical.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { CanonicalDecodingError, type CanonicalDecodingReason } from '../../src/errors.js';
import { canonicalValue } from '../helpers/canonical-arbitrary.js';
import { FC_SEED } from '../helpers/seeded.js';

function reasonOf(bytes: Uint8Array, options?: Parameters<typeof decodeCanonical>[1]): CanonicalDecodingReason | 'ok' {
  try {
    decodeCanonical(bytes, options);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(CanonicalDecodingError);
    expect((error as CanonicalDecodingError).code).toBe('IDENTITY_CANONICAL_DECODING');
    return (error as CanonicalDecodingError).reason;
  }
}

describe('decodeCanonical', () => {
  it('round-trips every canonical value, and the bytes are stable', () => {
    fc.assert(
      fc.property(canonicalValue, (value) => {
        const bytes = encodeCanonical(value);
        const decoded = decodeCanonical(bytes);
        expect(decoded).toEqual(value);
        expect(encodeCanonical(decoded)).toEqual(bytes);
      }),
      { seed: FC_SEED, numRuns: 500 },
    );
  });

  it('returns integers beyond 2^53 as bigint and others as number', () => {
    expect(decodeCanonical(fromHex('1bffffffffffffffff'))).toBe(18446744073709551615n);
    expect(decodeCanonical(fromHex('1b001fffffffffffff'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeCanonical(fromHex('3bffffffffffffffff'))).toBe(-18446744073709551616n);
  });

  it.each<[string, string, CanonicalDecodingReason]>([
    ['half float 1.0', 'f93c00', 'float'],
    ['double 1.5', 'fb3ff8000000000000', 'float'],
    ['float inside a map', 'a16161f93c00', 'float'],
    ['undefined', 'f7', 'undefined'],
    ['a tag (epoch date)', 'c11a514b67b0', 'tag'],
    ['a tag (bignum)', 'c249010000000000000000', 'tag'],
    ['an indefinite array', '9f01ff', 'indefinite-length'],
    ['an indefinite map', 'bf616101ff', 'indefinite-length'],
    ['an indefinite byte string', '5f4101ff', 'indefinite-length'],
    ['an indefinite text string', '7f6161ff', 'indefinite-length'],
    ['a stray break', 'ff', 'indefinite-length'],
    ['duplicate map keys', 'a2616101616102', 'duplicate-key'],
    ['an integer map key', 'a10101', 'non-string-key'],
    ['a byte-string map key', 'a1410101', 'non-string-key'],
    ['trailing bytes', '0101', 'trailing-bytes'],
    ['a non-shortest integer', '1801', 'non-canonical'],
    ['a non-shortest length', '780161', 'non-canonical'],
    ['unsorted map keys', 'a2616202616101', 'non-canonical'],
    ['map keys sorted by string, not by encoding', 'a262616101616202', 'non-canonical'],
    ['invalid UTF-8', '62fffe', 'non-canonical'],
    ['an overlong UTF-8 encoding', '62c0af', 'non-canonical'],
    ['a UTF-8 encoded surrogate', '63eda080', 'non-canonical'],
    ['a leading byte-order mark (dropped by lax decoders)', '64efbbbf61', 'non-canonical'],
    ['a non-shortest negative integer', '3800', 'non-canonical'],
    ['a non-shortest byte-string length', '580101', 'non-canonical'],
    ['a non-shortest array length', '980101', 'non-canonical'],
    ['a non-shortest map length', 'b801616101', 'non-canonical'],
    ['a non-shortest 16-bit integer', '190017', 'non-canonical'],
    ['unsorted keys in a nested map', 'a16178a2616202616101', 'non-canonical'],
    ['simple value 32 (1-byte form)', 'f820', 'invalid-cbor'],
    ['simple value 16', 'f0', 'invalid-cbor'],
    ['a truncated array', '8301', 'invalid-cbor'],
    ['a truncated byte string', '4501', 'invalid-cbor'],
    ['a reserved additional info', '1c', 'invalid-cbor'],
  ])('refuses %s', (_, hex, reason) => {
    expect(reasonOf(fromHex(hex))).toBe(reason);
  });

  it('refuses input over maxBytes before parsing, and empty input', () => {
    const bytes = encodeCanonical('x'.repeat(100));
    expect(reasonOf(bytes, { maxBytes: 100 })).toBe('too-large');
    expect(reasonOf(bytes, { maxBytes: 102 })).toBe('ok');
    expect(reasonOf(new Uint8Array(2 * 1024 * 1024))).toBe('too-large');
    expect(reasonOf(new Uint8Array())).toBe('invalid-cbor');
    expect(reasonOf('00' as unknown as Uint8Array)).toBe('not-bytes');
  });

  it('bounds nesting without blowing the stack', () => {
    expect(reasonOf(new Uint8Array(200_000).fill(0x81))).toBe('too-deep');
    let deep: unknown = 1;
    for (let i = 0; i < 32; i++) deep = [deep];
    expect(reasonOf(encodeCanonical(deep))).toBe('ok');
    expect(reasonOf(encodeCanonical(deep), { maxDepth: 5 })).toBe('too-deep');
  });

  it('the single pass agrees with the re-encoding reference on mutated canonical bytes', () => {
    const verdict = (bytes: Uint8Array, reencodeCheck: boolean): unknown => {
      try {
        return { ok: decodeCanonical(bytes, { reencodeCheck }) };
      } catch (error) {
        expect(error).toBeInstanceOf(CanonicalDecodingError);
        return 'rejected';
      }
    };
    fc.assert(
      fc.property(
        canonicalValue,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 3 }),
        (value, edits) => {
          const bytes = Array.from(encodeCanonical(value));
          for (const [at, byte, op] of edits) {
            const i = at % (bytes.length + 1);
            if (op === 'set' && i < bytes.length) bytes[i] = byte;
            else if (op === 'insert') bytes.splice(i, 0, byte);
            else if (op === 'delete' && bytes.length > 1) bytes.splice(i % bytes.length, 1);
          }
          const input = Uint8Array.from(bytes);
          const fast = verdict(input, false);
          expect(fast).toEqual(verdict(input, true));
          if (fast !== 'rejected') expect(encodeCanonical((fast as { ok: unknown }).ok)).toEqual(input);
        },
      ),
      { seed: FC_SEED, numRuns: 5000 },
    );
  });

  it('survives random garbage with typed errors only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        reasonOf(bytes);
      }),
      { seed: FC_SEED, numRuns: 2000 },
    );
  });

  it('returns byte strings that do not alias the input', () => {
    const bytes = encodeCanonical({ b: Uint8Array.of(1, 2, 3) });
    const decoded = decodeCanonical(bytes) as { b: Uint8Array };
    bytes[bytes.length - 1] = 9;
    expect(decoded.b).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('decodes a __proto__ key as an own property without touching the prototype', () => {
    const decoded = decodeCanonical(fromHex('a1695f5f70726f746f5f5fa0')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__']);
  });
});

describe('decodeCanonical short-text cache', () => {
  const fnvSlot = (text: string) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return (hash >>> 0) & 1023;
  };

  it('decodes strings that share a cache slot each as itself, in either order and again', () => {
    const bySlot = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const text = `key_${i}`;
      const other = bySlot.get(fnvSlot(text));
      if (other !== undefined) pair = [other, text];
      else bySlot.set(fnvSlot(text), text);
    }
    const [a, b] = pair;
    for (let round = 0; round < 3; round++) {
      expect(decodeCanonical(encodeCanonical({ [a]: 1, [b]: 2 }))).toEqual({ [a]: 1, [b]: 2 });
      expect(decodeCanonical(encodeCanonical([b, a, b, a]))).toEqual([b, a, b, a]);
    }
  });

  it('never answers a string of another length or with one byte changed from the cache', () => {
    expect(decodeCanonical(encodeCanonical(['tps', 'tpt', 'tps0', 'tp', 'tps']))).toEqual(['tps', 'tpt', 'tps0', 'tp', 'tps']);
  });
});
