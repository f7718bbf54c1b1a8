import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from '../../src/bytes/base64.js';
import { ByteEncodingError } from '../../src/errors.js';
import { FC_SEED } from '../helpers/seeded.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('base64', () => {
  it('matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(text(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(text(plain));
      expect(toBase64Url(text(plain))).toBe(encoded.replace(/=+$/, ''));
    }
  });

  it('agrees with Node Buffer and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
      { seed: FC_SEED },
    );
  });

  it.each(['Zg', 'Zg=', 'Z===', 'Zm9v\n', 'Zh==', 'Zm9v YmFy', 'Zm-v'])('fromBase64 rejects %j', (bad) => {
    expect(() => fromBase64(bad)).toThrow(ByteEncodingError);
  });

  it.each(['Zg==', 'Z', 'Zh', 'ab+c'])('fromBase64Url rejects %j', (bad) => {
    expect(() => fromBase64Url(bad)).toThrow(ByteEncodingError);
  });
});
