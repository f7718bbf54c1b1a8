import type { Ed25519Provider } from '../crypto/ed25519-provider.js';
import type { SignedObject } from './signed-object.js';
import { verifyItemOf } from './signing-bytes.js';

/**
 * Whether the object's signature is valid. Everything checked comes from `obj.bytes` (signer, signature and
 * signed content), so it is the stored, hashed form that is verified. Never throws: bad bytes give false.
 */
export async function verifySignature(obj: Pick<SignedObject, 'bytes'>, provider: Ed25519Provider): Promise<boolean> {
  let item;
  try {
    item = verifyItemOf(obj);
  } catch {
    return false;
  }
  return provider.verify(item.publicKey, item.message, item.signature);
}
