import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

/**
 * Signatures a key holder can craft that some Ed25519 libraries accept and others refuse (see "Taming the many
 * EdDSAs", Chalkias et al. 2020), built with noble's point arithmetic: each verifier must give the verdict the
 * strict cofactorless rule gives (`expected`).
 */
export interface CraftedSignature {
  readonly name: string;
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  /** The verdict of RFC 8032's cofactorless equation with strict encodings and no small-order key or R. */
  readonly expected: boolean;
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
/** A point of order 8. */
const TORSION = ed.Point.fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05');

function toScalar(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function scalarBytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function challenge(r: Uint8Array, publicKey: Uint8Array, message: Uint8Array): bigint {
  return toScalar(sha512(ed.etc.concatBytes(r, publicKey, message))) % L;
}

function signature(r: Uint8Array, s: bigint): Uint8Array {
  return ed.etc.concatBytes(r, scalarBytes(((s % L) + L) % L));
}

/** The crafted cases for one secret key, over a few messages. */
export function craftedSignatures(secretKey: Uint8Array): CraftedSignature[] {
  const { scalar: a, pointBytes: publicKey, point: aPoint } = ed.utils.getExtendedPublicKey(secretKey);
  const cases: CraftedSignature[] = [];
  for (let m = 0; m < 8; m++) {
    const message = Uint8Array.of(m, 0x54, 0x49, 0x54, 0x49, 0x50);
    // R = identity, S = k·a: [S]B − [k]A = identity = R holds exactly, but R has small order.
    const identity = ed.Point.ZERO.toBytes();
    cases.push({ name: `small-order R (identity), message ${m}`, publicKey, message, signature: signature(identity, challenge(identity, publicKey, message) * a), expected: false });
    // R = [r]B + T: the cofactored equation holds, the cofactorless one does not.
    const r = 1000n + BigInt(m);
    const mixedR = ed.Point.BASE.multiply(r).add(TORSION).toBytes();
    cases.push({ name: `mixed-order R, message ${m}`, publicKey, message, signature: signature(mixedR, r + challenge(mixedR, publicKey, message) * a), expected: false });
    // A' = A + T, signed with a: holds cofactorless exactly when 8 divides k (the torsion then cancels).
    const mixedA = aPoint.add(TORSION).toBytes();
    const plainR = ed.Point.BASE.multiply(r).toBytes();
    const k = challenge(plainR, mixedA, message);
    cases.push({ name: `mixed-order key, message ${m} (k mod 8 = ${k % 8n})`, publicKey: mixedA, message, signature: signature(plainR, r + k * a), expected: k % 8n === 0n });
  }
  return cases;
}

/** A valid signature's key and R re-encoded with y + p (non-canonical; only possible for y < 19): none here, so the
 * non-canonical encodings of the small-order points, which every strict verifier refuses. */
export const NON_CANONICAL_SMALL_ORDER = [
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];
