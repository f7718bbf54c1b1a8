import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { KeyError, KeyFileError } from '../../src/errors.js';
import { keyPairFromKeyFile, parseKeyFile, serialiseKeyFile } from '../../src/keys/key-file.js';
import { keyPairFromSeed } from '../../src/keys/key-pair.js';

describe('key files', () => {
  it('serialises and parses back to the same key pair with its label', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(3), nobleEd25519);
    const text = serialiseKeyFile(kp, 'operator TPS 001');
    const file = parseKeyFile(text);
    expect(file).toEqual({ kind: 'titip-key', v: 1, publicKey: toHex(kp.publicKey), secretKey: toHex(kp.secretKey), label: 'operator TPS 001' });
    const back = await keyPairFromKeyFile(file, nobleEd25519);
    expect(back).toEqual(kp);
    expect(parseKeyFile(serialiseKeyFile(kp)).label).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['wrong kind', JSON.stringify({ kind: 'other', v: 1, publicKey: '00'.repeat(32), secretKey: '00'.repeat(32) })],
    ['wrong version', JSON.stringify({ kind: 'titip-key', v: 2, publicKey: '00'.repeat(32), secretKey: '00'.repeat(32) })],
    ['short key', JSON.stringify({ kind: 'titip-key', v: 1, publicKey: '00', secretKey: '00'.repeat(32) })],
    ['upper-case hex', JSON.stringify({ kind: 'titip-key', v: 1, publicKey: 'AA'.repeat(32), secretKey: '00'.repeat(32) })],
    ['extra field', JSON.stringify({ kind: 'titip-key', v: 1, publicKey: '00'.repeat(32), secretKey: '00'.repeat(32), x: 1 })],
  ])('refuses %s with KeyFileError', (_, text) => {
    expect(() => parseKeyFile(text)).toThrow(KeyFileError);
  });

  it('refuses a file whose public key does not belong to its secret key', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(3), nobleEd25519);
    const other = await keyPairFromSeed(new Uint8Array(32).fill(4), nobleEd25519);
    const file = parseKeyFile(serialiseKeyFile({ publicKey: other.publicKey, secretKey: kp.secretKey }));
    await expect(keyPairFromKeyFile(file, nobleEd25519)).rejects.toBeInstanceOf(KeyError);
  });
});
