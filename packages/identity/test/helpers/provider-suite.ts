import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.js';
import type { Ed25519Provider } from '../../src/crypto/ed25519-provider.js';
import { KeyError } from '../../src/errors.js';
import { craftedSignatures, NON_CANONICAL_SMALL_ORDER } from './crafted-signatures.js';

/** RFC 8032 §7.1 TEST 1–3. */
export const RFC8032_VECTORS = [
  {
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

/** The 8 small-order points of edwards25519 (encodings). A lax (ZIP-215) verifier accepts forgeries with them. */
export const SMALL_ORDER_POINTS = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
];

/** Acceptance suite every {@link Ed25519Provider} passes. */
export function runProviderSuite(name: string, provider: Ed25519Provider): void {
  describe(`Ed25519Provider ${name}`, () => {
    it.each(RFC8032_VECTORS.map((v, i) => [i + 1, v] as const))('reproduces RFC 8032 TEST %i', async (_, v) => {
      const secretKey = fromHex(v.secretKey);
      expect(toHex(await provider.publicKeyOf(secretKey))).toBe(v.publicKey);
      const signature = await provider.sign(secretKey, fromHex(v.message));
      expect(toHex(signature)).toBe(v.signature);
      expect(await provider.verify(fromHex(v.publicKey), fromHex(v.message), signature)).toBe(true);
    });

    it('rejects a flipped bit in message, signature or key', async () => {
      const v = RFC8032_VECTORS[2]!;
      const pk = fromHex(v.publicKey);
      const msg = fromHex(v.message);
      const sig = fromHex(v.signature);
      expect(await provider.verify(pk, Uint8Array.from([msg[0]! ^ 1, msg[1]!]), sig)).toBe(false);
      for (const position of [0, 31, 32, 63]) {
        const bad = Uint8Array.from(sig);
        bad[position]! ^= 0x10;
        expect(await provider.verify(pk, msg, bad)).toBe(false);
      }
      const badKey = Uint8Array.from(pk);
      badKey[5]! ^= 1;
      expect(await provider.verify(badKey, msg, sig)).toBe(false);
    });

    it('resolves false (never rejects) on malformed inputs', async () => {
      const v = RFC8032_VECTORS[0]!;
      const pk = fromHex(v.publicKey);
      const sig = fromHex(v.signature);
      const empty = new Uint8Array();
      expect(await provider.verify(pk.subarray(1), empty, sig)).toBe(false);
      expect(await provider.verify(pk, empty, sig.subarray(1))).toBe(false);
      expect(await provider.verify(new Uint8Array(32).fill(0xff), empty, sig)).toBe(false);
      expect(await provider.verify('nope' as unknown as Uint8Array, empty, sig)).toBe(false);
      expect(await provider.verify(pk, null as unknown as Uint8Array, sig)).toBe(false);
    });

    it('rejects a non-canonical S (S + L), which RFC 8032 forbids', async () => {
      const v = RFC8032_VECTORS[1]!;
      const sig = fromHex(v.signature);
      const L = 2n ** 252n + 27742317777372353535851937790883648493n;
      let s = 0n;
      for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
      let t = s + L;
      for (let i = 32; i < 64; i++) {
        sig[i] = Number(t & 0xffn);
        t >>= 8n;
      }
      expect(await provider.verify(fromHex(v.publicKey), fromHex(v.message), sig)).toBe(false);
    });

    it('rejects small-order keys and R values that a ZIP-215 verifier accepts', async () => {
      let accepted = 0;
      for (const a of SMALL_ORDER_POINTS) {
        for (const r of SMALL_ORDER_POINTS) {
          for (let m = 0; m < 4; m++) {
            const sig = new Uint8Array(64);
            sig.set(fromHex(r));
            if (await provider.verify(fromHex(a), Uint8Array.of(m), sig)) accepted++;
          }
        }
      }
      expect(accepted).toBe(0);
    });

    it('gives the strict cofactorless verdict on signatures a key holder crafted (small-order and mixed-order R, mixed-order key)', async () => {
      const crafted = craftedSignatures(fromHex(RFC8032_VECTORS[0]!.secretKey));
      const verdicts = await Promise.all(crafted.map((c) => provider.verify(c.publicKey, c.message, c.signature)));
      expect(verdicts.map((v, i) => `${crafted[i]!.name}: ${v}`)).toEqual(crafted.map((c) => `${c.name}: ${c.expected}`));
      expect(crafted.some((c) => c.expected)).toBe(true); // the mixed-order key with 8 | k: accepted everywhere
    });

    it('rejects non-canonical encodings of small-order points as key or R', async () => {
      const v = RFC8032_VECTORS[0]!;
      const sig = fromHex(v.signature);
      for (const hex of NON_CANONICAL_SMALL_ORDER) {
        expect(await provider.verify(fromHex(hex), fromHex(v.message), sig)).toBe(false);
        const withR = Uint8Array.from(sig);
        withR.set(fromHex(hex), 0);
        expect(await provider.verify(fromHex(v.publicKey), fromHex(v.message), withR)).toBe(false);
      }
    });

    it('throws KeyError for a secret key of the wrong length', async () => {
      await expect(provider.sign(new Uint8Array(31), new Uint8Array())).rejects.toBeInstanceOf(KeyError);
      await expect(provider.publicKeyOf(new Uint8Array(64))).rejects.toBeInstanceOf(KeyError);
    });

    it('gives fresh 32-byte random secret keys', () => {
      const a = provider.randomSecretKey();
      const b = provider.randomSecretKey();
      expect(a).toHaveLength(32);
      expect(toHex(a)).not.toBe(toHex(b));
    });
  });
}
