import fc from 'fast-check';
import { encode as cborgEncode, rfc8949EncodeOptions } from 'cborg';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { CanonicalEncodingError } from '../../src/errors.js';
import { canonicalValue } from '../helpers/canonical-arbitrary.js';
import { FC_SEED } from '../helpers/seeded.js';

const hex = (v: unknown) => toHex(encodeCanonical(v));

describe('encodeCanonical', () => {
  it('uses the shortest integer forms (RFC 8949 Appendix A)', () => {
    const cases: [unknown, string][] = [
      [0, '00'],
      [1, '01'],
      [10, '0a'],
      [23, '17'],
      [24, '1818'],
      [25, '1819'],
      [100, '1864'],
      [1000, '1903e8'],
      [1000000, '1a000f4240'],
      [1000000000000, '1b000000e8d4a51000'],
      [18446744073709551615n, '1bffffffffffffffff'],
      [-18446744073709551616n, '3bffffffffffffffff'],
      [-1, '20'],
      [-10, '29'],
      [-100, '3863'],
      [-1000, '3903e7'],
      [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
      [-0, '00'],
      [5n, '05'],
    ];
    for (const [value, expected] of cases) expect(hex(value), String(value)).toBe(expected);
  });

  it('encodes strings, bytes, booleans, null, arrays and nested maps', () => {
    expect(hex('')).toBe('60');
    expect(hex('IETF')).toBe('6449455446');
    expect(hex('ü')).toBe('62c3bc');
    expect(hex(Uint8Array.from([1, 2, 3, 4]))).toBe('4401020304');
    expect(hex(Buffer.from([1, 2]))).toBe('420102');
    expect(hex([1, [2, 3], [4, 5]])).toBe('8301820203820405');
    expect(hex(true)).toBe('f5');
    expect(hex(false)).toBe('f4');
    expect(hex(null)).toBe('f6');
    expect(hex({ a: 1, b: [2, 3] })).toBe('a26161016162820203');
  });

  it('sorts map keys by their encoded bytes (shorter first), whatever the insertion order', () => {
    // RFC 8949 §4.2.1: bytewise lexicographic order of the deterministic encodings of the keys.
    expect(hex({ aa: 3, b: 2, a: 1, '': 0 })).toBe('a4600061610161620262616103');
    expect(hex({ a: 1, b: 2 })).toBe(hex({ b: 2, a: 1 }));
    const object = Object.create(null) as Record<string, number>;
    object.z = 1;
    expect(hex(object)).toBe('a1617a01');
  });

  it.each([
    ['a float', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['an unsafe integer', 2 ** 53],
    ['a bigint beyond 64 bits', 2n ** 64n],
    ['a negative bigint beyond 64 bits', -(2n ** 64n) - 1n],
    ['undefined', undefined],
    ['a nested undefined', { a: undefined }],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Foo {})()],
    ['a Uint16Array', new Uint16Array(2)],
    ['an ArrayBuffer', new ArrayBuffer(2)],
    ['a sparse array', [1, , 3]],
    ['a lone surrogate', '\uD800x'],
    ['a symbol key', { [Symbol('k')]: 1 }],
  ])('refuses %s with CanonicalEncodingError', (_, value) => {
    expect(() => encodeCanonical(value)).toThrow(CanonicalEncodingError);
  });

  it('names the path of the offending value', () => {
    try {
      encodeCanonical({ body: { regions: ['19', 1.25] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CanonicalEncodingError);
      expect((error as CanonicalEncodingError).path).toBe('/body/regions/1');
      expect((error as CanonicalEncodingError).code).toBe('IDENTITY_CANONICAL_ENCODING');
    }
  });

  it('returns plain Uint8Arrays that own their memory (not Buffer views into a shared pool)', () => {
    for (const value of [1, 'x'.repeat(300), { a: Uint8Array.of(1) }]) {
      const bytes = encodeCanonical(value);
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    }
  });

  it('refuses cycles and excessive nesting', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeCanonical(cyclic)).toThrow(CanonicalEncodingError);
    let deep: unknown = 1;
    for (let i = 0; i < 33; i++) deep = [deep];
    expect(() => encodeCanonical(deep)).toThrow(/nesting/);
  });
});

describe('encodeCanonical against cborg (rfc8949EncodeOptions)', () => {
  it('writes byte for byte what cborg writes, on random canonical values', () => {
    const withNegatives = fc.oneof(canonicalValue, fc.integer(), fc.constant(-0), fc.string({ unit: 'binary', maxLength: 80 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 30 }), fc.maxSafeInteger(), { maxKeys: 30 }));
    fc.assert(
      fc.property(withNegatives, (value) => {
        expect(toHex(encodeCanonical(value))).toBe(toHex(cborgEncode(value, rfc8949EncodeOptions)));
      }),
      { seed: FC_SEED, numRuns: 2000 },
    );
  });

  it('writes integers at every width boundary like cborg', () => {
    const edges = [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
    for (const n of [...edges, ...edges.filter((e) => e < Number.MAX_SAFE_INTEGER).map((e) => -e - 1), -Number.MAX_SAFE_INTEGER]) expect(toHex(encodeCanonical(n)), String(n)).toBe(toHex(cborgEncode(n, rfc8949EncodeOptions)));
    for (const n of [2n ** 53n, 2n ** 64n - 1n, -(2n ** 64n), -(2n ** 53n) - 2n]) expect(toHex(encodeCanonical(n)), String(n)).toBe(toHex(cborgEncode(n, rfc8949EncodeOptions)));
  });

  it('returns an array that owns exactly its bytes, larger than its first buffer too', () => {
    const big = encodeCanonical({ blob: new Uint8Array(5000).fill(7), list: Array.from({ length: 300 }, (_, i) => `item-${i}`) });
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(big.byteLength);
    expect(Object.getPrototypeOf(big)).toBe(Uint8Array.prototype);
  });
});
