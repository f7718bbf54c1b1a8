import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, isLowerHex, toHex } from '../../src/bytes/hex.js';
import { ByteEncodingError } from '../../src/errors.js';
import { FC_SEED } from '../helpers/seeded.js';

describe('hex', () => {
  it('encodes lowercase and round-trips any bytes', () => {
    expect(toHex(Uint8Array.from([0, 1, 0xab, 0xff]))).toBe('0001abff');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
      }),
      { seed: FC_SEED },
    );
  });

  it('accepts upper case input', () => {
    expect(fromHex('ABff')).toEqual(Uint8Array.from([0xab, 0xff]));
  });

  it.each(['abc', 'zz', '0x00', ' 00', 'gg'])('rejects %j with ByteEncodingError', (text) => {
    expect(() => fromHex(text)).toThrow(ByteEncodingError);
  });

  it('checks the expected length', () => {
    expect(() => fromHex('00', 2)).toThrow(/expected 2 bytes/);
    expect(fromHex('0000', 2)).toHaveLength(2);
  });

  it('isLowerHex checks length and case', () => {
    expect(isLowerHex('ab'.repeat(32), 32)).toBe(true);
    expect(isLowerHex('AB'.repeat(32), 32)).toBe(false);
    expect(isLowerHex('ab', 32)).toBe(false);
    expect(isLowerHex(12, 1)).toBe(false);
  });
});
