import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { createSodiumEd25519, createSodiumVerify, loadSodium } from '../../src/node/sodium-ed25519.js';
import { runProviderSuite } from '../helpers/provider-suite.js';
import { seededBytes } from '../helpers/seeded.js';

runProviderSuite('createSodiumEd25519()', createSodiumEd25519());

describe('createSodiumEd25519', () => {
  it('loads the prebuilt libsodium addon here', () => {
    expect(loadSodium()).not.toBeNull();
  });

  it('re-derives a secret key whose array was mutated after caching', async () => {
    const provider = createSodiumEd25519();
    const secretKey = new Uint8Array(32).fill(7);
    const first = await provider.publicKeyOf(secretKey);
    const firstSignature = await provider.sign(secretKey, Uint8Array.of(1));
    secretKey[0] = 8;
    expect(toHex(await provider.publicKeyOf(secretKey))).not.toBe(toHex(first));
    expect(toHex(await provider.publicKeyOf(secretKey))).toBe(toHex(await nobleEd25519.publicKeyOf(secretKey)));
    expect(toHex(await provider.sign(secretKey, Uint8Array.of(1)))).toBe(toHex(await nobleEd25519.sign(secretKey, Uint8Array.of(1))));
    expect(toHex(firstSignature)).not.toBe(toHex(await provider.sign(secretKey, Uint8Array.of(1))));
  });

  it('signs a message held in a view of a larger buffer like a copy of it', async () => {
    const provider = createSodiumEd25519();
    const secretKey = seededBytes('view', 32);
    const backing = seededBytes('view-backing', 200);
    const view = backing.subarray(37, 151);
    const signature = await provider.sign(secretKey, view);
    expect(toHex(signature)).toBe(toHex(await nobleEd25519.sign(secretKey, Uint8Array.from(view))));
    expect(await provider.verify(await provider.publicKeyOf(secretKey), view, signature)).toBe(true);
  });

  it('createSodiumVerify answers false, never throws, on inputs of the wrong type or length', () => {
    const verify = createSodiumVerify();
    const ok = new Uint8Array(32);
    expect(verify(ok.subarray(1), ok, new Uint8Array(64))).toBe(false);
    expect(verify(ok, ok, new Uint8Array(63))).toBe(false);
    expect(verify(ok, 'x' as unknown as Uint8Array, new Uint8Array(64))).toBe(false);
    expect(verify(null as unknown as Uint8Array, ok, new Uint8Array(64))).toBe(false);
  });
});
