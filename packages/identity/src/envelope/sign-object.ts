import { encodeCanonical } from '../canonical/encode-canonical.js';
import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import { hashHex } from '../hash/sha256.js';
import type { KeyPair } from '../keys/key-pair.js';
import { KeyError, MalformedObjectError } from '../errors.js';
import { ENVELOPE_VERSION, KIND_PATTERN, type SignedObject } from './signed-object.js';
import { signingBytes } from './signing-bytes.js';

/**
 * Signs `body` as an object of `kind` and builds its envelope.
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
  const message = signingBytes(kind, signer, body);
  const signature = await provider.sign(keyPair.secretKey, message);
  const bytes = encodeCanonical([ENVELOPE_VERSION, kind, body, signer, signature]);
  return { kind, body, signer, signature, bytes, hash: hashHex(bytes) };
}
