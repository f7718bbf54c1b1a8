import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from './ed25519-provider.js';

/**
 * The encodings (y coordinate, sign bit ignored) of the points of small order on edwards25519, canonical and
 * not (y ≥ p): 0, 1, the two y of order 8, p − 1, p, p + 1. The list libsodium checks (`ge25519_has_small_order`).
 */
const SMALL_ORDER_Y: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((hex) => Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16)));

/** Whether a 32-byte point encoding is that of a point of small order (whatever its sign bit). */
export function hasSmallOrder(encoding: Uint8Array): boolean {
  return SMALL_ORDER_Y.some((y) => {
    for (let i = 0; i < 31; i++) if (encoding[i] !== y[i]) return false;
    return (encoding[31]! & 0x7f) === y[31];
  });
}

/** Whether a 32-byte point encoding has its y coordinate below p = 2^255 − 19 (the only encoding RFC 8032 allows). */
export function isCanonicalPointEncoding(encoding: Uint8Array): boolean {
  if ((encoding[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (encoding[i] !== 0xff) return true;
  return encoding[0]! < 0xed;
}

// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
const L = Uint8Array.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'.match(/../g)!, (byte) => parseInt(byte, 16));

/** Whether a 32-byte little-endian scalar is below the group order L (RFC 8032 rejects S ≥ L). */
export function isCanonicalScalar(scalar: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (scalar[i]! < L[i]!) return true;
    if (scalar[i]! > L[i]!) return false;
  }
  return false; // equal to L
}

/**
 * The checks every Ed25519 provider makes before its own verification, so that all of them (libsodium, OpenSSL,
 * `@noble/ed25519`) accept exactly the same signatures: the key and R are canonical encodings of points that are
 * not of small order, and S is below L. Each library alone differs on some of these (OpenSSL accepts a small-order
 * R that the key holder crafted; libsodium does not), and a signature one peer accepts and another refuses would
 * get honest peers banned for relaying it. Together with the cofactorless equation (`[S]B = R + [k]A`, which all
 * three providers use) the verdict is the same everywhere.
 */
export function passesStrictEncoding(publicKey: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false;
  const r = signature.subarray(0, 32);
  return (
    isCanonicalScalar(signature.subarray(32, 64)) &&
    isCanonicalPointEncoding(publicKey) &&
    isCanonicalPointEncoding(r) &&
    !hasSmallOrder(publicKey) &&
    !hasSmallOrder(r)
  );
}
