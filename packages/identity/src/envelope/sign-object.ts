import { encodeCanonical } from '../canonical/encode-canonical.js';
import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { hashHex } from '../hash/sha256.js';
import type { KeyPair } from '../keys/key-pair.js';
import { KeyError, MalformedObjectError } from '../errors.js';
import { ENVELOPE_VERSION, KIND_PATTERN, SIGNATURE_DOMAIN, type SignedObject } from './signed-object.js';

const DOMAIN_BYTES = encodeCanonical(SIGNATURE_DOMAIN);

/** The `head` bytes, then each part in order, in one new array. */
function joined(head: readonly number[], parts: readonly Uint8Array[]): Uint8Array {
  let length = head.length;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  out.set(head, 0);
  let o = head.length;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/**
 * Signs `body` as an object of `kind` and builds its envelope. The body is encoded once: the signing input
 * (`encodeCanonical(['titip/sig/v1', kind, signer, body])`) and the envelope (`[1, kind, body, signer, signature]`)
 * are spliced from its bytes, byte for byte what encoding each array whole gives.
 * @throws {CanonicalEncodingError} when `body` is not a canonical CBOR map.
 * @throws {MalformedObjectError} when `kind` is not a valid kind name.
 * @throws {KeyError} when the key pair is malformed.
 */
export async function signObject<B extends object>(
  kind: string,
  body: B,
  keyPair: KeyPair,
  provider: Ed25519Provider,
): Promise<SignedObject<B>> {
  if (!KIND_PATTERN.test(kind)) throw new MalformedObjectError('envelope', `invalid object kind ${JSON.stringify(kind)}`);
  if (!(keyPair.publicKey instanceof Uint8Array) || keyPair.publicKey.length !== 32) {
    throw new KeyError('key pair public key must be 32 bytes');
  }
  const signer = Uint8Array.from(keyPair.publicKey);
  const kindBytes = encodeCanonical(kind);
  const bodyBytes = encodeCanonical(body);
  // 0x84: array of 4; 0x58 0x20: byte string of 32 (the signer).
  const message = joined([0x84], [DOMAIN_BYTES, kindBytes, Uint8Array.of(0x58, 32), signer, bodyBytes]);
  const signature = await provider.sign(keyPair.secretKey, message);
  if (!(signature instanceof Uint8Array) || signature.length !== 64) throw new KeyError('the provider returned a signature that is not 64 bytes');
  // 0x85 0x01: array of 5, version 1; then kind, body, signer (0x58 0x20) and signature (0x58 0x40).
  const bytes = joined([0x85, ENVELOPE_VERSION], [kindBytes, bodyBytes, Uint8Array.of(0x58, 32), signer, Uint8Array.of(0x58, 64), signature]);
  return { kind, body, signer, signature, bytes, hash: hashHex(bytes) };
}
