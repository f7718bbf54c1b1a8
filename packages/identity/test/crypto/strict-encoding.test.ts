import { describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { fromHex } from '../../src/bytes/hex.js';
import { hasSmallOrder, isCanonicalPointEncoding, isCanonicalScalar, passesStrictEncoding } from '../../src/crypto/strict-encoding.js';
import { RFC8032_VECTORS, SMALL_ORDER_POINTS } from '../helpers/provider-suite.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const le = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
};

describe('hasSmallOrder', () => {
  it('recognises the 8 small-order points, with either sign bit', () => {
    for (const hex of SMALL_ORDER_POINTS) {
      const point = fromHex(hex);
      expect(hasSmallOrder(point), hex).toBe(true);
      point[31]! ^= 0x80;
      expect(hasSmallOrder(point), `${hex} other sign`).toBe(true);
    }
  });

  it('agrees with noble on which points have small order (multiples of the base point, and with torsion)', () => {
    const torsion = ed.Point.fromHex(SMALL_ORDER_POINTS[6]!);
    for (let i = 1n; i < 40n; i++) {
      const p = ed.Point.BASE.multiply(i);
      expect(hasSmallOrder(p.toBytes())).toBe(false);
      expect(hasSmallOrder(p.add(torsion).toBytes())).toBe(false);
    }
  });
});

describe('isCanonicalPointEncoding', () => {
  it('refuses y ≥ p and accepts y = p − 1', () => {
    expect(isCanonicalPointEncoding(fromHex(`ec${'ff'.repeat(30)}7f`))).toBe(true);
    for (const low of ['ed', 'ee', 'f0', 'ff']) {
      expect(isCanonicalPointEncoding(fromHex(`${low}${'ff'.repeat(30)}7f`)), low).toBe(false);
      expect(isCanonicalPointEncoding(fromHex(`${low}${'ff'.repeat(30)}ff`)), `${low} with sign`).toBe(false);
    }
    expect(isCanonicalPointEncoding(fromHex(`ff${'ff'.repeat(29)}fe7f`))).toBe(true);
    expect(isCanonicalPointEncoding(fromHex(RFC8032_VECTORS[0]!.publicKey))).toBe(true);
  });
});

describe('isCanonicalScalar', () => {
  it('accepts 0 and L − 1, refuses L, L + 1 and 2^256 − 1', () => {
    expect(isCanonicalScalar(le(0n))).toBe(true);
    expect(isCanonicalScalar(le(L - 1n))).toBe(true);
    expect(isCanonicalScalar(le(L))).toBe(false);
    expect(isCanonicalScalar(le(L + 1n))).toBe(false);
    expect(isCanonicalScalar(new Uint8Array(32).fill(0xff))).toBe(false);
  });
});

describe('passesStrictEncoding', () => {
  it('passes the RFC 8032 vectors and refuses a small-order R, a small-order key, a wrong length', () => {
    for (const v of RFC8032_VECTORS) expect(passesStrictEncoding(fromHex(v.publicKey), fromHex(v.signature))).toBe(true);
    const v = RFC8032_VECTORS[0]!;
    const sig = fromHex(v.signature);
    sig.set(fromHex(SMALL_ORDER_POINTS[0]!), 0);
    expect(passesStrictEncoding(fromHex(v.publicKey), sig)).toBe(false);
    expect(passesStrictEncoding(fromHex(SMALL_ORDER_POINTS[4]!), fromHex(v.signature))).toBe(false);
    expect(passesStrictEncoding(fromHex(v.publicKey).subarray(1), fromHex(v.signature))).toBe(false);
  });
});
