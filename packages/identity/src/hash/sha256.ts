import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes/hex.js';

/** SHA-256 digest (32 bytes) of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** Lowercase hex of the SHA-256 of `bytes`: the id of an object or a photo. */
export function hashHex(bytes: Uint8Array): string {
  return toHex(nobleSha256(bytes));
}
