import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes, decodeKey, encodeKey, keyRange } from '../src/utf8-keys.js';
import { StoreCorruptionError } from '../src/errors.js';

function codePointCompare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

function inRange(bytes: Uint8Array, range: ReturnType<typeof keyRange>): boolean {
  if (range === undefined) return false;
  return (range.gte === undefined || compareBytes(bytes, range.gte) >= 0) && (range.lt === undefined || compareBytes(bytes, range.lt) < 0);
}

const text = fc.string({ unit: 'grapheme', maxLength: 6 });
const options = { seed: 7, numRuns: 2000 };

describe('utf8 keys', () => {
  it('byte order of UTF-8 equals code point order (seeded)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => Math.sign(compareBytes(encodeKey(a), encodeKey(b))) === Math.sign(codePointCompare(a, b))),
      options,
    );
  });

  it('keyRange holds exactly the keys with the prefix inside [gte, lt) (seeded)', () => {
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), (key, prefix, gte, lt) => {
        const expected =
          key.startsWith(prefix) &&
          (gte === undefined || codePointCompare(key, gte) >= 0) &&
          (lt === undefined || codePointCompare(key, lt) < 0);
        expect(inRange(encodeKey(key), keyRange(prefix, gte, lt))).toBe(expected);
      }),
      options,
    );
  });

  it('keyRange is unbounded without options and empty when bounds cross', () => {
    expect(keyRange('')).toEqual({});
    expect(keyRange('', 'b', 'a')).toBeUndefined();
    expect(keyRange('', undefined, '')).toBeUndefined();
    expect(keyRange('a/')).toEqual({ gte: Uint8Array.of(0x61, 0x2f), lt: Uint8Array.of(0x61, 0x2f, 0xff) });
  });

  it('decodeKey round-trips and rejects bytes that are not UTF-8', () => {
    expect(decodeKey(encodeKey('\u{1F600}/\u00e9'))).toBe('\u{1F600}/\u00e9');
    expect(() => decodeKey(Uint8Array.of(0xc3))).toThrow(StoreCorruptionError);
    expect(() => decodeKey(Uint8Array.of(0xed, 0xa0, 0x80))).toThrow(StoreCorruptionError);
    expect(decodeKey(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });
});
