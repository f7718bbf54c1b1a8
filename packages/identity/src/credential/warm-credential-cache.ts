import type { BatchVerifier } from '../crypto/batch-verifier.js';
import { verifyItemOf } from '../envelope/signing-bytes.js';
import { hashHex } from '../hash/sha256.js';
import type { CredentialCache } from './credential-cache.js';
import { decodeCredential } from './decode-credential.js';

/**
 * Checks, in one batch, the signatures of the credential envelopes not yet in `cache`, and caches those that
 * decode and verify. A later {@link verifyCredentialChain} with the same cache then needs no signature work for
 * them. Invalid or malformed envelopes are simply not cached (the chain verification reports them).
 * @returns how many envelopes were added to the cache.
 */
export async function warmCredentialCache(
  envelopes: Iterable<Uint8Array>,
  cache: CredentialCache,
  verifier: BatchVerifier,
  options: { maxBytes?: number } = {},
): Promise<number> {
  const pending = new Map<string, ReturnType<typeof decodeCredential> & { ok: true }>();
  for (const bytes of envelopes) {
    if (!(bytes instanceof Uint8Array)) continue;
    const hash = hashHex(bytes);
    if (pending.has(hash) || cache.get(hash) !== undefined) continue;
    const decoded = decodeCredential(bytes, options);
    if (decoded.ok) pending.set(hash, decoded);
  }
  if (pending.size === 0) return 0;
  const entries = [...pending.entries()];
  const results = await verifier.verifyBatch(entries.map(([, d]) => verifyItemOf(d.obj)));
  let added = 0;
  entries.forEach(([hash, d], i) => {
    if (results[i] === true) {
      cache.set(hash, { body: d.obj.body, signer: d.obj.signer });
      added++;
    }
  });
  return added;
}
