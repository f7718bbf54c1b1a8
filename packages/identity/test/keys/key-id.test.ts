import { describe, expect, it } from 'vitest';
import { KeyError } from '../../src/errors.js';
import { isKeyId, keyId, publicKeyOfKeyId } from '../../src/keys/key-id.js';

describe('keyId', () => {
  it('is the lowercase hex of the public key and round-trips', () => {
    const pk = Uint8Array.from({ length: 32 }, (_, i) => 0xf0 + (i % 16));
    const id = keyId(pk);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id.startsWith('f0f1f2')).toBe(true);
    expect(isKeyId(id)).toBe(true);
    expect(publicKeyOfKeyId(id)).toEqual(pk);
  });

  it('refuses wrong lengths and malformed ids', () => {
    expect(() => keyId(new Uint8Array(31))).toThrow(KeyError);
    expect(isKeyId('AB'.repeat(32))).toBe(false);
    expect(() => publicKeyOfKeyId('xyz')).toThrow(KeyError);
  });
});
